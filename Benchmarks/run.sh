#!/usr/bin/env bash
# Prints the performance figures of the incident engine (not a test: nothing fails on a slow
# machine). Builds release into the given scratch folder (default .build), then runs:
#   1. replay of a generated 1,000,000-event journal beside `jq -c .` on the same file;
#   2. durable appends through the engine beside a plain write+fsync loop;
#   3. the shared store: appends and visibility on PostgreSQL beside the file (SharedStoreBenchmark.swift).
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
echo
echo "== Shared store (PostgreSQL beside the journal file)"
# $WARROOM_DATABASE_URL when set, else a throwaway cluster (.ci/pg-cluster) stopped at exit.
if [ -n "${WARROOM_DATABASE_URL:-}" ]; then
    "$bin/warroom-bench" shared --url "$WARROOM_DATABASE_URL" --events 2000
elif cluster=$(mktemp -d -t warroom-bench-pg.XXXXXX) && url=$(.ci/pg-cluster start "$cluster"); then
    trap '.ci/pg-cluster stop "$cluster" || true; rm -rf "$cluster"' EXIT
    "$bin/warroom-bench" shared --url "$url" --events 2000
else
    echo "(skipped: no PostgreSQL; set WARROOM_DATABASE_URL or install postgresql)"
fi
