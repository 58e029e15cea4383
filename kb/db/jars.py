"""Fetch the Neo4j jars from Maven Central into a cache outside the work tree."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from kb.errors import MissingPrerequisite

POM = Path(__file__).with_name("neo4j-pom.xml")
MARKER = ".complete"


def jars_ready(lib: Path) -> bool:
    return (lib / MARKER).exists()


def fetch_jars(lib: Path, version: str, say: Callable[[str], None] | None = None) -> bool:
    """Lay out ``lib`` with Neo4j ``version``; return False when it was already there."""
    if jars_ready(lib):
        return False
    mvn = shutil.which("mvn")
    if mvn is None:
        raise MissingPrerequisite(
            "Maven (mvn) is needed once to fetch Neo4j from Maven Central: "
            "install it (Debian: apt-get install maven) or set NEO4J_URI to an existing server"
        )
    lib.parent.mkdir(parents=True, exist_ok=True)
    if say is not None:
        say(f"fetching Neo4j {version} from Maven Central into {lib} (about 120 MB, once)...")
    # Download beside the target and rename, so an interrupted fetch never
    # leaves a half-filled lib/ that looks usable.
    with tempfile.TemporaryDirectory(dir=lib.parent, prefix=".fetch-") as tmp:
        out = Path(tmp) / "lib"
        cmd = [
            mvn, "-B", "-q", "-f", str(POM), f"-Dneo4j.version={version}",
            "dependency:copy-dependencies", "-DincludeScope=runtime",
            f"-DoutputDirectory={out}",
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0 or not any(out.glob(f"neo4j-{version}.jar")):
            lines = [ln for ln in (proc.stdout + proc.stderr).splitlines() if "ERROR" in ln]
            detail = lines[0].strip() if lines else f"mvn exited {proc.returncode}"
            raise MissingPrerequisite(
                f"could not fetch Neo4j {version} from Maven Central (is it reachable?): {detail}"
            )
        (out / MARKER).write_text(version + "\n")
        if lib.exists():
            shutil.rmtree(lib)
        out.rename(lib)
    return True
