"""The project's promises about itself: derived files, docs and packaging stay true."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from kb.derive import derived_files, stale_files, write_derived
from kb.model.graph import SCHEMA_DIR, load_model
from kb.settings import Settings
from tests.conftest import REPO

README = (REPO / "README.md").read_text()


def test_derived_schema_files_are_up_to_date() -> None:
    stale = [name for name, content in derived_files().items()
             if (SCHEMA_DIR / name).read_text() != content]
    assert not stale, f"stale: {stale}; run `kb schema derive`"


def test_the_model_rejects_a_relationship_to_an_unknown_label(tmp_path: Path) -> None:
    data = yaml.safe_load((SCHEMA_DIR / "graph.yaml").read_text())
    data["relationships"]["ACCUSES"]["endpoints"].append(["Person", "Ghost"])
    bad = tmp_path / "graph.yaml"
    bad.write_text(yaml.safe_dump(data))
    with pytest.raises(ValueError, match="unknown label 'Ghost'"):
        load_model(bad)


def test_a_stale_derived_file_is_named_and_only_it_is_rewritten(tmp_path: Path) -> None:
    assert sorted(write_derived(tmp_path)) == sorted(derived_files())
    assert write_derived(tmp_path) == []  # derived twice: nothing to write
    (tmp_path / "MODEL.md").write_text("hand-edited\n")
    (tmp_path / "constraints.cypher").unlink()
    assert sorted(stale_files(tmp_path)) == ["MODEL.md", "constraints.cypher"]
    untouched = (tmp_path / "schema.graphql").stat().st_mtime_ns
    assert sorted(write_derived(tmp_path)) == ["MODEL.md", "constraints.cypher"]
    assert (tmp_path / "schema.graphql").stat().st_mtime_ns == untouched
    assert stale_files(tmp_path) == []


def test_readme_opens_with_the_two_commands() -> None:
    block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert block is not None
    commands = [ln.split("#")[0].strip() for ln in block.group(1).splitlines() if ln.strip()]
    assert commands == ["make demo", "make test"]
    assert README.index("make demo") < README.index("## ")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.M)


def test_readme_configuration_table_lists_every_setting() -> None:
    table = README.split("## Configuration")[1].split("\n## ")[0]
    for field in Settings.model_fields.values():
        assert f"`{field.alias}`" in table, f"{field.alias} is missing from the README"


def test_readme_lists_every_command() -> None:
    from kb.cli.main import cli

    for name in cli.commands:
        assert f"`kb {name}" in README, f"kb {name} is missing from the README's commands"


def test_compose_file_runs_neo4j_and_the_api_wired_by_environment() -> None:
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    neo4j, api = compose["services"]["neo4j"], compose["services"]["api"]
    assert neo4j["image"].startswith("neo4j:5.26")
    assert "healthcheck" in neo4j
    assert any(v.startswith("neo4j-data:") for v in neo4j["volumes"])
    assert "neo4j-data" in compose["volumes"]
    assert api["build"] == "."
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    for service in (neo4j, api):
        assert all(port.startswith("127.0.0.1:") for port in service["ports"])


def _compose_command() -> list[str] | None:
    """`docker compose` (v2 plugin) where it works, else `docker-compose` (v1), else None."""
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True,
                                 check=False).returncode == 0:
        return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    return [legacy] if legacy else None


def test_compose_file_is_valid_for_docker_compose() -> None:
    compose = _compose_command()
    if compose is None:
        pytest.skip("neither `docker compose` nor `docker-compose` is on this machine")
    out = subprocess.run([*compose, "-f", str(REPO / "docker-compose.yml"), "config", "-q"],
                         capture_output=True, text=True, check=False,
                         env={"NEO4J_PASSWORD": "a-test-password", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr


def test_dockerfile_serves_the_api() -> None:
    dockerfile = (REPO / "Dockerfile").read_text()
    assert "requirements/model.txt" in dockerfile and "--require-hashes" in dockerfile
    assert '"kb", "serve"' in dockerfile
