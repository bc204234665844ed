#!/usr/bin/env python3
# ST-planeraren's benchmark suite (issue 7): stplan against glpsol, CBC and HiGHS on the same model, and how cost
# grows with the cohort. See Benchmarks/README.md. License: GPL-3.0-or-later.
#
#   python3 Benchmarks/run-suite.py                      every size, 3 stplan runs, peers at 300 s (60 s read off)
#   python3 Benchmarks/run-suite.py --sizes 5,10 --peer-limit 60 --runs 1     a quick look
#
# Per size it generates the cohort (stplan-bench generate, seed 1), plans it `--runs` times with
# `stplan-bench measure` (one process per run: peak memory is the run's own; every plan goes through the
# independent checker), exports the full model (stplan export-model --mps) and solves it with each peer under
# `--peer-limit` seconds on one thread, reading the peer's best objective at `--time-limit` seconds off its log.
# Results are kept per size in Benchmarks/results/size-N.json (an existing file is reused unless --force), and
# Benchmarks/RESULTS.md is written from all of them after every size.
#
# Then the hot paths outside the solver (stplan-bench hotpaths: model build, decode, check, reports; medians of
# 5) go to results/hotpaths-N.json, and the what-if intake sweep (stplan-bench sweep, then `stplan whatif` on its
# files) to results/whatif.json; both are reused unless --force.
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "Benchmarks")
RESULTS = os.path.join(BENCH, "results")
BIN = os.path.join(ROOT, ".build", "release")
HIGHSPY_VERSION = "1.15.1"
ORTOOLS_VERSION = "9.15.6755"
SCENARIOS = os.path.join(ROOT, "Scenarios")


def run(cmd, **kw):
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, check=True, **kw)


def ensure_peers(peers):
    """Installs the peers that are missing: glpsol (glpk-utils), cbc (coinor-cbc), highspy and ortools (PyPI)."""
    apt = []
    if "glpsol" in peers and not shutil.which("glpsol"):
        apt.append("glpk-utils")
    if "cbc" in peers and not shutil.which("cbc"):
        apt.append("coinor-cbc")
    if not shutil.which("/usr/bin/time") and os.path.exists("/usr/bin/apt-get"):
        apt.append("time")
    if apt:
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        run(sudo + ["apt-get", "update", "-q"])
        run(sudo + ["apt-get", "install", "-y", "-q"] + apt, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    if "highs" in peers:
        try:
            import highspy  # noqa: F401
        except ImportError:
            run([sys.executable, "-m", "pip", "install", "-q", f"highspy=={HIGHSPY_VERSION}"])
    if "cpsat" in peers:
        # Not imported here: ortools bundles a HiGHS of its own whose symbols clash with highspy's in one process.
        if subprocess.run([sys.executable, "-c", "import ortools.linear_solver.python.model_builder"], capture_output=True).returncode != 0:
            run([sys.executable, "-m", "pip", "install", "-q", f"ortools=={ORTOOLS_VERSION}"])


def build():
    env = {**os.environ, "PATH": "/opt/swift/usr/bin:" + os.environ.get("PATH", "")}
    run(["swift", "build", "-c", "release", "--product", "stplan"], cwd=ROOT, env=env)
    run(["swift", "build", "-c", "release", "--product", "stplan-bench"], cwd=ROOT, env=env)


def stream(cmd, limit):
    """Runs cmd under /usr/bin/time: returns (lines with arrival seconds, peak MB, wall, killed)."""
    t0 = time.monotonic()
    p = subprocess.Popen(["/usr/bin/time", "-f", "MAXRSS_KB %M"] + cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True, bufsize=1)
    # A peer that ignores its limit (CBC does not stop inside its root LP) is stopped at 1.5 × limit + 60 s, by
    # a timer: it may print nothing for minutes.
    killed = []

    def stop():
        # The peer itself, so that /usr/bin/time still reports its peak memory.
        killed.append(True)

        def descendants(pid):
            try:
                with open(f"/proc/{pid}/task/{pid}/children") as f:
                    children = [int(x) for x in f.read().split()]
            except OSError:
                return []
            return children + [d for c in children for d in descendants(c)]
        for pid in descendants(p.pid) or [p.pid]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    timer = threading.Timer(limit * 1.5 + 60, stop)
    timer.start()
    lines, peak = [], None
    for line in p.stdout:
        now = time.monotonic() - t0
        if line.startswith("MAXRSS_KB"):
            peak = int(line.split()[1]) / 1024
        else:
            lines.append((now, line.rstrip("\n")))
    p.wait()
    timer.cancel()
    return lines, peak, time.monotonic() - t0, bool(killed)


def tail(lines, n=30):
    """The last lines of a peer's log, kept in the results so that a figure can be checked against its source."""
    return ["%.1f %s" % (t, l) for t, l in lines[-n:]]


def improve(incumbents, seconds, value):
    """Records a peer's plan found at `seconds` when it is better than the last one."""
    if not incumbents or value < incumbents[-1][1] - 1e-9:
        incumbents.append((seconds, value))


def result(incumbents, bound, status, peak, wall, killed, lines):
    """One peer run as the suite keeps it; a peer the timer stopped says so in its status."""
    if killed:
        status = "stopped at %.0f s" % wall
    return dict(incumbents=incumbents, bound=bound, status=status, peakMemoryMB=peak, wall=wall, log=tail(lines))


NUM = r"[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|inf)"


def peer_glpsol(mps, limit):
    lines, peak, wall, killed = stream(["glpsol", "--freemps", mps, "--tmlim", str(int(limit)), "--mipgap", "0"], limit)
    incumbents, bound, status = [], None, "no solution"
    lp = None  # the root LP relaxation's objective, glpsol's bound until its tree reports one
    for t, line in lines:
        m = re.search(r"^\*\s*\d+: obj =\s+(" + NUM + ")", line)
        if m:
            lp = float(m.group(1))
        if "OPTIMAL LP SOLUTION FOUND" in line and lp is not None and bound is None:
            bound = lp
        m = re.search(r"(?:mip =|>>>>>)\s+(" + NUM + r"|not found yet)\s+>=\s+(" + NUM + r"|-inf)", line)
        if m:
            if m.group(1) != "not found yet":
                improve(incumbents, t, float(m.group(1)))
            if m.group(2) != "-inf":
                bound = float(m.group(2))
        if "INTEGER OPTIMAL SOLUTION FOUND" in line:
            status = "optimal"
        elif "TIME LIMIT EXCEEDED" in line:
            status = "time limit"
        elif "PROBLEM HAS NO INTEGER FEASIBLE SOLUTION" in line:
            status = "infeasible"
    if status == "optimal" and incumbents:
        bound = incumbents[-1][1]
    return result(incumbents, bound, status, peak, wall, killed, lines)


def peer_cbc(mps, limit):
    lines, peak, wall, killed = stream(["cbc", mps, "-threads", "0", "-timeMode", "elapsed", "-sec", str(int(limit)), "-ratioGap", "0", "-solve"], limit)
    incumbents, bound, status = [], None, "no solution"
    for t, line in lines:
        m = re.search(r"Integer solution of (" + NUM + r") found.*\((" + NUM + r") seconds\)", line)
        if m:
            improve(incumbents, float(m.group(2)), float(m.group(1)))
        m = re.search(r"best possible (" + NUM + r")", line)
        if m:
            bound = float(m.group(1))
        m = re.match(r"(?:Lower bound|Objective value):\s+(" + NUM + r")", line.strip())
        if m and line.strip().startswith("Lower bound"):
            bound = float(m.group(1))
        if line.startswith("Result - Optimal solution found"):
            status = "optimal"
        elif line.startswith("Result - Stopped on time limit"):
            status = "time limit"
        elif line.startswith("Result - Problem proven infeasible"):
            status = "infeasible"
    if status == "optimal" and incumbents:
        bound = incumbents[-1][1]
    return result(incumbents, bound, status, peak, wall, killed, lines)


HIGHS_RUNNER = """
import sys, highspy
h = highspy.Highs()
h.setOptionValue("time_limit", float(sys.argv[2]))
h.setOptionValue("threads", 1)
h.setOptionValue("mip_rel_gap", 0.0)
h.readModel(sys.argv[1])
h.run()
info = h.getInfo()
print("RESULT|%s|%r|%r" % (h.modelStatusToString(h.getModelStatus()), info.objective_function_value, info.mip_dual_bound), flush=True)
"""


def peer_highs(mps, limit):
    lines, peak, wall, killed = stream([sys.executable, "-c", HIGHS_RUNNER, mps, str(limit)], limit)
    incumbents, bound, status = [], None, "no solution"
    for t, line in lines:
        tokens = line.split()
        # A branch-and-bound row: ... BestBound BestSol Gap | Cuts InLp Confl. | LpIters Time
        if len(tokens) >= 11 and re.fullmatch(r"\d+(\.\d+)?s", tokens[-1]):
            try:
                at, best, sol = float(tokens[-1][:-1]), tokens[-8], tokens[-7]
                if sol != "inf":
                    improve(incumbents, at, float(sol))
                if best not in ("-inf", "inf"):
                    bound = float(best)
            except ValueError:
                pass
        if line.startswith("RESULT|"):
            _, s, obj, dual = line.split("|")
            status = {"Optimal": "optimal", "Time limit reached": "time limit", "Infeasible": "infeasible"}.get(s, s)
            if float(dual) == float(dual) and abs(float(dual)) < 1e30:
                bound = float(dual)
            if status in ("optimal", "time limit") and abs(float(obj)) < 1e30:
                improve(incumbents, wall, float(obj))
    return result(incumbents, bound, status, peak, wall, killed, lines)


# OR-Tools CP-SAT through its MPS reader (model_builder): two workers, as the issue asks. CP-SAT solves integer
# programs only, so the reader turns every continuous column into an integer one (scaling rows where it can);
# where that changes the model, CP-SAT's bound can exceed, or its verdict "infeasible" contradict, a plan that
# stplan check passed on the same model: the results say so (see cpsat_note).
CPSAT_RUNNER = """
import sys
from ortools.linear_solver.python import model_builder
m = model_builder.Model()
if not m.import_from_mps_file(sys.argv[1]):
    print("RESULT|READ_ERROR|nan|nan", flush=True)
    sys.exit(0)
s = model_builder.Solver("sat")
s.set_time_limit_in_seconds(float(sys.argv[2]))
s.set_solver_specific_parameters("num_workers:2,log_search_progress:true")
s.enable_output(True)
status = s.solve(m)
have = status.name in ("OPTIMAL", "FEASIBLE")
print("RESULT|%s|%r|%r" % (status.name, s.objective_value if have else float("nan"), s.best_objective_bound if have else float("nan")), flush=True)
"""


def peer_cpsat(mps, limit):
    lines, peak, wall, killed = stream([sys.executable, "-c", CPSAT_RUNNER, mps, str(limit)], limit)
    incumbents, bound, status = [], None, "no solution"
    for t, line in lines:
        # "#3       12.40s best:14380 next:[13200,14379.5] fj_restart": a plan; "#Bound  47.24s best:inf next:[26508,579818]".
        m = re.match(r"#(\d+)\s+(" + NUM + r")s\s+best:(" + NUM + r")", line)
        if m:
            improve(incumbents, float(m.group(2)), float(m.group(3)))
        m = re.match(r"#(?:Bound|\d+|Done)\s+(" + NUM + r")s\s+best:\S+\s+next:\[(" + NUM + r"),", line)
        if m:
            bound = float(m.group(2))
        m = re.match(r"best_bound:\s+(" + NUM + r")", line)
        if m:
            bound = float(m.group(1))
        if line.startswith("RESULT|"):
            _, s, obj, _ = line.split("|")
            status = {"OPTIMAL": "optimal", "FEASIBLE": "time limit", "NOT_SOLVED": "time limit", "INFEASIBLE": "infeasible",
                      "READ_ERROR": "MPS not read"}.get(s, s.lower())
            if s == "INFEASIBLE":
                bound = None
            if s in ("OPTIMAL", "FEASIBLE") and obj not in ("nan", "inf"):
                improve(incumbents, wall, float(obj))
    if status == "optimal" and incumbents:
        bound = incumbents[-1][1]
    return result(incumbents, bound, status, peak, wall, killed, lines)


def cpsat_note(peer, checked):
    """What CP-SAT's integer conversion did to a model on which stplan has a checked plan of objective `checked`."""
    if peer is None or checked is None:
        return None
    if peer["status"] == "infeasible":
        return "CP-SAT declared the model infeasible, yet stplan check passed a plan of it: its conversion to integers changed the model"
    if peer.get("bound") is not None and peer["bound"] > checked + 1e-6 * max(1.0, abs(checked)):
        return (f"CP-SAT's bound {fmt(peer['bound'])} is above a checked plan of {fmt(checked)}: its conversion to integers"
                " (continuous columns made integer) cut plans off, so its bound is not one of this model")
    return None


PEERS = {"glpsol": peer_glpsol, "cbc": peer_cbc, "highs": peer_highs, "cpsat": peer_cpsat}
# Peers that use more than one thread run alone, after the one-thread peers.
MULTI_THREADED = {"cpsat"}


def at(incumbents, seconds):
    best = [v for t, v in incumbents if t <= seconds]
    return best[-1] if best else None


def measure_size(n, args):
    """A generated cohort of n trainees (seed 1), measured into results/size-N.json."""
    scenario = os.path.join(RESULTS, f"cohort-{n}.yaml")
    with open(scenario, "w") as f:
        subprocess.run([os.path.join(BIN, "stplan-bench"), "generate", "--trainees", str(n), "--seed", "1"], stdout=f, check=True)
    return measure(scenario, os.path.join(RESULTS, f"size-{n}.json"), str(n), args, args.time_limit, args.peer_limit)


def measure_scenario(name, args):
    """A named programme structure from Scenarios/ (issue 14's three), measured into results/scenario-NAME.json."""
    scenario = os.path.join(SCENARIOS, f"{name}.yaml")
    data = measure(scenario, os.path.join(RESULTS, f"scenario-{name}.json"), name, args, args.scenario_limit, args.scenario_peer_limit)
    return data


def measure(scenario, path, label, args, time_limit, peer_limit):
    """stplan `--runs` times on the scenario, then every peer once on its exported full model; an existing result
    file is reused unless --force, or where its limits differ, and a missing peer is added to it."""
    data = {}
    if os.path.exists(path) and not args.force:
        with open(path) as f:
            data = json.load(f)
    runs = data.get("stplan", [])
    if len(runs) < args.runs or data.get("timeLimit") != time_limit:
        runs = []
        for k in range(args.runs):
            t0 = time.monotonic()
            out = subprocess.run([os.path.join(BIN, "stplan-bench"), "measure", "--scenario", scenario, "--time-limit", str(time_limit)],
                                 capture_output=True, text=True)
            line = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else "{}"
            r = json.loads(line) if line.startswith("{") else {"error": out.stdout + out.stderr}
            r["processWall"] = time.monotonic() - t0  # the whole process: loading, planning, checking
            print(f"  stplan {label} run {k + 1}: {line[:300]}", flush=True)
            runs.append(r)
        data.update(timeLimit=time_limit, stplan=runs)
        data["trainees"] = next((x["trainees"] for x in runs if "trainees" in x), None)
        save(path, data)
    peers = data.get("peers", {})
    if not args.skip_peers and (data.get("peerLimit") != peer_limit or any(p not in peers for p in args.peers)):
        mps = os.path.join("/tmp", f"stplan-bench-{os.getpid()}.mps")
        subprocess.run([os.path.join(BIN, "stplan"), "export-model", scenario, "--mps", mps], check=True, capture_output=True)
        if data.get("peerLimit") != peer_limit:
            peers = {}
        lock = threading.Lock()

        def solve(p):
            r = PEERS[p](mps, peer_limit)
            with lock:
                print(f"  {p} {label}: {r['status']}, best {r['incumbents'][-1][1] if r['incumbents'] else '-'}, bound {r['bound']}, "
                      f"{r['wall']:.1f} s, {r['peakMemoryMB']} MB", flush=True)
                peers[p] = r
                data.update(peerLimit=peer_limit, peers=peers)
                save(path, data)  # an interrupted suite keeps every finished run
        todo = [p for p in args.peers if p not in peers]
        # Two one-thread peers at a time on the 2 cores (stplan runs alone, before them), then the others alone.
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.peer_jobs) as pool:
            list(pool.map(solve, [p for p in todo if p not in MULTI_THREADED]))
        for p in todo:
            if p in MULTI_THREADED:
                solve(p)
        os.remove(mps)
        data.update(peerLimit=peer_limit, peers=peers)
        save(path, data)
    # Results reused as they are keep the machine they were measured on.
    return data


def save(path, data):
    data["machine"] = machine()
    with open(path, "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)


def hotpaths(n, args):
    path = os.path.join(RESULTS, f"hotpaths-{n}.json")
    if os.path.exists(path) and not args.force:
        return
    out = subprocess.run([os.path.join(BIN, "stplan-bench"), "hotpaths", "--trainees", str(n), "--runs", "5"],
                         capture_output=True, text=True, check=True)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"  hot paths {n}: " + ", ".join(f"{k} {data[k]['median']:.3f} s" for k in HOT_PATHS), flush=True)
    save(path, data)


HOT_PATHS = ["parse", "build", "decode", "check", "checkCommand", "encode", "reports"]


def sweep(args):
    path = os.path.join(RESULTS, "whatif.json")
    key = dict(region=args.sweep_region, intakes=args.sweep_intakes, timeLimit=args.sweep_limit)
    if os.path.exists(path) and not args.force:
        with open(path) as f:
            if {k: json.load(f).get(k) for k in key} == key:
                return
    d = os.path.join(RESULTS, "sweep")
    shutil.rmtree(d, ignore_errors=True)
    files = subprocess.run([os.path.join(BIN, "stplan-bench"), "sweep", "--out", d, "--region", str(args.sweep_region),
                            "--intakes", args.sweep_intakes], capture_output=True, text=True, check=True).stdout.split()
    t0 = time.monotonic()
    # stplan whatif's --time-limit is the whole comparison's, shared by rounds of two plans: give each plan
    # --sweep-limit seconds.
    rounds = (len(files) + 1) // 2
    r = subprocess.run([os.path.join(BIN, "stplan"), "whatif"] + files + ["--out", os.path.join(d, "out"), "--time-limit", str(args.sweep_limit * rounds)],
                       capture_output=True, text=True)
    wall = time.monotonic() - t0
    with open(os.path.join(d, "out", "comparison.json")) as f:
        variants = json.load(f)
    # Every plan goes through the independent checker, against its own variant.
    for v in variants:
        slug = "".join(c if c.isalpha() or c.isnumeric() else "-" for c in v["name"].lower())  # as stplan whatif names it
        plan = os.path.join(d, "out", slug, "plan.json")
        if os.path.exists(plan):
            c = subprocess.run([os.path.join(BIN, "stplan"), "check", plan, "--scenario", v["file"]], capture_output=True, text=True)
            v["valid"] = c.returncode == 0
    print(f"  what-if sweep: {len(variants)} plans in {wall:.0f} s (stplan whatif exit {r.returncode})", flush=True)
    save(path, dict(key, wall=wall, variants=variants, files=[os.path.basename(f) for f in files]))


def load(name):
    path = os.path.join(RESULTS, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def sweep_table(w):
    out = ["## What-if: how many ST posts can the region sustain?", "",
           f"`stplan-bench sweep --region {w['region']} --intakes {w['intakes']}` writes a region (`region.yaml`: 7 receiving units, 15",
           f"courses and the home clinic's staffing, all sized for a yearly intake of {w['region']}) and a variant per intake; at an intake of",
           f"{w['region']} also one IVA place fewer and a wave of parental leave (every third trainee without leave takes 9 months",
           f"from ST week 78). `stplan whatif` plans them all, {fmt(w['timeLimit'], 0)} s each, two at a time ({fmt(w['wall'], 0)} s in all); each plan",
           "then goes through `stplan check`. On time = finishing without extension.", "",
           "| variant | trainees | on time | extension weeks | staffing shortage (trainee-weeks below min) | below target | courses missed | gap | solve s | checker |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    sustainable = []
    for v in w["variants"]:
        ts = v.get("trainees", [])
        if "failure" in v:
            out.append(f"| {v['name']} | – | – | – | – | – | – | – | {fmt(v['seconds'], 1)} | no plan: {v['failure']} |")
            continue
        on_time = sum(1 for t in ts if t["extensionWeeks"] == 0 and t["completion"])
        name = f"Intag {w['intakes'].split(',')[0]} (bas)" if v["name"] == "bas" else v["name"]
        out.append("| " + " | ".join([name, str(len(ts)), f"{on_time}/{len(ts)}", str(v["extensionWeeks"]), fmt(v["shortage"]),
                                      fmt(v["belowTarget"]), str(v.get("coursesMissed", "–")),
                                      "–" if v.get("gap") is None else f"{v['gap'] * 100:.1f} %", fmt(v["seconds"], 1),
                                      "valid" if v.get("valid") else "broken"]) + " |")
        if v["name"] == "bas" or v["name"].startswith("Intag"):
            if v["extensionWeeks"] == 0 and v["shortage"] < 0.5:
                sustainable.append(len(ts))
    out.append("")
    out.append("Intakes with neither extension nor staffing shortage: " + (", ".join(map(str, sorted(sustainable))) or "none") + ".")
    out += ["", "A gap of 100 %: the plan's only bound is the staffing-arithmetic bound, 0 when no shortage is forced, so",
            "every cost of the plan (weeks below the staffing target, preferences) counts as gap.", ""]
    return out


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "?")
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}"


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def at_time(runs, seconds):
    """The median objective at `seconds`, noting the runs that had no plan yet."""
    xs = [x.get(f"objectiveAt{seconds}") for x in runs]
    have = [x for x in xs if x is not None]
    if len(have) == len(xs):
        return fmt(med(have))
    return f"{fmt(med(have))} ({len(have)}/{len(xs)} runs had a plan)" if have else "no plan yet"


def fmt(v, digits=1):
    return "–" if v is None else f"{v:,.{digits}f}".replace(",", " ")


def peer_rows(label, r, notes):
    """The side-by-side rows of one measured scenario: stplan at 60 s against each peer on the same model."""
    out = []
    mine = med([x.get("objectiveAt60", x.get("objective")) for x in r["stplan"]])
    checked = min((x["objective"] for x in r["stplan"] if x.get("valid") and x.get("objective") is not None), default=None)
    for name, p in sorted(r.get("peers", {}).items()):
        inc = [tuple(x) for x in p["incumbents"]]
        end = inc[-1][1] if inc else None
        gap = None if end is None or p["bound"] is None else abs(end - p["bound"]) / max(abs(end), 1e-9)
        note = cpsat_note(p, checked) if name == "cpsat" else None
        if note:
            notes.append(f"- {label}: {note}.")
        out.append("| " + " | ".join([label, fmt(mine), name, fmt(at(inc, 60)), fmt(end), fmt(p["bound"]) + (" (not valid, see below)" if note else ""),
                                      "–" if gap is None or note else f"{gap * 100:.1f} %", f"{p['status']} ({int(r['peerLimit'])} s)",
                                      fmt(p["peakMemoryMB"], 0)]) + " |")
    return out


def scenario_section(args):
    """Issue 14's programme structures, each planned as a user would (stplan plan --time-limit), beside the peers."""
    # Every structure measured so far, not only this run's: a partial run (the sweep alone, say) keeps the rest.
    measured = sorted(f[9:-5] for f in os.listdir(RESULTS) if f.startswith("scenario-") and f.endswith(".json"))
    named = [(n, load(f"scenario-{n}.json")) for n in measured]
    named = [(n, r) for n, r in named if r]
    if not named:
        return []
    out = ["## Programme structures", "",
           "The structures of issue 14, as scenarios in `Scenarios/` (each cites the programme it models): stplan plans",
           "each with `stplan-bench measure --scenario Scenarios/NAME.yaml --time-limit L` (medians of the runs; every plan",
           "through the independent checker); wall is the whole process against the limit.", "",
           "| scenario | trainees | non-zeros | per trainee | first valid plan s | objective at 10 s | at 60 s | final | bound | gap | wall s (limit) | plans valid |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for n, r in named:
        s = r["stplan"]
        nnz, t = med([x.get("nonZeros") for x in s]), r.get("trainees")
        gap = med([x.get("gap") for x in s])
        out.append("| " + " | ".join([f"`{n}`", str(t), fmt(nnz, 0), fmt(nnz / t if nnz and t else None, 0),
                                      fmt(med([x.get("firstPlanSeconds") for x in s]), 2), at_time(s, 10), at_time(s, 60) if r["timeLimit"] >= 60 else "–",
                                      fmt(med([x.get("objective") for x in s])), fmt(med([x.get("bound") for x in s])),
                                      "–" if gap is None else f"{gap * 100:.1f} %",
                                      f"{fmt(med([x.get('processWall', x.get('wall')) for x in s]), 1)} ({fmt(r['timeLimit'], 0)})",
                                      f"{sum(1 for x in s if x.get('valid'))}/{len(s)}"]) + " |")
    out += ["", "| scenario | stplan at 60 s | peer | peer at 60 s | peer at end | peer bound | peer gap | peer status | peer peak MB |",
            "|---|---|---|---|---|---|---|---|---|"]
    notes = []
    for n, r in named:
        out += peer_rows(f"`{n}`", r, notes)
    return out + [""] + notes + [""]


def write_results(args):
    sizes = sorted(int(f[5:-5]) for f in os.listdir(RESULTS) if f.startswith("size-") and f.endswith(".json"))
    rows = []
    for n in sizes:
        with open(os.path.join(RESULTS, f"size-{n}.json")) as f:
            rows.append(json.load(f))
    out = ["# Benchmark results", "",
           "Written by `python3 Benchmarks/run-suite.py` (see `Benchmarks/README.md`); do not edit by hand.",
           f"Machine: {rows[0]['machine'] if rows else machine()}, Debian, GLPK 5.0, CBC from coinor-cbc, HiGHS {HIGHSPY_VERSION} (highspy).",
           f"OR-Tools {ORTOOLS_VERSION} CP-SAT (2 workers, alone on the machine). Cohorts: `stplan-bench generate --trainees N --seed 1`. stplan figures are medians of the runs shown; each",
           "peer ran once on the full exported model (`stplan export-model --mps`), one thread (CP-SAT two), its objective at the",
           "stplan limit read off its own log.", ""]
    # Targets.
    def stp(n):
        return next((r for r in rows if r["trainees"] == n), None)

    def best_peer(r, seconds):
        vals = [at([tuple(x) for x in p["incumbents"]], seconds) for p in r.get("peers", {}).values()]
        vals = [v for v in vals if v is not None]
        return min(vals) if vals else None

    out += ["## Targets", "", "| target | measured | met |", "|---|---|---|"]
    for n, strict in [(20, False), (40, True), (80, True)]:
        r = stp(n)
        if not r or not r.get("peers"):
            out.append(f"| {n} trainees: stplan at 60 s {'strictly better than' if strict else 'no worse than'} the best peer at 300 s | not measured yet | – |")
            continue
        mine = med([x.get("objectiveAt60", x.get("objective")) for x in r["stplan"]])
        peer = best_peer(r, r["peerLimit"])
        met = mine is not None and (peer is None or (mine < peer - 1e-6 if strict else mine <= peer + 1e-6))
        out.append(f"| {n} trainees: stplan at 60 s {'strictly better than' if strict else 'no worse than'} every peer at {int(r['peerLimit'])} s "
                   f"| stplan {fmt(mine)}, best peer {fmt(peer) if peer is not None else 'no solution'} | {'yes' if met else 'no'} |")
    r = stp(160)
    if r:
        firsts = [x.get("firstPlanSeconds") for x in r["stplan"]]
        first = None if None in firsts else max(firsts)  # the slowest run
        mem = max((x.get("peakMemoryMB") or 0) for x in r["stplan"])
        valid = all(x.get("valid") for x in r["stplan"])
        out.append(f"| 160 trainees: a valid plan in ≤ 120 s, peak memory < 4 GiB | first plan at most {fmt(first, 2)} s, peak at most {fmt(mem, 0)} MB "
                   f"({len(firsts)} runs), {'every plan valid' if valid else 'a plan broken'} "
                   f"| {'yes' if first is not None and first <= 120 and mem < 4096 and valid else 'no'} |")
    else:
        out.append("| 160 trainees: a valid plan in ≤ 120 s, peak memory < 4 GiB | not measured yet | – |")
    hot_sizes = sorted(int(f[9:-5]) for f in os.listdir(RESULTS) if f.startswith("hotpaths-") and f.endswith(".json"))
    hots = [h for h in (load(f"hotpaths-{n}.json") for n in hot_sizes) if h]
    hot = next((h for h in hots if h["trainees"] == 80), None)
    if hot:
        both = hot["build"]["median"] + hot["decode"]["median"]
        out.append(f"| 80 trainees: model build and decode < 1 s | build {fmt(hot['build']['median'], 2)} s + decode {fmt(hot['decode']['median'], 3)} s "
                   f"= {fmt(both, 2)} s (medians of {hot['runs']}) | {'yes' if both < 1 else 'no'} |")
    else:
        out.append("| 80 trainees: model build and decode < 1 s | not measured yet | – |")
    for h in hots:
        out.append(f"| `stplan check` < 1 s, {h['trainees']} trainees | the command {fmt(h['checkCommand']['median'], 2)} s (reading plan.json and the scenario, "
                   f"checking; the check alone {fmt(h['check']['median'], 3)} s) | {'yes' if h['checkCommand']['median'] < 1 else 'no'} |")
    checks = [c for c in (med([x.get("checkSeconds") for x in r["stplan"]]) for r in rows) if c is not None]
    if checks:
        out.append(f"| `stplan check` < 1 s, every size | the in-memory check of each size's plans: largest median {fmt(max(checks), 3)} s | {'yes' if max(checks) < 1 else 'no'} |")
    out.append("")
    # stplan per size.
    out += ["## stplan per cohort size", "",
            "| trainees | rows | columns | non-zeros | model build s | first valid plan s | objective at 10 s | at 30 s | at 60 s | final gap | gap to best known bound | peak memory MB | check s | plans valid |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        s = r["stplan"]
        ok = sum(1 for x in s if x.get("valid"))
        gap = med([x.get("gap") for x in s])
        # The best bound any solver proved for this model (stplan's own, or a peer's).
        bounds = [x.get("bound") for x in s] + [p.get("bound") for p in r.get("peers", {}).values()]
        best_bound = max((b for b in bounds if b is not None), default=None)
        final = med([x.get("objective") for x in s])
        known = None if best_bound is None or final is None else abs(final - best_bound) / max(abs(final), 1e-9)
        out.append("| " + " | ".join([
            str(r["trainees"]), fmt(med([x.get("rows") for x in s]), 0), fmt(med([x.get("columns") for x in s]), 0), fmt(med([x.get("nonZeros") for x in s]), 0),
            fmt(med([x.get("modelSeconds") for x in s]), 2), fmt(med([x.get("firstPlanSeconds") for x in s]), 2),
            at_time(s, 10), at_time(s, 30), at_time(s, 60),
            "–" if gap is None else f"{gap * 100:.1f} %", "–" if known is None else f"{known * 100:.1f} %", fmt(med([x.get("peakMemoryMB") for x in s]), 0), fmt(med([x.get("checkSeconds") for x in s]), 3),
            f"{ok}/{len(s)}"]) + " |")
    out += ["", "The final gap is against stplan's own bound: the full model's LP relaxation where the model has at most",
            "400 000 non-zeros (none of these cohorts), else the staffing-arithmetic bound, so it is an upper estimate;",
            "the next column uses the best bound any solver proved on the same model (a peer's LP or tree bound).", ""]
    # Peers.
    out += ["## Side by side on the same model", "",
            "Objective (lower is better) at 60 s and at the peer limit; bound and gap at the end; `–` = no plan found.", "",
            "| trainees | stplan at 60 s | peer | peer at 60 s | peer at end | peer bound | peer gap | peer status | peer peak MB |",
            "|---|---|---|---|---|---|---|---|---|"]
    notes = []
    for r in rows:
        out += peer_rows(str(r["trainees"]), r, notes)
    out += [""] + notes + ["", "`stopped at N s`: the peer ran past its limit without stopping (CBC does not look at its limit inside the",
            "root LP relaxation) and the suite killed it at 1.5 × the limit + 60 s. A bound `–`: the peer reported none",
            "(the last lines of each peer's log are kept in `results/size-N.json`).", ""]
    if hots:
        out += ["## Hot paths outside the solver", "",
                "`stplan-bench hotpaths --trainees N --runs 5`: medians (min–max) in seconds. The micro-benchmarks in",
                "`Benchmarks/Package.swift` time the same calls. Measured on "
                + "; ".join(f"{h['trainees']} trainees: {h.get('machine', 'unknown')}" for h in hots) + ".", "",
                "| path | " + " | ".join(f"{h['trainees']} trainees ({fmt(h['rows'], 0)} rows, {fmt(h['columns'], 0)} columns)" for h in hots) + " |",
                "|---|" + "---|" * len(hots)]
        labels = dict(parse="read the scenario (YAML)", build="build the full model (context and every constraint family)",
                      decode="decode a solution into a plan", check="check the plan (in memory)",
                      checkCommand="`stplan check` (read plan.json and the scenario, check)",
                      encode="write plan.json (in memory)", reports="write every report (in memory)")
        for k in HOT_PATHS:
            out.append(f"| {labels[k]} | " + " | ".join(f"{fmt(h[k]['median'], 3)} ({fmt(h[k]['min'], 3)}–{fmt(h[k]['max'], 3)})" for h in hots) + " |")
        out.append("")
    out += scenario_section(args)
    w = load("whatif.json")
    if w:
        out += sweep_table(w)
    with open(os.path.join(BENCH, "RESULTS.md"), "w") as f:
        f.write("\n".join(out) + "\n")
    print("wrote Benchmarks/RESULTS.md", flush=True)


def self_test():
    """Checks the peers' log parsers on lines the peers really print (run by scripts/test, so also in CI)."""
    # 5 trainees, 300 s: the LP relaxation solved, the tree searched, no plan.
    glpsol = ["* 34042: obj =   1.353540288e+04 inf =   1.573e-13 (6097) 10", "OPTIMAL LP SOLUTION FOUND",
              "Integer optimization begins...", "+ 34050: mip =     not found yet >=   1.349558571e+04        (1; 0)",
              "TIME LIMIT EXCEEDED; SEARCH TERMINATED"]
    glpsol_found = glpsol[:4] + ["+ 34100: mip =   1.400000000e+04 >=   1.354000000e+04   3.3% (5; 0)", glpsol[4]]
    cbc = ["Cbc0012I Integer solution of 14853 found by DiveCoefficient after 0 iterations and 0 nodes (210.27 seconds)",
           "Cbc0004I Integer solution of 14210 found after 1634 iterations and 12 nodes (212.28 seconds)",
           "Cbc0010I After 100 nodes, 40 on tree, 14210 best solution, best possible 13503.354 (250.1 seconds)",
           "Result - Stopped on time limit"]
    highs = ["        B      51       0         0   0.00%   13521.434116    13674            1.12%      120    41     67    104k   227.6s",
             "RESULT|Time limit reached|13674.0|13521.434116795412"]
    cpsat = ["#Bound   3.10s best:inf   next:[12000,579818] initial_domain",
             "#1       5.26s best:14380 next:[12000,14379.5] fj_restart", "#2       9.02s best:14210 next:[12000,14209.5] ls",
             "#Bound  20.32s best:14210 next:[13100.5,14209.5] default_lp", "status: FEASIBLE", "objective: 14210", "best_bound: 13100.5",
             "RESULT|FEASIBLE|14210.0|13100.5"]
    checks = [("cpsat note", cpsat_note({"status": "time limit", "bound": 26765.5}, 14199.0) is not None
               and cpsat_note({"status": "time limit", "bound": 13100.5}, 14199.0) is None, None, None)]
    for name, lines, want in [("cpsat", cpsat, ([14380.0, 14210.0], 13100.5, "time limit")),("glpsol", glpsol, ([], 13495.58571, "time limit")),
                              ("glpsol", glpsol_found, ([14000.0], 13540.0, "time limit")),
                              ("cbc", cbc, ([14853.0, 14210.0], 13503.354, "time limit")),
                              ("highs", highs, ([13674.0], 13521.434116795412, "time limit"))]:
        global stream
        saved = stream
        stream = lambda cmd, limit, lines=lines: ([(float(i), l) for i, l in enumerate(lines)], 1.0, 300.0, False)
        try:
            r = PEERS[name]("model.mps", 300)
        finally:
            stream = saved
        got = ([v for _, v in r["incumbents"]], r["bound"], r["status"])
        checks.append((name, got == want, got, want))
    for name, ok, got, want in checks:
        print(f"self-test {name}: {'ok' if ok else f'got {got}, want {want}'}")
    return all(ok for _, ok, _, _ in checks)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="5,10,20,40,80,160")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--peer-limit", type=float, default=300)
    ap.add_argument("--peers", default="glpsol,cbc,highs,cpsat")
    ap.add_argument("--scenarios", default="anestesi-nus,mikrobiologi,region-60",
                    help="named programme structures from Scenarios/ (empty: none)")
    ap.add_argument("--scenario-limit", type=float, default=60, help="stplan's --time-limit on the named scenarios")
    ap.add_argument("--scenario-peer-limit", type=float, default=120, help="each peer's limit on the named scenarios")
    ap.add_argument("--skip-peers", action="store_true")
    ap.add_argument("--peer-jobs", type=int, default=2, help="peers solving at the same time (one thread each)")
    ap.add_argument("--skip-build", action="store_true")
    ap.add_argument("--force", action="store_true", help="measure again even where results exist")
    ap.add_argument("--hotpaths", default="80,160", help="cohort sizes of the hot-path timings (empty: none)")
    ap.add_argument("--skip-sweep", action="store_true", help="leave out the what-if intake sweep")
    ap.add_argument("--sweep-region", type=int, default=10, help="the yearly intake the sweep's region is sized for")
    ap.add_argument("--sweep-intakes", default="4,6,8,10,12,14,16", help="the sweep's intakes, the first in the base")
    ap.add_argument("--sweep-limit", type=float, default=60, help="seconds per plan in the sweep")
    ap.add_argument("--self-test", action="store_true", help="check the peers' log parsers and stop")
    args = ap.parse_args()
    if args.self_test:
        sys.exit(0 if self_test() else 1)
    args.peers = [p for p in args.peers.split(",") if p]
    args.hotpaths = [int(x) for x in args.hotpaths.split(",") if x]
    args.scenarios = [n for n in args.scenarios.split(",") if n]
    for n in args.scenarios:
        if not os.path.exists(os.path.join(SCENARIOS, f"{n}.yaml")):
            print(f"run-suite: Scenarios/{n}.yaml does not exist; leave it out of --scenarios", file=sys.stderr)
            sys.exit(2)
    os.makedirs(RESULTS, exist_ok=True)
    if not args.skip_peers:
        ensure_peers(args.peers)
    if not args.skip_build:
        build()
    for n in [int(x) for x in args.sizes.split(",") if x]:
        print(f"== {n} trainees", flush=True)
        measure_size(n, args)
        write_results(args)
    for name in args.scenarios:
        print(f"== {name}", flush=True)
        measure_scenario(name, args)
        write_results(args)
    for n in args.hotpaths:
        print(f"== hot paths, {n} trainees", flush=True)
        hotpaths(n, args)
    if not args.skip_sweep:
        print("== what-if sweep", flush=True)
        sweep(args)
    write_results(args)


if __name__ == "__main__":
    main()
