"""Start, check and stop a local Neo4j Community server.

The server is started the way the official distribution starts it: through
Neo4j's own bootloader (``org.neo4j.server.startup.Neo4jCommand``), which
reads ``server.jvm.additional`` from the generated ``neo4j.conf`` and launches
``org.neo4j.server.CommunityEntryPoint`` with ``--home-dir``/``--config-dir``.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kb.db.conf import render_conf
from kb.db.jars import fetch_jars
from kb.errors import DatabaseUnavailable, MissingPrerequisite
from kb.settings import Settings

BOOTLOADER = "org.neo4j.server.startup.Neo4jCommand"
ADMIN = "org.neo4j.server.startup.Neo4jAdminCommand"
MIN_JAVA = 17

Say = Callable[[str], None]


@dataclass(frozen=True)
class Status:
    running: bool
    pid: int | None
    version: str
    home: Path
    data_dir: Path
    port: int | None
    uri: str | None

    def lines(self) -> list[str]:
        state = f"running (pid {self.pid})" if self.running else "stopped"
        return [
            f"Neo4j {self.version}: {state}",
            f"  bolt:  {self.uri if self.running else '-'}",
            f"  data:  {self.data_dir}",
            f"  home:  {self.home}",
        ]


def java_executable() -> str:
    """The java binary to run Neo4j with, or a one-line explanation of what is missing."""
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not java or not Path(java).exists():
        raise MissingPrerequisite(
            f"Java {MIN_JAVA}+ is needed to run the local Neo4j and no `java` is on PATH: "
            "install it (Debian: apt-get install openjdk-17-jre-headless) "
            "or set NEO4J_URI to an existing server"
        )
    proc = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    match = re.search(r'version "(\d+)(?:\.(\d+))?', proc.stderr + proc.stdout)
    major = int(match.group(1)) if match else 0
    if major == 1 and match and match.group(2):  # "1.8" style
        major = int(match.group(2))
    if major < MIN_JAVA:
        raise MissingPrerequisite(
            f"Java {MIN_JAVA}+ is needed to run Neo4j 5.26, found {java} (version {major or '?'})"
        )
    return java


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # As Neo4j binds: a port left in TIME_WAIT by the last run's clients is free, so a
        # restart keeps its port instead of moving away from every configured client.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LocalServer:
    """One local Neo4j installation under ``settings.server_home``."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.home = settings.server_home
        self.conf_dir = self.home / "conf"
        self.data_dir = self.home / "data"
        self.logs_dir = self.home / "logs"
        self.run_dir = self.home / "run"
        self.password_file = self.home / "password"
        self.port_file = self.home / "port"
        self.lib = settings.jars_dir

    # -- state ---------------------------------------------------------------

    def pid(self) -> int | None:
        pid_file = self.run_dir / "neo4j.pid"
        try:
            pid = int(pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass
        cmdline = Path(f"/proc/{pid}/cmdline")
        if cmdline.exists() and b"CommunityEntryPoint" not in cmdline.read_bytes():
            return None  # a stale pid file whose number was reused
        return pid

    def port(self) -> int | None:
        try:
            return int(self.port_file.read_text().strip())
        except (OSError, ValueError):
            return None

    def password(self) -> str:
        try:
            return self.password_file.read_text().strip()
        except OSError as exc:
            raise DatabaseUnavailable(
                f"the local Neo4j has no password file at {self.password_file}; "
                "run `kb db start` first"
            ) from exc

    def uri(self) -> str | None:
        port = self.port()
        return f"bolt://127.0.0.1:{port}" if port else None

    def status(self) -> Status:
        pid = self.pid()
        return Status(
            running=pid is not None,
            pid=pid,
            version=self.settings.neo4j_version,
            home=self.home,
            data_dir=self.data_dir,
            port=self.port(),
            uri=self.uri(),
        )

    def env_lines(self) -> list[str]:
        if self.pid() is None:
            raise DatabaseUnavailable("the local Neo4j is not running; start it with `kb db start`")
        return [
            f"NEO4J_URI={self.uri()}",
            f"NEO4J_USER={self.settings.neo4j_user}",
            f"NEO4J_PASSWORD={self.password()}",
            f"NEO4J_DATABASE={self.settings.neo4j_database}",
        ]

    # -- lifecycle -----------------------------------------------------------

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        self.home.mkdir(parents=True, exist_ok=True)
        with open(self.home / ".lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def start(self, say: Say = print) -> bool:
        """Start the server and wait for Bolt; return False when it was already running."""
        with self._lock():
            if self.pid() is not None:
                say(f"Neo4j is already running at {self.uri()} (pid {self.pid()})")
                return False
            java = java_executable()
            if fetch_jars(self.lib, self.settings.neo4j_version, say):
                say(f"fetched Neo4j {self.settings.neo4j_version} into {self.lib}")
            port = self._choose_port(say)
            self._write_conf(port)
            self._ensure_password(java)
            self._lock_down()
            env = self._env()
            say(f"starting Neo4j {self.settings.neo4j_version} on 127.0.0.1:{port} "
                f"(data in {self.data_dir})...")
            proc = subprocess.run(
                [java, "-Xmx128m", "-cp", f"{self.lib}/*", BOOTLOADER, "start"],
                env=env, capture_output=True, text=True, check=False, cwd=self.home,
            )
            if proc.returncode != 0:
                output = proc.stdout + proc.stderr
                tail = "\n".join(output.strip().splitlines()[-8:])
                raise DatabaseUnavailable(
                    f"Neo4j did not start: {_telling_line(output)}"
                    f"\n--- the last lines Neo4j printed ---\n{tail}" + self._log_tail()
                )
            self._wait_for_bolt()
            say(f"Neo4j {self.settings.neo4j_version} is running at {self.uri()}")
            return True

    def stop(self, say: Say = print) -> bool:
        with self._lock():
            pid = self.pid()
            if pid is None:
                say("Neo4j is not running")
                return False
            os.kill(pid, signal.SIGTERM)  # the server shuts down cleanly on SIGTERM
            deadline = time.monotonic() + 60
            while self.pid() is not None and time.monotonic() < deadline:
                time.sleep(0.2)
            if self.pid() is not None:
                os.kill(pid, signal.SIGKILL)
                say("Neo4j did not stop within 60 s and was killed")
            (self.run_dir / "neo4j.pid").unlink(missing_ok=True)
            say("Neo4j stopped")
            return True

    def admin(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run ``neo4j-admin ARGS`` on this installation (its conf and data), server stopped
        or not: e.g. ``database import full`` into a fresh home."""
        java = java_executable()
        with self._lock():
            fetch_jars(self.lib, self.settings.neo4j_version, lambda _line: None)
            if not (self.conf_dir / "neo4j.conf").exists():
                self._write_conf(self.port() or self._choose_port(lambda _line: None))
            self._ensure_password(java)
            return subprocess.run(
                [java, "-Xmx512m", "-cp", f"{self.lib}/*", ADMIN, *args],
                env=self._env(), capture_output=True, text=True, check=False, cwd=self.home,
            )

    # -- helpers -------------------------------------------------------------

    def _choose_port(self, say: Say) -> int:
        wanted = self.settings.bolt_port
        if port_is_free(wanted):
            return wanted
        port = free_port()
        say(f"port {wanted} is taken; Neo4j will listen on {port} instead")
        return port

    def _write_conf(self, port: int) -> None:
        for folder in (self.conf_dir, self.data_dir, self.logs_dir, self.run_dir):
            folder.mkdir(parents=True, exist_ok=True)
        (self.conf_dir / "neo4j.conf").write_text(render_conf(self.settings, self, port))
        self.port_file.write_text(f"{port}\n")

    def _ensure_password(self, java: str) -> None:
        if self.password_file.exists():
            return
        if (self.data_dir / "databases" / "system").exists():
            raise DatabaseUnavailable(
                f"the local Neo4j data in {self.data_dir} exists but its password file "
                f"{self.password_file} is gone; remove {self.home} to start afresh"
            )
        password = secrets.token_urlsafe(24)
        proc = subprocess.run(
            [java, "-Xmx128m", "-cp", f"{self.lib}/*", ADMIN,
             "dbms", "set-initial-password", password],
            env=self._env(), capture_output=True, text=True, check=False, cwd=self.home,
        )
        if proc.returncode != 0:
            raise DatabaseUnavailable(
                f"could not set the initial password: {_last_line(proc.stdout + proc.stderr)}"
            )
        fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(password + "\n")

    def _lock_down(self) -> None:
        """Only the owner may read the database, its credentials or its password."""
        for folder in (self.home, self.data_dir):
            folder.chmod(0o700)
        auth = self.data_dir / "dbms" / "auth.ini"
        if auth.exists():
            auth.chmod(0o600)

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["NEO4J_HOME"] = str(self.home)
        env["NEO4J_CONF"] = str(self.conf_dir)
        # The bootloader would otherwise pick these up and override our conf.
        for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
            env.pop(name, None)
        return env

    def _wait_for_bolt(self) -> None:
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, ServiceUnavailable

        deadline = time.monotonic() + self.settings.start_timeout
        last = "no answer"
        with GraphDatabase.driver(
            self.uri() or "", auth=(self.settings.neo4j_user, self.password())
        ) as driver:
            while time.monotonic() < deadline:
                if self.pid() is None:
                    raise DatabaseUnavailable("Neo4j exited while starting" + self._log_tail())
                try:
                    driver.verify_connectivity()
                    return
                except AuthError as exc:
                    raise DatabaseUnavailable(
                        f"Neo4j refused kb's password ({exc.code}); "
                        f"remove {self.home} to start afresh"
                    ) from exc
                except (ServiceUnavailable, OSError) as exc:
                    last = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                    time.sleep(0.5)
        raise DatabaseUnavailable(
            f"Neo4j did not answer on Bolt within {self.settings.start_timeout:.0f} s ({last})"
            + self._log_tail()
        )

    def _log_tail(self, lines: int = 15) -> str:
        log = self.logs_dir / "neo4j.log"
        try:
            tail = log.read_text(errors="replace").splitlines()[-lines:]
        except OSError:
            return ""
        return f"\n--- last lines of {log} ---\n" + "\n".join(tail)


def _telling_line(text: str) -> str:
    """The line that says what went wrong (the bootloader ends with generic hints)."""
    lines = [ln.strip(" #") for ln in text.splitlines() if ln.strip(" #")]
    for line in lines:
        if re.search(r"error|failed|exception|insufficient|invalid|not allowed", line, re.I) \
                and "--verbose" not in line and "See log" not in line:
            return line
    return lines[-1] if lines else "no output"


def _last_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines[-1] if lines else "no output"
