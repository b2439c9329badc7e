#!/usr/bin/env python3
"""Refresh cost of `cati monitor --plain` on a large interviews.jsonl: starts it, waits
for its first screen, measures its CPU over idle refreshes, then appends BATCH records
ROUNDS times (waiting each time until the screen shows them) and reports the CPU per
refresh that read BATCH new records, and the peak RSS. Used by bench/monitor.sh.

    bench/monitor_refresh.py CATI QUESTIONNAIRE DATA_DIR SOURCE_JSONL [BATCH] [ROUNDS]
"""
import os
import subprocess
import sys
import time

cati, questionnaire, data, source = sys.argv[1:5]
batch = int(sys.argv[5]) if len(sys.argv) > 5 else 100
rounds = int(sys.argv[6]) if len(sys.argv) > 6 else 20
hz = os.sysconf("SC_CLK_TCK")
path = os.path.join(data, "interviews.jsonl")


def lines(n):
    out = []
    with open(source, "rb") as f:
        for line in f:
            out.append(line)
            if len(out) == n:
                break
    return out


def cpu(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / hz  # utime + stime


def peak_rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def wait_for(out_path, text, timeout=30.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        with open(out_path, "rb") as f:
            f.seek(max(0, os.path.getsize(out_path) - 200_000))
            if text.encode() in f.read():
                return True
        time.sleep(0.01)
    raise SystemExit(f"timeout waiting for {text!r}")


with open(path, "rb") as f:
    start = sum(1 for _ in f)
extra = lines(batch * rounds)
out_path = os.path.join(data, "monitor-plain.out")
t0 = time.time()
proc = subprocess.Popen([cati, "monitor", questionnaire, "--data", data, "--plain"],
                        stdout=open(out_path, "wb"), stderr=subprocess.DEVNULL)
try:
    wait_for(out_path, f"· {start} finished --", timeout=120)
    first = time.time() - t0
    first_cpu = cpu(proc.pid)
    time.sleep(5.0)
    idle = (cpu(proc.pid) - first_cpu) / 5.0
    before = cpu(proc.pid)
    with open(path, "ab") as f:
        for k in range(rounds):
            f.write(b"".join(extra[k * batch:(k + 1) * batch]))
            f.flush()
            wait_for(out_path, f"· {start + (k + 1) * batch} finished --")
    per_refresh = (cpu(proc.pid) - before) / rounds
    rss = peak_rss_mb(proc.pid)
finally:
    proc.terminate()
    proc.wait()
print(f"monitor --plain on {start} records: first screen {first:.2f} s wall, {first_cpu:.2f} s CPU (incl. process start)")
print(f"  idle refresh (nothing new): {idle * 1000:.0f} ms CPU per second (resolution {1000 / hz:.0f} ms)")
print(f"  refresh with {batch} new records: {per_refresh * 1000:.0f} ms CPU each "
      f"(average of {rounds}, counting the idle refreshes in between; goal < 50 ms)")
print(f"  peak RSS {rss:.1f} MB (goal < 100 MB)")
