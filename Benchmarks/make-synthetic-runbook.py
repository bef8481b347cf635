#!/usr/bin/env python3
"""Writes a synthetic runbook of the size the runbook issue benchmarks: 10,000 steps in
200 procedures, 100 decision trees of 50 nodes, 500 contacts. Usage: make-synthetic-runbook.py OUT"""
import sys

out = []
w = out.append
w("format: 1")
w("id: synthetic")
w("title: Synthetic runbook for benchmarks")
w("objectives: {rto: 4h, rpo: 15m}")
w("triggers:")
for t in range(100):
    w(f"  - id: trigger-{t}")
    w("    kind: automatic")
    w(f"    condition: Metric {t} above its limit for 5 minutes")
    w(f"    threshold: metric_{t} > {t} % for 5m")
    w(f"    leads_to: procedure-{t}")
w("procedures:")
for p in range(200):
    w(f"  - id: procedure-{p}")
    w(f"    title: Procedure {p} rollback")
    w("    when: When the synthetic system misbehaves")
    w("    estimate: 30-60 min")
    w("    steps:")
    for s in range(50):
        w(f"      - action: Step {s} of procedure {p}, do the next careful thing")
        w("        owner: DevOps Engineer")
        w(f"        duration: {1 + s % 9}-{2 + s % 9 * 2}m")
        if s % 10 == 0:
            w("        commands: |")
            w(f"          kubectl rollout undo deployment/service-{p} -n production")
            w(f"          kubectl rollout status deployment/service-{p} -n production")
        if s % 7 == 0:
            w("        checklist: [Pods replaced, Health checks green]")
w("decision_trees:")
for t in range(100):
    w(f"  - id: tree-{t}")
    w(f"    title: Tree {t}")
    w("    nodes:")
    for n in range(50):
        w(f"      - id: n{n}")
        w(f"        question: Is condition {n} of tree {t} true?")
        w("        answers:")
        for label, child in (("Yes", 2 * n + 1), ("No", 2 * n + 2)):
            target = f"n{child}" if child < 50 else ("done" if child % 2 else "escalate")
            w(f"          - {{label: \"{label}\", goto: {target}}}")
    w("    outcomes:")
    w(f"      - {{id: done, title: Roll back, procedure: procedure-{t}, time_limit: within 30m}}")
    w("      - {id: escalate, title: Escalate}")
w("contacts:")
for c in range(500):
    w(f"  - role: Role {c}")
    w(f"    primary: {{name: Person {c}, phone: \"+1 555 {c:04d}\", handles: [\"@person{c}\"]}}")
    w(f"    backup: {{name: Backup {c}, phone: \"+1 555 9{c:03d}\"}}")
w("communications:")
for a in range(20):
    w(f"  - {{id: audience-{a}, audience: Audience {a}, scope: internal, channel: Slack, cadence: every {15 + a}m, on: [trigger]}}")

with open(sys.argv[1], "w") as f:
    f.write("\n".join(out) + "\n")
