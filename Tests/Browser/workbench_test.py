#!/usr/bin/env python3
"""End-to-end test of the workbench in a real headless Chromium, driven over WebDriver (Selenium).

From an empty workspace, as a studierektor would: create a scenario through the form, see a validation error
appear while typing and fix it, save, plan and follow the live progress to the plan page, open a trainee's IUP,
pin a block, replan after a new parental leave (the pin kept) and read the change report, make a what-if variant with another number of places
and read the comparison. Every step is checked on what the browser shows.

    python3 Tests/Browser/workbench_test.py --binary .build/release/stplan [--screenshots docs/]

Exit 0 when every step passed; 1 with the failing step otherwise. Needs Debian's chromium and chromium-driver
and `pip install selenium` (.ci/run installs them).
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait


class Failed(Exception):
    pass


def start_server(binary, folder):
    """Starts `stplan serve FOLDER --port 0` and returns the process and the address it printed."""
    proc = subprocess.Popen([binary, "serve", folder, "--port", "0"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    address = None
    deadline = time.time() + 30
    lines = []
    while time.time() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        lines.append(line)
        m = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        if m:
            address = m.group(1)
            break
    if address is None:
        proc.kill()
        raise Failed("stplan serve printed no address: " + "".join(lines))
    # Keep reading its log so that the pipe never fills.
    threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
    return proc, address


def browser():
    options = webdriver.ChromeOptions()
    options.add_argument("--headless=new")
    options.add_argument("--no-sandbox")
    options.add_argument("--disable-dev-shm-usage")
    options.add_argument("--window-size=1280,1000")
    options.add_argument("--lang=sv-SE")
    for candidate in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]:
        if os.path.exists(candidate):
            options.binary_location = candidate
            break
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    return webdriver.Chrome(service=Service(executable_path=driver_path), options=options)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True, help="the stplan executable")
    parser.add_argument("--screenshots", help="a folder for PNG screenshots of the main pages")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="stplan-browser-")
    server, base = start_server(os.path.abspath(args.binary), folder)
    driver = browser()
    wait = WebDriverWait(driver, 60)
    step = "start"

    def shot(name):
        if args.screenshots:
            os.makedirs(args.screenshots, exist_ok=True)
            driver.save_screenshot(os.path.join(args.screenshots, name))

    def text():
        return driver.find_element(By.TAG_NAME, "body").text

    def expect(condition, message):
        if not condition:
            raise Failed(message)

    try:
        step = "the empty workspace"
        driver.get(base)
        expect("Mappen har inga scenariofiler ännu" in text(), "the empty workspace does not say so")

        step = "create a scenario through the form"
        driver.find_element(By.NAME, "name").send_keys("min-kohort")
        driver.find_element(By.CSS_SELECTOR, "form[action='/new'] button").click()
        wait.until(EC.url_contains("/s/min-kohort"))
        expect("Filen är giltig." in text(), "the new scenario is not shown as valid")
        expect("Ny kohort" in driver.title, "the scenario's title is not the page's: " + driver.title)

        step = "a validation error appears while typing"
        area = driver.find_element(By.ID, "yaml")
        area.send_keys("\nfel: 1")
        wait.until(EC.text_to_be_present_in_element((By.ID, "diagnostics"), "unknown key"))
        diag = driver.find_element(By.ID, "diagnostics").text
        expect("rad" in diag and "fel" in diag, "the diagnostic names no line or field: " + diag)
        shot("workbench-editor.png")

        step = "fix it and save"
        for _ in range(len("\nfel: 1")):
            area.send_keys(Keys.BACKSPACE)
        wait.until(EC.presence_of_element_located((By.ID, "valid")))
        driver.find_element(By.ID, "save").click()
        wait.until(EC.presence_of_element_located((By.ID, "message")))
        expect("Sparat. Filen är giltig." in text(), "saving did not report a valid file: " + driver.find_element(By.ID, "message").text)

        step = "plan, following the live progress"
        limit = driver.find_element(By.NAME, "time_limit")
        limit.clear()
        limit.send_keys("4")
        driver.find_element(By.ID, "plan-button").click()
        wait.until(EC.url_contains("/jobs/"))
        wait.until(EC.presence_of_element_located((By.ID, "progress-table")))
        shot("workbench-progress.png")
        wait.until(EC.url_contains("/plans/1"))
        wait.until(EC.presence_of_element_located((By.ID, "outcome")))
        outcome = driver.find_element(By.ID, "outcome").text
        expect("plan skriven" in outcome and "godkänd av kontrollen" in outcome, "the plan page says: " + outcome)
        shot("workbench-plan.png")

        step = "open a trainee's IUP"
        driver.find_element(By.LINK_TEXT, "Anna Ek").click()
        wait.until(EC.url_contains("/files/iup/anna.html"))
        expect("Anna Ek" in text(), "the IUP page does not name the trainee")
        shot("workbench-iup.png")
        driver.back()

        step = "the cohort Gantt, with details on hover"
        driver.find_element(By.ID, "gantt-page").click()
        wait.until(EC.presence_of_element_located((By.ID, "gantt")))
        titles = driver.execute_script("return Array.from(document.querySelectorAll('#gantt rect title')).map(function(t){return t.textContent;})")
        expect(any(t.startswith("Anna Ek: randning") for t in titles), "no rotation of Anna Ek in the Gantt: " + str(titles[:5]))
        shot("workbench-gantt.png")
        driver.back()

        step = "pin a block where it lies"
        wait.until(EC.presence_of_element_located((By.ID, "pin-blocks")))
        driver.find_element(By.CSS_SELECTOR, "#pin-blocks form.pin button").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#pins li")))
        pins = driver.find_element(By.ID, "pins").text
        expect("Anna Ek: randningen" in pins, "the pin is not listed: " + pins)

        step = "replan after a new parental leave"
        wait.until(EC.presence_of_element_located((By.ID, "replan-leave")))
        Select(driver.find_element(By.CSS_SELECTOR, "#replan-leave select[name='trainee']")).select_by_visible_text("Anna Ek")
        Select(driver.find_element(By.CSS_SELECTOR, "#replan-leave select[name='kind']")).select_by_value("parental")
        for name, value in [("from", "2028-09-04"), ("to", "2029-02-25"), ("today", "2028-03-06")]:
            field = driver.find_element(By.CSS_SELECTOR, f"#replan-leave input[name='{name}']")
            driver.execute_script("arguments[0].value = arguments[1]", field, value)
        replan_limit = driver.find_element(By.CSS_SELECTOR, "#replan-leave input[name='time_limit']")
        replan_limit.clear()
        replan_limit.send_keys("4")
        driver.find_element(By.CSS_SELECTOR, "#replan-leave button").click()
        wait.until(EC.url_contains("/plans/2"))
        wait.until(EC.presence_of_element_located((By.ID, "changes")))
        body = text()
        expect("Omplanering av plan 1" in body, "the new plan does not link the one it replans")
        expect("ny föräldraledighet för Anna Ek" in body, "the change is not named")
        changes = driver.find_element(By.ID, "changes").text
        expect("Anna Ek" in changes, "the change report does not name Anna Ek: " + changes[:400])
        expect("godkänd av kontrollen" in driver.find_element(By.ID, "outcome").text, "the replan does not pass the checker")
        shot("workbench-replan.png")

        step = "the workspace shows the history"
        driver.get(base + "s/min-kohort")
        history = driver.find_element(By.ID, "history").text
        expect("omplanering av plan 1" in history, "the history lacks the replan: " + history)

        step = "make a what-if variant and compare it with the scenario"
        driver.execute_script("document.querySelectorAll('details').forEach(function(d){d.open=true;})")
        Select(driver.find_element(By.CSS_SELECTOR, "#variant-places select[name='unit']")).select_by_value("iva")
        places = driver.find_element(By.CSS_SELECTOR, "#variant-places input[name='capacity']")
        places.clear()
        places.send_keys("2")
        driver.find_element(By.CSS_SELECTOR, "#variant-places button").click()
        wait.until(EC.url_contains("/variants/platser-iva-2"))
        expect("IVA med 2 platser" in text() and "Filen är giltig." in text(), "the new variant's page: " + text()[:400])
        driver.find_element(By.LINK_TEXT, "min-kohort").click()
        wait.until(EC.presence_of_element_located((By.ID, "whatif-form")))
        whatif_limit = driver.find_element(By.CSS_SELECTOR, "#whatif-form input[name='time_limit']")
        whatif_limit.clear()
        whatif_limit.send_keys("8")
        driver.find_element(By.ID, "whatif-button").click()
        wait.until(EC.url_contains("/whatif/1"))
        wait.until(EC.presence_of_element_located((By.ID, "comparison")))
        comparison = driver.find_element(By.ID, "comparison").text
        expect("IVA med 2 platser" in comparison, "the comparison lacks the variant: " + comparison[:600])
        expect(len(driver.find_elements(By.CSS_SELECTOR, "#side-by-side iframe")) == 2, "the base and the variant are not side by side")
        shot("workbench-whatif.png")

        driver.get(base)
        shot("workbench-workspace.png")
        print("workbench browser test: every step passed (" + driver.capabilities.get("browserVersion", "?") + ")")
        return 0
    except Exception as e:  # noqa: BLE001 - report any failure with its step
        print(f"workbench browser test FAILED at step '{step}': {e}", file=sys.stderr)
        try:
            print("page: " + driver.current_url + "\n" + text()[:2000], file=sys.stderr)
        except Exception:  # noqa: BLE001
            pass
        return 1
    finally:
        driver.quit()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
