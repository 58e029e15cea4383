"""The local Neo4j: started, reached, locked down, and honest about what is missing."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from kb.db.server import LocalServer, free_port
from kb.settings import Settings
from tests.conftest import REPO, Graph


def _listening(port: int) -> list[str]:
    """Local addresses of LISTEN sockets on ``port``, read from /proc/net."""
    found = []
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            addr, hexport = fields[1].split(":")
            if int(hexport, 16) == port and fields[3] == "0A" and len(addr) == width:
                found.append(_decode(addr))
    return found


def _decode(addr: str) -> str:
    raw = bytes.fromhex(addr)
    if len(raw) == 4:
        return socket.inet_ntop(socket.AF_INET, raw[::-1])
    words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
    return socket.inet_ntop(socket.AF_INET6, words)


def _kb(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kb", *args], env=env, capture_output=True,
                          text=True, cwd=REPO, check=False)


def test_bolt_listens_on_loopback_only(graph: Graph, local_server: LocalServer | None) -> None:
    if local_server is None:
        pytest.skip("NEO4J_URI points at a server this run did not start")
    port = local_server.port()
    assert port is not None
    addresses = _listening(port)
    assert addresses, f"nothing listens on {port}"
    assert all(a in ("127.0.0.1", "::ffff:127.0.0.1", "::1") for a in addresses), addresses


def test_wrong_password_is_refused(graph: Graph) -> None:
    with GraphDatabase.driver(graph.target.uri, auth=(graph.target.user, "not-the-password")) \
            as driver, pytest.raises(AuthError):
        driver.verify_connectivity()


def test_password_file_is_private(local_server: LocalServer | None) -> None:
    if local_server is None:
        pytest.skip("NEO4J_URI points at a server this run did not start")
    assert local_server.password_file.stat().st_mode & 0o777 == 0o600


def test_env_lines_let_a_plain_driver_script_connect(local_server: LocalServer | None) -> None:
    if local_server is None:
        pytest.skip("NEO4J_URI points at a server this run did not start")
    env = dict(os.environ, KB_HOME=str(local_server.settings.home))
    out = _kb(env, "db", "env")
    assert out.returncode == 0, out.stderr
    script = (
        'eval "$(' + f"{sys.executable} -m kb db env" + ')"\n'
        f"{sys.executable} -c \"import os; from neo4j import GraphDatabase; "
        "d = GraphDatabase.driver(os.environ['NEO4J_URI'], auth=(os.environ['NEO4J_USER'], "
        "os.environ['NEO4J_PASSWORD'])); "
        "print(d.execute_query('RETURN 1 AS x').records[0]['x'])\"\n"
    )
    proc = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True,
                          cwd=REPO, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "1"


def test_start_twice_says_already_running(local_server: LocalServer | None) -> None:
    if local_server is None:
        pytest.skip("NEO4J_URI points at a server this run did not start")
    env = dict(os.environ, KB_HOME=str(local_server.settings.home))
    out = _kb(env, "db", "start")
    assert out.returncode == 0, out.stderr
    assert "already running" in out.stdout
    status = _kb(env, "db", "status")
    assert "running" in status.stdout and str(local_server.port()) in status.stdout


def test_start_without_java_fails_in_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("JAVA_HOME", "NEO4J_URI")}
    env.update(PATH=str(tmp_path), KB_HOME=str(tmp_path / "home"))
    out = _kb(env, "db", "start")
    assert out.returncode != 0
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert "java" in lines[0].lower() and "install" in lines[0].lower()


def test_status_of_a_server_never_started_says_stopped(tmp_path: Path) -> None:
    env = dict(os.environ, KB_HOME=str(tmp_path / "home"))
    out = _kb(env, "db", "status")
    assert out.returncode == 0
    assert "stopped" in out.stdout


@pytest.mark.slow
def test_taken_port_is_replaced_by_a_free_one(tmp_path: Path) -> None:
    """A second server whose configured port is taken picks another, says so, and stops."""
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        taken = blocker.getsockname()[1]
        settings = Settings(KB_HOME=tmp_path / "home", KB_BOLT_PORT=taken)
        server = LocalServer(settings)
        said: list[str] = []
        try:
            assert server.start(say=said.append)
            port = server.port()
            assert port is not None and port != taken
            assert any(f"port {taken} is taken" in line for line in said), said
            assert _listening(port), f"Neo4j said {port} but nothing listens there"
        finally:
            server.stop(say=said.append)
    assert server.status().running is False
    assert not _listening(port), f"{port} still listens after stop"


def test_fetch_without_maven_fails_in_one_line(tmp_path: Path) -> None:
    """Java is there but Maven is not, and no jars are cached yet."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("no java on this machine")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "java").symlink_to(Path(java).resolve())
    env = {k: v for k, v in os.environ.items() if k not in ("JAVA_HOME", "NEO4J_URI")}
    env.update(PATH=str(bin_dir), KB_HOME=str(tmp_path / "home"),
               KB_CACHE_DIR=str(tmp_path / "cache"))
    out = _kb(env, "db", "start")
    assert out.returncode != 0
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert "maven" in lines[0].lower() and "install" in lines[0].lower()
    assert not (tmp_path / "cache" / "neo4j-5.26.30").exists()


@pytest.mark.slow
def test_a_server_that_cannot_start_says_why_and_shows_its_output(tmp_path: Path) -> None:
    if shutil.which("java") is None:
        pytest.skip("no java on this machine")
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"}
    env.update(KB_HOME=str(tmp_path / "home"), KB_NEO4J_HEAP="100000g",
               KB_BOLT_PORT=str(free_port()), KB_NEO4J_START_TIMEOUT="60")
    out = _kb(env, "db", "start")
    assert out.returncode == 1
    first = out.stderr.splitlines()[0]
    # Neo4j's own admin step (the initial password) already meets the impossible heap.
    assert first.startswith(("kb: error: Neo4j did not start: ",
                             "kb: error: could not set the initial password: "))
    assert "heap" in first.lower() or "memory" in first.lower()
    assert "stopped" in _kb(env, "db", "status").stdout
