#!/bin/bash
# Reproducible plans (issue 17, item 6): plans each scenario with `stplan plan --deterministic` once alone and
# then twice at once (a loaded machine), prints the wall times and whether the three plan.json files are one.
# Usage: Benchmarks/deterministic.sh BINARY [LIMIT] [SCENARIO...]   (default: the release build, 15, five scenarios)
set -u
binary=${1:-.build/release/stplan}
limit=${2:-15}
shift $(( $# > 2 ? 2 : $# ))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ $# -eq 0 ]; then
    python3 ../shared/tools/random-programme.py 7 > "$work/random-7.yaml" 2>/dev/null || true
    set -- Scenarios/example.yaml Scenarios/anestesi-nus.yaml Scenarios/regional-40.yaml Scenarios/bup.yaml
    [ -s "$work/random-7.yaml" ] && set -- "$@" "$work/random-7.yaml"
fi
printf "%-22s %5s %10s %16s  %s\n" scenario exit alone "two at once" plan.json
for f in "$@"; do
    n=$(basename "$f" .yaml)
    run() { "$binary" plan "$f" --time-limit "$limit" --deterministic --no-reports --out "$work/$n-$1" >/dev/null 2>&1; }
    s=$(date +%s.%N); run a; code=$?; e=$(date +%s.%N)
    run b & run c; wait; e2=$(date +%s.%N)
    if cmp -s "$work/$n-a/plan.json" "$work/$n-b/plan.json" && cmp -s "$work/$n-a/plan.json" "$work/$n-c/plan.json"; then v=identical; else v=DIFFERENT; fi
    printf "%-22s %5s %8.1f s %14.1f s  %s\n" "$n" "$code" "$(echo "$e - $s" | bc)" "$(echo "$e2 - $e" | bc)" "$v"
done
