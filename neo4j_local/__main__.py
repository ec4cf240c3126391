"""``python -m neo4j_local {provision,start,stop,status,logs,reset,lock}``.

Defaults come from the environment, so ``make run`` and the tests can point the same
command at different folders and ports:

| variable | default |
| --- | --- |
| NEO4J_LOCAL_DIR | .neo4j |
| NEO4J_LOCAL_BOLT_PORT | 7687 |
| NEO4J_LOCAL_HTTP_PORT | 7474 |
| NEO4J_PASSWORD | generated on first start into NEO4J_LOCAL_DIR/password (owner-only) |

``reset`` stops the server and deletes its data; the jars and the generated password
stay (``--new-password`` deletes the password too, so the next start makes another).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from neo4j_local.artifacts import ensure_distribution, generate_lock
from neo4j_local.errors import ProvisioningError
from neo4j_local.server import LocalServer


def _server(args: argparse.Namespace) -> LocalServer:
    return LocalServer(
        home=Path(args.dir),
        bolt_port=args.bolt_port,
        http_port=args.http_port,
        password=args.password,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m neo4j_local",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--dir", default=os.environ.get("NEO4J_LOCAL_DIR", ".neo4j"))
    parser.add_argument(
        "--bolt-port", type=int, default=int(os.environ.get("NEO4J_LOCAL_BOLT_PORT", "7687"))
    )
    parser.add_argument(
        "--http-port", type=int, default=int(os.environ.get("NEO4J_LOCAL_HTTP_PORT", "7474"))
    )
    parser.add_argument("--password", default=os.environ.get("NEO4J_PASSWORD") or None)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("provision", help="download and verify the pinned jars (no start)")
    start = sub.add_parser("start", help="start in the background and wait until it answers")
    start.add_argument("--timeout", type=float, default=120.0)
    sub.add_parser("stop", help="stop cleanly")
    sub.add_parser("status", help="print status as JSON; exit 3 when not running")
    logs = sub.add_parser("logs", help="print the last log lines")
    logs.add_argument("-n", type=int, default=50)
    reset = sub.add_parser("reset", help="stop, delete the local graph; keep jars and password")
    reset.add_argument(
        "--new-password", action="store_true", help="delete the generated password too"
    )
    sub.add_parser("lock", help="re-resolve the pinned jars with Maven and rewrite the lock")
    args = parser.parse_args(argv)

    def say(message: str) -> None:
        print(f"neo4j_local: {message}", file=sys.stderr, flush=True)

    try:
        if args.command == "provision":
            say(f"jars ready in {ensure_distribution(progress=say)}")
        elif args.command == "start":
            server = _server(args)
            server.start(timeout=args.timeout, log=say)
            say(f"Neo4j answers at {server.bolt_uri}; Browser at {server.browser_url}")
        elif args.command == "stop":
            say("stopped" if _server(args).stop() else "was not running")
        elif args.command == "status":
            status = _server(args).status()
            print(json.dumps(status, indent=2))
            return 0 if status["answering"] else 3
        elif args.command == "logs":
            print(_server(args).tail(args.n))
        elif args.command == "reset":
            deleted = _server(args).reset(new_password=args.new_password)
            for path in deleted:
                say(f"deleted {path}")
            say("the next start begins with an empty graph" if deleted else "nothing to delete")
        elif args.command == "lock":
            lock = generate_lock()
            say(f"locked {len(lock.artifacts)} jars for Neo4j {lock.neo4j_version}")
    except ProvisioningError as exc:
        say(f"error: {exc}")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
