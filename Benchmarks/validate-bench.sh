#!/usr/bin/env bash
# Benchmark for `warroom validate` on a synthetic runbook of 10,000 steps in 200 procedures,
# 100 trees of 50 nodes and 500 contacts (release build), printed side by side in the same run
# with PyYAML's C loader merely parsing the same file. Prints figures; asserts nothing.
# Usage: Benchmarks/validate-bench.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file="$work/synthetic.yaml"
python3 Benchmarks/make-synthetic-runbook.py "$file"
swift build -c release --product warroom >/dev/null
bin="$(swift build -c release --show-bin-path)/warroom"
"$bin" validate "$file"   # must be valid; fails the script otherwise

python3 - "$bin" "$file" "$runs" <<'PY'
import os, resource, statistics, subprocess, sys, time
binary, path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])

def measure(argv):
    """Wall time (median of runs) and peak RSS (max) of a command, measured via wait4."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)  # KiB -> MiB
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{argv[0]} failed")
    return statistics.median(times) * 1000, max(peaks)

size = os.path.getsize(path) / 1e6
warroom = measure([binary, "validate", "--quiet", path])
pyyaml = measure([sys.executable, "-c", "import yaml,sys; yaml.load(open(sys.argv[1]), Loader=yaml.CSafeLoader)", path])
noop = measure([sys.executable, "-c", "import yaml"])
print(f"synthetic runbook: {size:.1f} MB, 10,000 steps / 200 procedures, 100 trees x 50 nodes, 500 contacts; {runs} runs each")
print(f"{'command':<48} {'median ms':>10} {'peak RSS MiB':>13}")
print(f"{'warroom validate (release)':<48} {warroom[0]:>10.1f} {warroom[1]:>13.1f}")
print(f"{'python3 yaml.load CSafeLoader (parse only)':<48} {pyyaml[0]:>10.1f} {pyyaml[1]:>13.1f}")
print(f"{'  of which python3 start + import yaml':<48} {noop[0]:>10.1f} {noop[1]:>13.1f}")
print(f"ratio warroom / pyyaml: time {warroom[0] / pyyaml[0]:.2f}x, memory {warroom[1] / pyyaml[1]:.2f}x")
print(f"targets: warroom under 250 ms and under 100 MiB peak RSS -> time {'met' if warroom[0] < 250 else 'NOT met'}, memory {'met' if warroom[1] < 100 else 'NOT met'}")
PY
