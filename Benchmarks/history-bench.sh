#!/usr/bin/env bash
# History benchmark (prints figures; asserts nothing): what a tick, a key, a status line, a
# resume and a report cost as the journal grows. Journals of 10k, 100k and 1M events (the
# replay benchmark's generator, `warroom-bench generate`), measured in one run:
#   idle       every console (one per length) and console-baseline.c side by side in detached
#              120x40 tmux panes for IDLE seconds, CPU from /proc/PID/schedstat; RSS after
#              resume (VmRSS once idle);
#   keys       CPU per key (200 keys j/k, less the idle rate) and key -> screen change (wall
#              time from send-keys until capture-pane -e differs; includes tmux's own ~1-3 ms
#              and the polling of capture-pane, a process each time); and key -> the console's
#              first byte of output on a pty of its own (no tmux: the console's own latency);
#   filter     the timeline's filter typed a key at a time: each key until the screen changes,
#              and until every match is shown;
#   resume     launch to first frame (median of 5, WARROOM_BENCH_FIRST_FRAME);
#   status     `warroom status --tmux` CPU (user+sys): the first run (no checkpoint) and the
#              median of 15 later ones, each beside `tail -n 1` of the same journal, the
#              lengths in turn;
#   report     `warroom report --format md` wall (median of 3) and peak RSS.
# Usage: Benchmarks/history-bench.sh [IDLE_SECONDS] [SIZES]   (default 30 "10000 100000 1000000")
set -euo pipefail
cd "$(dirname "$0")/.."
idle="${1:-30}"
sizes="${2:-10000 100000 1000000}"
export PATH="/opt/swift/usr/bin:$PATH"
swift build -c release --product warroom >/dev/null
swift build -c release --product warroom-bench >/dev/null
bin="$(swift build -c release --show-bin-path)"
work=$(mktemp -d)
trap 'tmux -L warroom-history kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
cc -O2 -o "$work/console-baseline" Benchmarks/console-baseline.c -lncursesw
for n in $sizes; do "$bin/warroom-bench" generate --events "$n" "$work/j$n.jsonl"; done

python3 - "$bin" "$work" "$idle" $sizes <<'PY'
import fcntl, os, pty, resource, select, statistics, struct, subprocess, sys, termios, time
binary, work, idle, sizes = sys.argv[1] + "/warroom", sys.argv[2], int(sys.argv[3]), [int(s) for s in sys.argv[4:]]
env = "env TERM=tmux-256color LANG=C.UTF-8"

def tmux(*args, capture=False):
    result = subprocess.run(["tmux", "-L", "warroom-history", *args], capture_output=True, text=True)
    return result.stdout if capture else None

def cpu_seconds(pid):
    return int(open(f"/proc/{pid}/schedstat").read().split()[0]) / 1e9

def rss_mib(pid, field="VmRSS:"):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return 0.0

def child_cpu(command):
    """CPU seconds (user+sys), wall seconds and peak RSS MiB of one command run to its end."""
    t0 = time.time()
    process = subprocess.Popen(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    return usage.ru_utime + usage.ru_stime, time.time() - t0, usage.ru_maxrss / 1024

def journal(n): return f"{work}/j{n}.jsonl"
def console(n, extra=""): return f"exec {env} {extra} {binary} resume {journal(n)} --operator bench"
baseline = f"exec {env} {work}/console-baseline 8"
load_before = open("/proc/loadavg").read().split()[:3]
rows = {n: {} for n in sizes}

# Resume, launch to first frame (also warms the page cache and leaves any checkpoint a console writes).
def first_frame(command, tag):
    times = []
    for run in range(5):
        t0_file, t1_file = f"{work}/t0-{tag}-{run}", f"{work}/t1-{tag}-{run}"
        start = command.replace("exec env", f"date +%s%N > {t0_file}; exec env WARROOM_BENCH_FIRST_FRAME={t1_file}")
        tmux("new-session", "-d", "-s", "start", "-x", "120", "-y", "40", start)
        deadline = time.time() + 60
        while not (os.path.exists(t1_file) and os.path.getsize(t1_file) > 0) and time.time() < deadline:
            time.sleep(0.005)
        try:
            times.append((int(open(t1_file).read()) - int(open(t0_file).read())) / 1e6)
        except (OSError, ValueError):
            pass
        tmux("kill-server")
        time.sleep(0.2)
    return statistics.median(times) if times else float("nan")

for n in sizes:
    subprocess.run(f"cat {journal(n)} > /dev/null", shell=True)
    rows[n]["resume_ms"] = first_frame(console(n), n)
base_start = first_frame(baseline, "c")

# Status line: the first run after the consoles above, then the median of 15 later runs,
# each beside a `tail -n 1` of the same journal, the lengths taken in turn (no length is
# measured while the machine settles after the consoles).
first = {n: child_cpu(f"{binary} status --tmux {journal(n)}") for n in sizes}
runs, tails = {n: [] for n in sizes}, {n: [] for n in sizes}
for _ in range(15):
    for n in sizes:
        runs[n].append(child_cpu(f"{binary} status --tmux {journal(n)}"))
        tails[n].append(child_cpu(f"tail -n 1 {journal(n)}"))
for n in sizes:
    rows[n]["status_first_ms"] = first[n][0] * 1000
    rows[n]["status_ms"] = statistics.median(r[0] for r in runs[n]) * 1000
    rows[n]["status_wall_ms"] = statistics.median(r[1] for r in runs[n]) * 1000
    rows[n]["tail_ms"] = statistics.median(r[0] for r in tails[n]) * 1000

# Report.
# Report: the median wall time of three runs, and the largest peak RSS.
for n in sizes:
    reports = [child_cpu(f"{binary} report --format md {journal(n)}") for _ in range(3)]
    rows[n]["report_s"] = statistics.median(r[1] for r in reports)
    rows[n]["report_mib"] = max(r[2] for r in reports)

# Idle: every console and the baseline side by side in the same seconds.
tmux("kill-server")
time.sleep(0.3)
panes = [(str(n), console(n)) for n in sizes] + [("C", baseline)]
for name, command in panes:
    tmux("new-session", "-d", "-s", f"idle{name}", "-x", "120", "-y", "40", command)
time.sleep(3 + len(sizes))
pids = {name: int(tmux("display", "-p", "-t", f"idle{name}", "#{pane_pid}", capture=True)) for name, _ in panes}
before, t0 = {name: cpu_seconds(pid) for name, pid in pids.items()}, time.time()
time.sleep(idle)
after, t1 = {name: cpu_seconds(pid) for name, pid in pids.items()}, time.time()
idle_rate = {name: (after[name] - before[name]) / (t1 - t0) for name in pids}
for n in sizes:
    rows[n]["idle"] = idle_rate[str(n)] * 60 * 1000
    rows[n]["rss"] = rss_mib(pids[str(n)])
base_idle, base_rss = idle_rate["C"] * 60 * 1000, rss_mib(pids["C"])

# Keys, one console at a time (the others are stopped so they do not share the window).
def keys(name):
    session = f"idle{name}"
    pid = pids[name]
    cpu_a, ta = cpu_seconds(pid), time.time()
    for index in range(200):
        tmux("send-keys", "-t", session, "j" if index % 2 == 0 else "k")
    time.sleep(1.0)
    cpu_b, tb = cpu_seconds(pid), time.time()
    per_key = max(0.0, (cpu_b - cpu_a) - idle_rate[name] * (tb - ta)) / 200
    latencies = []
    for index in range(20):
        shown = tmux("capture-pane", "-e", "-p", "-t", session, capture=True)
        t_send = time.time()
        tmux("send-keys", "-t", session, "j" if index % 2 == 0 else "k")
        while time.time() - t_send < 2:
            if tmux("capture-pane", "-e", "-p", "-t", session, capture=True) != shown:
                latencies.append((time.time() - t_send) * 1000)
                break
        time.sleep(0.05)
    return per_key * 1000, statistics.median(latencies) if latencies else float("nan")
for n in sizes:
    rows[n]["key_cpu"], rows[n]["key_ms"] = keys(str(n))

# The timeline's filter typed a key at a time ("cycle 7": the generator's notes say "cycle N"):
# each key until the screen changes (the console answers it; a long journal's matches then
# appear a slice per frame, the pane's title saying "searching N%") and until every match is
# shown (no "searching" left). The first key tests every event; each later one only the
# matches of the filter before it.
def filter_keys(name):
    session = f"idle{name}"
    tmux("send-keys", "-t", session, "6")
    time.sleep(0.3)
    tmux("send-keys", "-t", session, "/")
    time.sleep(0.3)
    answered, complete = [], []
    for key in "cycle 7":
        shown = tmux("capture-pane", "-e", "-p", "-t", session, capture=True)
        t_send = time.time()
        tmux("send-keys", "-t", session, "-l", key)
        changed = False
        while time.time() - t_send < 60:
            screen = tmux("capture-pane", "-e", "-p", "-t", session, capture=True)
            if not changed and screen != shown:
                answered.append((time.time() - t_send) * 1000)
                changed = True
            if changed and "searching" not in screen:
                complete.append((time.time() - t_send) * 1000)
                break
            time.sleep(0.005)
    tmux("send-keys", "-t", session, "Escape")
    return answered, complete
for n in sizes:
    answered, complete = filter_keys(str(n))
    rows[n]["filter_first_ms"] = answered[0] if answered else float("nan")
    rows[n]["filter_later_ms"] = statistics.median(answered[1:]) if len(answered) > 1 else float("nan")
    rows[n]["filter_first_all_ms"] = complete[0] if complete else float("nan")
    rows[n]["filter_later_all_ms"] = statistics.median(complete[1:]) if len(complete) > 1 else float("nan")

# Key -> the console's answer on a pty of its own (no tmux, no capture polling): the wall time
# from writing a key to the master until the console's first byte of output comes back.
def pty_key_ms(n):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execve(binary, [binary, "resume", journal(n), "--operator", "bench"],
                  dict(os.environ, TERM="tmux-256color", LANG="C.UTF-8"))
    def drain(quiet):
        while select.select([fd], [], [], quiet)[0]:
            try:
                if not os.read(fd, 1 << 16): return
            except OSError:
                return
    select.select([fd], [], [], 60)
    drain(0.5)
    latencies = []
    for index in range(20):
        t_send = time.perf_counter()
        os.write(fd, b"j" if index % 2 == 0 else b"k")
        if select.select([fd], [], [], 2)[0]:
            latencies.append((time.perf_counter() - t_send) * 1000)
        drain(0.15)
    os.kill(pid, 15)
    os.waitpid(pid, 0)
    os.close(fd)
    return statistics.median(latencies) if latencies else float("nan")
for n in sizes:
    rows[n]["pty_ms"] = pty_key_ms(n)
base_key_cpu, base_key_ms = float("nan"), float("nan")
tmux("kill-server")
load_after = open("/proc/loadavg").read().split()[:3]

def size_name(n): return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1000}k"
heads = [size_name(n) for n in sizes]
def line(label, values): print(f"| {label} | " + " | ".join(values) + " |")
print(f"history benchmark: 120x40 tmux panes, consoles resumed at the journal's end, idle {idle} s side by side with the C baseline")
print(f"load average before {' '.join(load_before)}, after {' '.join(load_after)} ({os.cpu_count()} cores)")
print()
line("", heads + ["C baseline"])
print("|---|" + "---:|" * (len(sizes) + 1))
line("idle console, CPU ms/min", [f"{rows[n]['idle']:.1f}" for n in sizes] + [f"{base_idle:.1f}"])
line("console RSS after resume, MiB", [f"{rows[n]['rss']:.1f}" for n in sizes] + [f"{base_rss:.1f}"])
line("key -> screen change, ms (median of 20)", [f"{rows[n]['key_ms']:.1f}" for n in sizes] + ["—"])
line("key -> first byte of output on a pty, ms (median of 20)", [f"{rows[n]['pty_ms']:.1f}" for n in sizes] + ["—"])
line("timeline filter, first key -> screen change, ms", [f"{rows[n]['filter_first_ms']:.0f}" for n in sizes] + ["—"])
line("timeline filter, later keys -> screen change, ms (median of 6)", [f"{rows[n]['filter_later_ms']:.0f}" for n in sizes] + ["—"])
line("timeline filter, first key -> every match shown, ms", [f"{rows[n]['filter_first_all_ms']:.0f}" for n in sizes] + ["—"])
line("timeline filter, later keys -> every match shown, ms (median of 6)", [f"{rows[n]['filter_later_all_ms']:.0f}" for n in sizes] + ["—"])
line("CPU per key, ms", [f"{rows[n]['key_cpu']:.2f}" for n in sizes] + ["—"])
line("resume, launch to first frame, ms", [f"{rows[n]['resume_ms']:.1f}" for n in sizes] + [f"{base_start:.1f}"])
line("status --tmux CPU ms, first run", [f"{rows[n]['status_first_ms']:.1f}" for n in sizes] + ["—"])
line("status --tmux CPU ms, later runs", [f"{rows[n]['status_ms']:.1f}" for n in sizes] + ["—"])
line("status --tmux wall ms, later runs", [f"{rows[n]['status_wall_ms']:.1f}" for n in sizes] + ["—"])
line("tail -n 1 CPU ms", [f"{rows[n]['tail_ms']:.1f}" for n in sizes] + ["—"])
line("report --format md, wall s / peak RSS MiB", [f"{rows[n]['report_s']:.2f} / {rows[n]['report_mib']:.0f}" for n in sizes] + ["—"])
print()
small, large = sizes[0], sizes[-1]
print(f"idle CPU {size_name(large)} / {size_name(small)}: {rows[large]['idle'] / rows[small]['idle']:.2f}x (target <= 1.5x); "
      + "; ".join(f"{size_name(n)} / C: {rows[n]['idle'] / base_idle:.2f}x" for n in sizes) + " (target <= 2x)")
print("status / tail -n 1: " + "; ".join(f"{size_name(n)} {rows[n]['status_ms'] / rows[n]['tail_ms']:.2f}x" for n in sizes)
      + " (target <= 2x, and <= 5 ms)")
PY
