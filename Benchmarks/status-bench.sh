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

python3 - "$bin" "$work" "$runs" $sizes <<'PY'
import os, statistics, subprocess, sys
binary, work, runs, sizes = sys.argv[1] + "/warroom", sys.argv[2], int(sys.argv[3]), [int(s) for s in sys.argv[4:]]

def cpu_ms(command):
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return (usage.ru_utime + usage.ru_stime) * 1000

def median(command):
    return statistics.median(cpu_ms(command) for _ in range(runs))

print("load before:", " ".join(open("/proc/loadavg").read().split()[:3]))
print(f"{'events':>9} {'first ms':>9} {'status ms':>10} {'tail -n 1':>10} {'--version':>10} {'status/tail':>12}")
for n in sizes:
    journal = f"{work}/j{n}.jsonl"
    subprocess.run(["cat", journal], stdout=subprocess.DEVNULL)
    first = cpu_ms([binary, "status", "--tmux", journal])
    status = median([binary, "status", "--tmux", journal])
    tail = median(["tail", "-n", "1", journal])
    version = median([binary, "--version"])
    print(f"{n:>9} {first:>9.1f} {status:>10.1f} {tail:>10.1f} {version:>10.1f} {status / max(tail, 0.001):>11.1f}x")
print("load after:", " ".join(open("/proc/loadavg").read().split()[:3]))
PY
