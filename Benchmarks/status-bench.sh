#!/usr/bin/env bash
# Status-line benchmark (prints figures; asserts nothing): `warroom status --tmux` CPU once a
# checkpoint exists, beside `tail -n 1` of the same journal and `warroom --version` (a Swift
# process that starts and exits), in the same run. Journals of 10k, 100k and 1M events (the
# replay benchmark's generator, `warroom-bench generate`). For each length: the first status
# run (no checkpoint: it folds the whole journal and writes the checkpoints), then the median
# CPU (user+sys, from wait4) of RUNS later runs, which start from the checkpoint, and of RUNS
# runs of each baseline.
# Usage: Benchmarks/status-bench.sh [RUNS] [SIZES] [JOURNAL_DIR]
#   (default 15 "10000 100000 1000000"; JOURNAL_DIR keeps and reuses the journals, else a temporary folder)
# STATUS_BENCH_BEFORE=PATH also measures another warroom binary (an older build) the same way, first.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-15}"
sizes="${2:-10000 100000 1000000}"
export PATH="/opt/swift/usr/bin:$PATH"
if [ -z "${STATUS_BENCH_NO_BUILD:-}" ]; then
    swift build -c release --product warroom >/dev/null
    swift build -c release --product warroom-bench >/dev/null
fi
bin="$(swift build -c release --show-bin-path)"
if [ -n "${3:-}" ]; then work="$3"; mkdir -p "$work"; else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
for n in $sizes; do
    [ -s "$work/j$n.jsonl" ] || "$bin/warroom-bench" generate --events "$n" "$work/j$n.jsonl"
    rm -f "$work/j$n.jsonl".checkpoint* "$work/j$n.jsonl".status*
done

python3 - "$bin" "$work" "$runs" "${STATUS_BENCH_BEFORE:-}" $sizes <<'PY'
import os, statistics, subprocess, sys
binary, work, runs, before = sys.argv[1] + "/warroom", sys.argv[2], int(sys.argv[3]), sys.argv[4]
sizes = [int(s) for s in sys.argv[5:]]

def cpu_ms(command):
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return (usage.ru_utime + usage.ru_stime) * 1000

def median(command):
    return statistics.median(cpu_ms(command) for _ in range(runs))

print("load before:", " ".join(open("/proc/loadavg").read().split()[:3]))
print("CPU ms (user+sys); 'status' is the median of the runs after the first, which start from the checkpoint")
print(f"{'events':>9} {'build':>7} {'first':>9} {'status':>9} {'tail -n 1':>10} {'--version':>10} {'status/tail':>12}")
for n in sizes:
    journal = f"{work}/j{n}.jsonl"
    subprocess.run(["cat", journal], stdout=subprocess.DEVNULL)
    for name, program in ([("before", before)] if before else []) + [("this", binary)]:
        first = cpu_ms([program, "status", "--tmux", journal])
        status = median([program, "status", "--tmux", journal])
        tail = median(["tail", "-n", "1", journal])
        version = median([program, "--version"])
        print(f"{n:>9} {name:>7} {first:>9.1f} {status:>9.1f} {tail:>10.1f} {version:>10.1f} {status / max(tail, 0.001):>11.1f}x")
print("load after:", " ".join(open("/proc/loadavg").read().split()[:3]))
PY
