#!/usr/bin/env python3
"""Paired runs for bench/agent.sh: each round runs every case once, in turn (so load changes hit all cases alike),
and records wall time, the CPU of the command and its children, and the CPU the warm agent spent meanwhile (the
agent is no child of the command: /proc/AGENTPID/stat before and after). Prints one markdown table of medians.
Usage: paired.py TITLE AGENTPID RUNS WARMUP NAME COMMAND [NAME COMMAND ...]   (COMMAND runs with bash -c)"""
import os, resource, statistics, subprocess, sys, time

title, agent, runs, warmup = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
cases = list(zip(sys.argv[5::2], sys.argv[6::2]))
tick = os.sysconf("SC_CLK_TCK")


def agent_cpu():
    try:
        fields = open(f"/proc/{agent}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    except (OSError, IndexError, ValueError):
        return 0.0


def once(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    agent_before = agent_cpu()
    start = time.perf_counter()
    code = subprocess.call(["bash", "-c", command], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, agent_cpu() - agent_before, code


results = {name: [] for name, _ in cases}
for round_ in range(warmup + runs):
    for name, command in cases:
        sample = once(command)
        if round_ >= warmup:
            results[name].append(sample)

base = cases[0][0]
med = {name: [statistics.median(s[i] for s in results[name]) for i in range(3)] for name in results}
print(f"\n### {title}\n")
print("| case | wall median ms | min–max ms | cpu median ms (command) | agent cpu median ms | command+agent cpu ms"
      " | wall × first | cpu+agent × first | failed runs |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for name, _ in cases:
    wall, cpu, agent_ms = med[name]
    walls = [s[0] for s in results[name]]
    total = cpu + agent_ms
    base_total = med[base][1] + med[base][2]
    failed = sum(1 for s in results[name] if s[3] != 0)
    print(f"| {name} | {wall*1000:.0f} | {min(walls)*1000:.0f}–{max(walls)*1000:.0f} | {cpu*1000:.0f} |"
          f" {agent_ms*1000:.0f} | {total*1000:.0f} | {wall/med[base][0]:.2f} | {total/base_total:.2f} | {failed} |")
