#!/usr/bin/env python3
"""Drives `cati interview --plain` in a real pseudo-terminal with pexpect, as an
interviewer types it: SCENARIO.json gives the command, its environment and the steps;
every byte the terminal showed (the program's output and the terminal's own echo of
what was typed) is written to TRANSCRIPT. Prints one JSON line: the exit status or the
signal, and the values captured by `capture` steps. Exits 1 naming the step that
timed out, with the tail of what the terminal showed.

Steps (objects, in order):
  {"expect": REGEX}            wait for the text (UTF-8, Python re syntax)
  {"send": TEXT}               type TEXT, then Enter
  {"capture": NAME, "expect": REGEX}  wait, keep group 1 as NAME
  {"grid": {ITEM: TEXT}, "count": N, "item": REGEX}  answer N grid items by the item
                               named in group 1 of REGEX (as the line mode says it)
  {"touch": PATH} / {"remove": PATH}  make or remove a file (a fault's flag)
  {"shell": COMMAND}           run COMMAND with bash and wait for it (stop or start a server)
  {"sendeof": true}            Ctrl-D: the end of the input
  {"kill": 9}                  send the signal to the program and wait for its end
  {"eof": true}                wait for the program to end
"""
import json
import os
import re
import signal
import subprocess
import sys

import pexpect


def main():
    scenario = json.load(open(sys.argv[1], encoding="utf-8"))
    transcript = open(sys.argv[2], "wb")
    env = dict(scenario.get("env", {}))
    child = pexpect.spawn(scenario["argv"][0], scenario["argv"][1:], env=env, cwd=scenario.get("cwd"),
                          timeout=scenario.get("timeout", 60), dimensions=(24, 80))
    child.logfile_read = transcript
    captured = {}
    asked = []
    for number, step in enumerate(scenario["steps"]):
        try:
            if "grid" in step:
                item = re.compile(step["item"].encode())
                for _ in range(step["count"]):
                    child.expect(item)
                    name = child.match.group(1).decode()
                    asked.append(name)
                    child.expect(re.compile(step.get("prompt", r"\): ").encode()))
                    child.sendline(step["grid"][name].encode())
            elif "capture" in step:
                child.expect(re.compile(step["expect"].encode()))
                captured[step["capture"]] = child.match.group(1).decode()
            elif "expect" in step:
                child.expect(re.compile(step["expect"].encode()))
            elif "send" in step:
                child.sendline(step["send"].encode())
            elif "touch" in step:
                open(step["touch"], "wb").close()
            elif "remove" in step:
                os.remove(step["remove"])
            elif "shell" in step:
                done = subprocess.run(["/bin/bash", "-c", step["shell"]], stdin=subprocess.DEVNULL,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
                if done.returncode != 0:
                    print(json.dumps({"failed": number, "step": step, "error": "exit %d" % done.returncode,
                                      "tail": done.stderr.decode("utf-8", "replace")[-1500:]}))
                    transcript.close()
                    sys.exit(1)
            elif "sendeof" in step:
                child.sendeof()
            elif "kill" in step:
                os.kill(child.pid, step["kill"])
                child.expect(pexpect.EOF)
            elif "eof" in step:
                child.expect(pexpect.EOF)
        except (pexpect.TIMEOUT, pexpect.EOF) as error:
            tail = (child.before or b"")[-1500:].decode("utf-8", "replace")
            print(json.dumps({"failed": number, "step": step, "error": type(error).__name__, "tail": tail}))
            transcript.close()
            sys.exit(1)
    child.close()
    transcript.close()
    print(json.dumps({"status": child.exitstatus, "signal": child.signalstatus, "captured": captured,
                      "grid": asked}))


if __name__ == "__main__":
    main()
