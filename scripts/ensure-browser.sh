#!/usr/bin/env bash
# Installs what the workbench's browser test needs when missing: Debian's chromium and chromium-driver (apt) and
# Selenium (pip). Debian/Ubuntu only; uses sudo when not root.
set -euo pipefail
if ! command -v chromedriver > /dev/null 2>&1 || ! { command -v chromium > /dev/null 2>&1 || command -v chromium-browser > /dev/null 2>&1; }; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    echo "Installing Chromium and its WebDriver (chromium, chromium-driver) with apt-get..." >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >&2
fi
if ! python3 -c "import selenium" > /dev/null 2>&1; then
    echo "Installing Selenium with pip..." >&2
    python3 -m pip install --quiet selenium >&2
fi
