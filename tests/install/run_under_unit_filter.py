#!/usr/bin/python3
"""Runs a command under the system-call filter a systemd unit declares, as systemd would apply it,
without systemd: the unit's SystemCallFilter= lines (allow lists, and ~deny lists taken out of
them), their @groups expanded by `systemd-analyze syscall-filter`, and its SystemCallErrorNumber=
(a denied call fails with that errno) or, without one, the process killed (SIGSYS) as systemd does.
So a test catches a service that calls what its unit forbids before an operator's machine does.
Usage: run_under_unit_filter.py UNIT_FILE -- COMMAND [ARG...]"""
import errno
import os
import subprocess
import sys

import seccomp


def group(name, seen):
    """The system calls of one @group, nested groups included."""
    if name in seen:
        return set()
    seen.add(name)
    out = subprocess.run(["systemd-analyze", "syscall-filter", name], check=True, capture_output=True,
                         text=True).stdout
    calls = set()
    for line in out.splitlines()[1:]:
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        calls |= group(word, seen) if word.startswith("@") else {word}
    return calls


def expand(words):
    calls = set()
    for word in words:
        calls |= group(word, set()) if word.startswith("@") else {word}
    return calls


def filter_of(unit):
    allowed, errno_name = None, None
    for raw in open(unit, encoding="utf-8"):
        line = raw.strip()
        if line.startswith("SystemCallErrorNumber="):
            errno_name = line.split("=", 1)[1].strip()
        if not line.startswith("SystemCallFilter="):
            continue
        value = line.split("=", 1)[1].strip()
        deny = value.startswith("~")
        calls = expand(value.lstrip("~").split())
        if deny:
            allowed = (allowed if allowed is not None else set()) - calls
        else:
            allowed = (allowed or set()) | calls
    if allowed is None:
        sys.exit("%s declares no SystemCallFilter=" % unit)
    action = seccomp.ERRNO(getattr(errno, errno_name)) if errno_name else seccomp.KILL_PROCESS
    return allowed, action


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit(__doc__)
    allowed, action = filter_of(sys.argv[1])
    f = seccomp.SyscallFilter(defaction=action)
    for call in sorted(allowed):
        try:
            f.add_rule(seccomp.ALLOW, call)
        except (RuntimeError, ValueError, OSError):
            pass  # not a system call on this architecture
    f.load()
    os.execv(sys.argv[3], sys.argv[3:])


main()
