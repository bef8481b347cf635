#!/usr/bin/env bash
# Benchmark (not a timed test): generate a ~5 MB Markdown runbook, build warroom in release
# mode, and time `warroom import` on it. Prints the size, the figures and the runbook made.
#   Benchmarks/import-bench.sh [SIZE_MB] [RUNS]
# Uses the build folder in $SCRATCH (default .build-import). With BASELINE=/path/to/warroom
# (an earlier build, e.g. of main), each run times the baseline right before this build on
# the same document, and the ratio of the medians is printed: the machine's load at the
# time weighs on both alike.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-5}
runs=${2:-5}
scratch=${SCRATCH:-.build-import}
out=Benchmarks/out
mkdir -p "$out"
doc="$out/runbook-${size_mb}mb.md"

# One section of every kind the importer reads, numbered so that ids and titles differ.
section() {
    local n=$1
    cat <<MD
## Service $n Rollback Triggers

- API error rate > 5% for 5+ minutes on service $n
- p95 latency > 800 ms for 10 minutes on service $n

| Scenario | Decision Maker |
|----------|----------------|
| Partner $n reports data drift | Incident Commander |

## Service $n Decision

\`\`\`
Is there a schema change in release $n?
├── NO → Use Service $n Application Rollback
└── YES → Is the data corrupted?
    ├── YES → Use Service $n Database Rollback
    └── NO → Use Service $n Application Rollback
\`\`\`

## Service $n Application Rollback

**Use Case:** Release $n broke the service but not the data
**Duration:** 5-10 minutes
**Risk Level:** Low

| Step | Action | Owner | Duration |
|------|--------|-------|----------|
| 1 | Announce rollback of service $n | Incident Commander | 1 min |
| 2 | Roll back deployment svc-$n | SRE | 2-5 min |
| 3 | Verify health of svc-$n | QA | 5 min |

## Service $n Database Rollback

### Step 1: Stop writes to db-$n (5 minutes)

\`\`\`bash
kubectl scale deployment/svc-$n --replicas=0
\`\`\`

**Checklist:**
- [ ] Writes stopped on db-$n
- [ ] Maintenance page up

### Step 2: Restore db-$n (30-60 minutes)

\`\`\`bash
# 1. Restore the snapshot
pg_restore -d db_$n /backups/db_$n.dump
# 2. Verify row counts
psql db_$n -f verify.sql
\`\`\`

## Service $n Communication

| Audience | Channel | Template | Timing |
|----------|---------|----------|--------|
| Team $n | Slack #svc-$n | Status | Every 15 minutes |

## Service $n Contacts

| Role | Primary | Phone | Backup | Phone |
|------|---------|-------|--------|-------|
| Service $n Owner | Owner $n | +1 555 $((1000 + n % 9000)) | Deputy $n | +1 555 $((2000 + n % 8000)) |

MD
}

if [ ! -f "$doc" ]; then
    target=$((size_mb * 1024 * 1024))
    echo "# Benchmark Platform — Rollback Runbook" > "$doc.tmp"
    n=1
    while [ "$(stat -c %s "$doc.tmp")" -lt "$target" ]; do
        for _ in $(seq 1 100); do section "$n"; n=$((n + 1)); done >> "$doc.tmp"
    done
    mv "$doc.tmp" "$doc"
fi

echo "document: $doc ($(wc -c < "$doc") bytes, $(wc -l < "$doc") lines)"
echo "building release (scratch path $scratch)…"
swift build -c release --scratch-path "$scratch" --product warroom 2>&1 | tail -1
bin="$scratch/release/warroom"

times=()
cpu=()
base_times=()
base_cpu=()
# One timed import: appends wall and CPU milliseconds to the arrays named by $2 and $3.
timed() {
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f "%U %S" -o "$out/time.txt" "$1" import "$doc" -o "$out/runbook-$4.yaml" --report "$out/report-$4.txt"
    end=$(date +%s%N)
    eval "$2+=($(( (end - start) / 1000000 )))"
    eval "$3+=($(awk '{ printf "%d", ($1 + $2) * 1000 }' "$out/time.txt"))"
}
for i in $(seq 1 "$runs"); do
    if [ -n "${BASELINE:-}" ]; then timed "$BASELINE" base_times base_cpu baseline; fi
    timed "$bin" times cpu this
done
cp "$out/runbook-this.yaml" "$out/runbook.yaml"
cp "$out/report-this.txt" "$out/report.txt"
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
echo "import runs, wall (ms): ${times[*]}"
echo "import runs, CPU user+sys (ms): ${cpu[*]}"
echo "wall: min $(echo "$sorted" | head -1) ms, median $(median "${times[@]}") ms, max $(echo "$sorted" | tail -1) ms"
if [ -n "${BASELINE:-}" ]; then
    echo "baseline $BASELINE, wall (ms): ${base_times[*]}; CPU (ms): ${base_cpu[*]}"
    echo "ratio this/baseline, median wall: $(awk -v a="$(median "${times[@]}")" -v b="$(median "${base_times[@]}")" 'BEGIN { printf "%.2f", a / b }'), median CPU: $(awk -v a="$(median "${cpu[@]}")" -v b="$(median "${base_cpu[@]}")" 'BEGIN { printf "%.2f", a / b }')"
    cmp -s "$out/runbook-this.yaml" "$out/runbook-baseline.yaml" && echo "same YAML as the baseline" || echo "YAML differs from the baseline"
fi
/usr/bin/time -f "peak memory: %M KB" "$bin" import "$doc" -o "$out/runbook.yaml" --report "$out/report.txt" 2>&1 | tail -1
/usr/bin/time -f "with --verify (loads the YAML back): %e s" "$bin" import "$doc" --verify -o "$out/runbook.yaml" --report "$out/report.txt" 2>&1 | tail -1
grep -E '^  (procedures|steps|triggers|decision trees|contacts|communication audiences):' "$out/report.txt" | tr -s ' ' | paste -sd, -
echo "output: $(wc -c < "$out/runbook.yaml") bytes of YAML"
