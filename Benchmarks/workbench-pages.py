#!/usr/bin/env python3
"""How fast the workbench answers: its pages for a 60-trainee plan, and the Gantt of a 160-trainee plan in Chromium.

    swift build -c release --product stplan --product stplan-bench
    python3 Benchmarks/workbench-pages.py [--runs 9] [--plan-seconds 60]

Plans `Scenarios/region-60.yaml` and a generated 160-trainee cohort (`stplan-bench generate --trainees 160 --seed 1`)
through the workbench itself (its form and its job queue), then
- fetches each page of the 60-trainee plan `--runs` times over loopback and prints the median and the slowest
  (the target: every page under 200 ms);
- opens the 160-trainee plan's Gantt page, its plan page and its HTML report in headless Chromium `--runs` times
  each and prints the median and slowest time from navigation to the first frame after load (the target for the
  Gantt: under 1 s).
Needs Chromium, chromium-driver and Selenium (scripts/ensure-browser.sh).
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def start_server(binary, folder):
    proc = subprocess.Popen([binary, "serve", folder, "--port", "0"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:
        m = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        if m:
            threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
            return proc, m.group(1)
    raise SystemExit("stplan serve printed no address")


def get(url):
    with urllib.request.urlopen(url) as r:
        return r.read().decode("utf-8")


def plan(base, name, seconds):
    """Plans scenario `name` through the workbench's form; returns the plan's number once the job has ended."""
    page = get(base)
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrf": csrf, "time_limit": str(seconds)}).encode()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(base + f"s/{name}/plan", data)
        raise SystemExit("no redirect to the job")
    except urllib.error.HTTPError as e:
        location = e.headers["Location"]
    job = int(re.search(r"/jobs/(\d+)", location).group(1))
    while True:
        status = get(base + f"jobs/{job}/status")
        if '"state":"finished"' in status:
            return int(re.search(r'"plan":(\d+)', status).group(1))
        if '"state":"failed"' in status or '"state":"cancelled"' in status:
            raise SystemExit(f"planning {name} failed: {status}")
        time.sleep(1)


def timed(url, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        get(url)
        times.append(1000 * (time.perf_counter() - t))
    return statistics.median(times), max(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--plan-seconds", type=int, default=60)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/stplan"))
    parser.add_argument("--bench", default=os.path.join(ROOT, ".build/release/stplan-bench"))
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="stplan-pages-")
    shutil.copy(os.path.join(ROOT, "Scenarios/region-60.yaml"), folder)
    with open(os.path.join(folder, "kohort-160.yaml"), "w") as f:
        f.write(subprocess.run([args.bench, "generate", "--trainees", "160", "--seed", "1"], check=True, capture_output=True, text=True).stdout)
    server, base = start_server(args.binary, folder)
    try:
        n60 = plan(base, "region-60", args.plan_seconds)
        n160 = plan(base, "kohort-160", 2 * args.plan_seconds)
        trainee = re.search(r'/files/iup/([^"]+)\.html', get(base + f"s/region-60/plans/{n60}")).group(1)
        pages = [("workspace", ""), ("scenario editor", "s/region-60"), ("plan page", f"s/region-60/plans/{n60}"),
                 ("Gantt page", f"s/region-60/plans/{n60}/gantt"),
                 ("HTML report", f"s/region-60/plans/{n60}/files/plan.html"),
                 ("a trainee's IUP", f"s/region-60/plans/{n60}/files/iup/{trainee}.html"),
                 ("job status", "jobs/1/status")]
        print(f"Pages of the 60-trainee plan, {args.runs} fetches each over loopback (target < 200 ms):")
        worst = 0.0
        for label, path in pages:
            median, slowest = timed(base + path, args.runs)
            worst = max(worst, slowest)
            size = len(get(base + path).encode())
            print(f"  {label:18} median {median:7.1f} ms, slowest {slowest:7.1f} ms, {size / 1024:8.1f} KiB")
        print(f"  slowest of all: {worst:.1f} ms")

        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        options = webdriver.ChromeOptions()
        for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"]:
            options.add_argument(a)
        if os.path.exists("/usr/bin/chromium"):
            options.binary_location = "/usr/bin/chromium"
        driver = webdriver.Chrome(service=Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
        try:
            for label, path in [("the workbench's Gantt page", f"s/kohort-160/plans/{n160}/gantt"),
                                ("the plan page (Gantt, pins, forms)", f"s/kohort-160/plans/{n160}"),
                                ("the HTML report (every week drawn)", f"s/kohort-160/plans/{n160}/files/plan.html")]:
                url = base + path
                times = []
                for _ in range(args.runs):
                    driver.get("about:blank")
                    driver.get(url)
                    # From navigation start to the first frame painted after the load event.
                    ms = driver.execute_async_script(
                        "var done=arguments[0];requestAnimationFrame(function(){requestAnimationFrame(function(){"
                        "done(performance.now());});});")
                    times.append(ms)
                size = len(get(url).encode())
                print(f"160 trainees, {label} ({size / 1024:.0f} KiB) in headless Chromium, {args.runs} loads (target < 1 s):")
                print(f"  median {statistics.median(times):.0f} ms, slowest {max(times):.0f} ms")
        finally:
            driver.quit()
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
