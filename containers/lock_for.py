"""The runtime lock as it applies to another interpreter: ``python containers/lock_for.py
LOCK VERSION`` prints the requirements (with their hashes) whose markers hold for Python
VERSION on Linux, markers removed.

The image's Python (Debian's) is not the host's, and pip evaluates a lock's markers for
the interpreter that runs it, even with ``pip download --python-version``: a requirement
such as ``async-timeout ; python_full_version < '3.11.3'`` would be skipped on the host
and missing in the image. So the host downloads, and the image installs, this list.
"""

from __future__ import annotations

import platform
import sys

from packaging.markers import Marker


def environment(version: str) -> dict[str, str]:
    return {
        "python_version": ".".join(version.split(".")[:2]),
        "python_full_version": version,
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "sys_platform": "linux",
        "platform_system": "Linux",
        "os_name": "posix",
        "platform_machine": platform.machine(),
    }


def lock_for(text: str, version: str) -> str:
    env = environment(version)
    kept: list[str] = []
    block: list[str] = []

    def flush() -> None:
        if not block:
            return
        head, _, marker = block[0].partition(";")
        if not marker.strip() or Marker(marker.rstrip(" \\")).evaluate(env):
            kept.append(head.rstrip(" \\") + " \\")
            kept.extend(line for line in block[1:] if not line.lstrip().startswith("#"))
        block.clear()

    for line in text.splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            flush()
            block.append(line)
        elif block:
            block.append(line)
    flush()
    return "\n".join(kept) + "\n"


if __name__ == "__main__":
    with open(sys.argv[1]) as lock:
        sys.stdout.write(lock_for(lock.read(), sys.argv[2]))
