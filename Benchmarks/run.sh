#!/usr/bin/env bash
# Prints the performance figures of the incident engine (not a test: nothing fails on a slow
# machine). Builds release into the given scratch folder (default .build), then runs:
#   1. replay of a generated 1,000,000-event journal beside `jq -c .` on the same file;
#   2. durable appends through the engine beside a plain write+fsync loop.
# Usage: Benchmarks/run.sh [SCRATCH_PATH] [EVENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${1:-.build}"
events="${2:-1000000}"
export PATH="/opt/swift/usr/bin:$PATH"
swift build -c release --scratch-path "$scratch" --product warroom >/dev/null
swift build -c release --scratch-path "$scratch" --product warroom-bench >/dev/null
bin="$scratch/release"
echo "== Replay"
"$bin/warroom-bench" replay --events "$events" --warroom "$bin/warroom"
echo
echo "== Durable appends"
"$bin/warroom-bench" append --events 5000
