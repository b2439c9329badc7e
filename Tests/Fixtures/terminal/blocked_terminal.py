"""A terminal nobody reads (issue 22): runs `cati interview FILE --data DATA` on a pty,
starts a blank interview, passes its introduction and answers 'consenso' ('1'), then stops reading the
pty and resizes it again and again (each resize redraws the whole screen) until cati's
writes block. Prints 'exited after S s status N' once cati is gone (or 'still running'
after 30 s, and kills it). CATI_TERMINAL_WRITE_LIMIT is set to 2 s."""
import fcntl, os, pty, select, struct, sys, termios, time

cati, questionnaire, data = sys.argv[1:4]
pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm"
    os.environ["LANG"] = os.environ["LC_ALL"] = "C.UTF-8"
    os.environ["CATI_TERMINAL_WRITE_LIMIT"] = "2"
    os.execv(cati, [cati, "interview", questionnaire, "--data", data, "--interviewer", "maria"])


def read_until(marker, seconds):
    seen, deadline = b"", time.time() + seconds
    while marker not in seen and time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            seen += os.read(fd, 65536)
    return marker in seen


def drain():
    while select.select([fd], [], [], 0.3)[0]:
        os.read(fd, 65536)


assert read_until(b"Invio", 20), "no next-interview screen"
os.write(fd, b"\r")  # a blank interview
assert read_until(b"intro", 20), "no first screen"
drain()
os.write(fd, b"\r")  # past the introduction
assert read_until(b"consenso", 20), "no first question"
drain()
os.write(fd, b"1\r")
assert read_until(b"tipo", 20), "the answer was not taken"
drain()
started, resizes = time.time(), 0
while time.time() - started < 30:
    width, height = (200, 60) if resizes % 2 else (80, 24)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
    resizes += 1
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        print(f"exited after {time.time() - started:.1f} s status {os.waitstatus_to_exitcode(status)} resizes {resizes}")
        sys.exit(0)
    time.sleep(0.05)
print("still running after 30 s")
os.kill(pid, 9)
