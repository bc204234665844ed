#!/usr/bin/env bash
# Installs GLPK (libglpk-dev for glpk.h and the library, glpk-utils for glpsol) when missing.
# Debian/Ubuntu only; uses sudo when not root.
set -euo pipefail
if [ -f /usr/include/glpk.h ] && command -v glpsol >/dev/null 2>&1; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "Installing GLPK (libglpk-dev, glpk-utils) with apt-get..." >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libglpk-dev glpk-utils >&2
