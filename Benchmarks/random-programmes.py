#!/usr/bin/env python3
"""Plans random programmes, checks each plan, and prints one line per seed.

  python3 Benchmarks/random-programmes.py [--seeds 1-12] [--time-limit 10] [--tool ../shared/tools/random-programme.py]

Each seed of the random-programme tool is a realistic, feasible programme with its cohort that nobody on the team
wrote (split and long rotations, start windows, closures, part time, leave, history before the calendar). For each
one this runs the release `stplan plan` with the time limit, times the whole command, and runs `stplan check` on
the plan. Build first: `swift build -c release --product stplan`.
"""
import argparse, os, re, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def seeds(text):
    out = []
    for part in text.split(","):
        a, _, b = part.partition("-")
        out += list(range(int(a), int(b or a) + 1))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", default="1-12")
    ap.add_argument("--time-limit", type=float, default=10)
    ap.add_argument("--tool", default=os.path.join(ROOT, "..", "shared", "tools", "random-programme.py"))
    a = ap.parse_args()
    stplan = os.path.join(ROOT, ".build", "release", "stplan")
    if not os.path.exists(stplan):
        sys.exit("build first: swift build -c release --product stplan")
    planned = checked = 0
    walls = []
    print(f"{'seed':>4} {'exit':>4} {'wall s':>7} {'objective':>11} {'gap':>8}  check")
    for seed in seeds(a.seeds):
        with tempfile.TemporaryDirectory() as d:
            scenario = os.path.join(d, "s.yaml")
            with open(scenario, "w") as f:
                f.write(subprocess.run([sys.executable, a.tool, str(seed)], capture_output=True, text=True, check=True).stdout)
            t0 = time.monotonic()
            r = subprocess.run([stplan, "plan", scenario, "--time-limit", str(a.time_limit), "--lang", "en", "--out", os.path.join(d, "o")],
                               capture_output=True, text=True)
            wall = time.monotonic() - t0
            walls.append(wall)
            m = re.search(r"objective ([0-9.]+).*?gap ([0-9.]+ %|–|-)", r.stdout)
            verdict = "-"
            plan = os.path.join(d, "o", "plan.json")
            if os.path.exists(plan):
                planned += 1
                c = subprocess.run([stplan, "check", plan, "--scenario", scenario], capture_output=True, text=True)
                verdict = "passes" if c.returncode == 0 else "BROKEN RULES"
                checked += c.returncode == 0
            print(f"{seed:>4} {r.returncode:>4} {wall:>7.2f} {m.group(1) if m else '-':>11} {m.group(2) if m else '-':>8}  {verdict}", flush=True)
    walls.sort()
    print(f"planned {planned} of {len(walls)}, checker passes {checked}; wall median {walls[len(walls) // 2]:.2f} s, "
          f"max {walls[-1]:.2f} s at --time-limit {a.time_limit:g}")
    sys.exit(0 if planned == checked == len(walls) else 1)


if __name__ == "__main__":
    main()
