"""`make fuzz`: schemathesis against the development schema of a real local server.

Starts (or reuses) the local Neo4j under .kb/fuzz, loads the example reports, serves the API in
development mode on a free loopback port, and lets schemathesis generate queries from the
introspected schema. Any 5xx is a failure: expected errors are GraphQL errors with a code.
Bounded: ``--max-examples`` per operation, loopback only.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-examples", type=int, default=25)
    args = parser.parse_args()
    env = dict(os.environ, KB_HOME=str(REPO / ".kb" / "fuzz"), KB_BOLT_PORT=str(free_port()))
    kb = [sys.executable, "-m", "kb"]
    subprocess.run([*kb, "load", str(REPO / "examples" / "reports")], env=env, check=True)
    # An editor's token, so mutations are exercised past the role check.
    editor = subprocess.run([*kb, "token", "create", "--role", "editor", "--name", "fuzz"],
                            env=env, check=True, capture_output=True, text=True).stdout.strip()
    port = free_port()
    server = subprocess.Popen([*kb, "serve", "--dev", "--port", str(port)], env=env)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/readyz", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("the API did not become ready") from None
                time.sleep(0.5)
        hooks = dict(env, SCHEMATHESIS_HOOKS="fuzz_hooks", PYTHONPATH=str(REPO / "bench"))
        return subprocess.run(
            [str(Path(sys.executable).with_name("schemathesis")), "run", f"{url}/graphql",
             "--checks", "no_internal_error", "--max-examples", str(args.max_examples),
             "--header", f"Authorization: Bearer {editor}", "--request-timeout", "30"],
            env=hooks, check=False).returncode
    finally:
        server.terminate()
        server.wait(timeout=30)
        subprocess.run([*kb, "db", "stop"], env=env, check=False)


if __name__ == "__main__":
    sys.exit(main())
