"""Bulk loading: many reports a transaction, the same graph as one by one, whole reports only.

The reports are fictional and generated here: people, outlets and companies
with invented names.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from kb.model.plan import build_plan, collect_entities, default_resolution
from kb.store.audit import run_audit
from loaders.batch import collect_files, load_files
from loaders.reports import parse_report
from tests.conftest import REPO, Graph

FIRST = ["Alder", "Brisa", "Corin", "Delphine", "Emeric", "Fenna", "Gideon", "Halla"]
LAST = ["Quarrington", "Rathbone", "Sollis", "Tavener", "Umfrey", "Vantreight", "Wexcombe"]


def person(i: int) -> str:
    return f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"


def report(i: int, detail: str = "") -> dict[str, Any]:
    """One fictional report: an allegation (with a second quote), a denial, a role.

    ``detail`` lengthens the quotes (for tests of memory)."""
    accuser, accused = person(i % 23), person(7 + i % 31)
    if accuser == accused:
        accused = person(40)
    org = f"Marrowgate {['Holdings', 'Studios', 'Freight'][i % 3]}"
    one = f"In filing {i}, {accuser} accused {accused} of fraud at {org}{detail}"
    two = f"The filing {i} by {accuser} was reported widely{detail}"
    deny = f"{accused} denied the claims in filing {i}"
    role = f"{accused}, a director of {org} (filing {i})"
    return {
        "publication": {"title": f"Filing {i}", "outlet": "The Fernhollow Gazette",
                        "url": f"https://fernhollow.example.org/{i}", "published": "2023-05-01",
                        "retrieved": "2024-01-01T00:00:00Z",
                        "text": f"{one}. {two}. {deny}. {role}, declined to comment."},
        "people": [accuser, accused], "organisations": [org],
        "allegations": [{"accuser": accuser, "accused": accused, "summary": "fraud",
                         "quote": one, "alt_quotes": [two]}],
        "denials": [{"denier": accused, "quote": deny}],
        "relations": [{"kind": "affiliation", "person": accused, "organisation": org,
                       "role": "director", "quote": role}],
    }


def write_folder(folder: Path, reports: list[dict[str, Any]]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for i, data in enumerate(reports):
        (folder / f"r{i:05d}.json").write_text(json.dumps(data))
    return collect_files([folder])


def snapshot(graph: Graph) -> dict[str, Any]:
    """The graph as the export shows it, minus what differs between two loads by design."""
    data = graph.export()
    for node in data["nodes"]:
        node["properties"].pop("created_at", None)
    return data


def bulk(graph: Graph, files: list[Path], batch_rows: int = 5_000) -> Any:
    return load_files(graph.driver, graph.database, files, review_threshold=0.0,
                      progress=False, batch_rows=batch_rows)


def test_a_bulk_load_builds_the_same_graph_and_summary_as_one_report_a_transaction(
    graph: Graph, tmp_path: Path
) -> None:
    # Bare surnames that must join the full names loaded before them in the same batch,
    # and one that fits two people (a merge candidate), as one-by-one loading does.
    extra = [
        {"publication": {"title": "Earlier", "outlet": "The Fernhollow Gazette",
                         "url": "https://fernhollow.example.org/earlier",
                         "retrieved": "2024-01-01T00:00:00Z",
                         "text": "Ysolde Kettleby accused Brisa Rathbone of fraud."},
         "people": ["Ysolde Kettleby", "Brisa Rathbone"],
         "allegations": [{"accuser": "Ysolde Kettleby", "accused": "Brisa Rathbone",
                          "summary": "fraud",
                          "quote": "Ysolde Kettleby accused Brisa Rathbone of fraud"}]},
        {"publication": {"title": "Kettleby again", "outlet": "The Fernhollow Gazette",
                         "url": "https://fernhollow.example.org/again",
                         "retrieved": "2024-01-01T00:00:00Z",
                         "text": "Kettleby said the fraud went on for years."},
         "people": ["Kettleby", "Brisa Rathbone"],
         "allegations": [{"accuser": "Kettleby", "accused": "Brisa Rathbone",
                          "summary": "fraud",
                          "quote": "Kettleby said the fraud went on for years"}]},
        {"publication": {"title": "Later", "outlet": "The Fernhollow Gazette",
                         "url": "https://fernhollow.example.org/later",
                         "retrieved": "2024-01-01T00:00:00Z",
                         "text": "Quarrington repeated the fraud claim against Sollis."},
         "people": ["Quarrington", "Sollis"],
         "allegations": [{"accuser": "Quarrington", "accused": "Sollis", "summary": "fraud",
                          "quote": "Quarrington repeated the fraud claim against Sollis"}]},
    ]
    files = write_folder(tmp_path / "in", [report(i) for i in range(40)] + extra)
    one_by_one = bulk(graph, files, batch_rows=1)
    expected = snapshot(graph)
    assert not one_by_one.failures
    assert graph.query("MATCH (m:MergeCandidate) RETURN count(m) AS c")[0]["c"] > 0
    kettleby = graph.query("MATCH (p:Person {name: 'Ysolde Kettleby'}) RETURN p.aliases AS a")
    assert "Kettleby" in kettleby[0]["a"]

    graph.driver.execute_query("MATCH (n) DETACH DELETE n", database_=graph.database)
    batched = bulk(graph, files)
    assert not batched.failures and batched.loaded == len(files)
    assert snapshot(graph) == expected
    assert batched.total.created == one_by_one.total.created
    assert batched.total.merged == one_by_one.total.merged

    again = bulk(graph, files)
    assert sum(again.total.created.values()) == 0
    assert snapshot(graph) == expected


def test_a_bad_report_in_a_batch_is_named_and_the_others_are_loaded_whole(
    graph: Graph, tmp_path: Path
) -> None:
    reports = [report(i) for i in range(12)]
    # Valid on its own, refused only once written: the URL of report 3 with another text.
    conflict = report(3)
    conflict["publication"]["text"] += " A later paragraph."
    bad_quote = report(20)
    bad_quote["denials"][0]["quote"] = "words that are not in the text"
    files = write_folder(tmp_path / "in", [*reports, conflict, bad_quote])
    result = bulk(graph, files)
    failed = {Path(path).name: reason for path, reason in result.failures}
    assert result.loaded == 12
    assert set(failed) == {"r00012.json", "r00013.json"}
    assert "already stored with a different text" in failed["r00012.json"]
    assert "denials[0].quote not found" in failed["r00013.json"]
    pubs = graph.query("MATCH (p:Publication) RETURN p.url AS url, p.text AS text")
    assert len(pubs) == 12
    three = next(p for p in pubs if p["url"].endswith("/3"))
    assert three["text"] == reports[3]["publication"]["text"]
    assert not run_audit(graph.driver, graph.database).violations


def citations_expected(data: dict[str, Any]) -> tuple[str, int]:
    rep, text = parse_report(data)
    refs = collect_entities(rep)
    plan = build_plan(rep, text, default_resolution(refs), refs, created_by="test")
    return plan.publication.id, len(plan.citations)


@pytest.mark.slow
def test_kill_9_mid_load_leaves_whole_reports_and_a_rerun_completes_it(
    graph: Graph, tmp_path: Path
) -> None:
    reports = [report(i) for i in range(600)]
    folder = tmp_path / "in"
    write_folder(folder, reports)
    expected = dict(citations_expected(d) for d in reports)
    # Small batches (a few reports each), so the kill lands between and inside many.
    proc = subprocess.Popen([sys.executable, "-m", "kb", "load", str(folder), "--no-progress",
                             "--batch-rows", "60"], env=graph.env(), cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if graph.query("MATCH (p:Publication) RETURN count(p) AS c")[0]["c"] >= 20:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the load ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    present = graph.query("""
        MATCH (p:Publication)
        RETURN p.id AS id, COUNT { (:Citation)-[:QUOTES]->(p) } AS citations""")
    assert 20 <= len(present) < len(reports)
    for pub in present:  # every report present is whole: all its citations, and edges
        assert pub["citations"] == expected[pub["id"]], pub["id"]
    assert not run_audit(graph.driver, graph.database).violations

    rerun = graph.kb("load", str(folder), "--no-progress")
    assert rerun.returncode == 0, rerun.stderr
    after_rerun = snapshot(graph)
    graph.driver.execute_query("MATCH (n) DETACH DELETE n", database_=graph.database)
    graph.kb("load", str(folder), "--no-progress", check=True)
    assert after_rerun == snapshot(graph)


@pytest.mark.parametrize("batch_rows", ["0", "-5"])
def test_batch_rows_must_be_positive(graph: Graph, tmp_path: Path, batch_rows: str) -> None:
    files = write_folder(tmp_path / "in", [report(1)])
    out = graph.kb("load", str(files[0]), "--batch-rows", batch_rows)
    assert out.returncode == 2 and "--batch-rows" in out.stderr
    assert graph.query("MATCH (n) RETURN count(n) AS c")[0]["c"] == 0


@pytest.mark.slow
def test_the_streamed_json_export_is_the_whole_export(graph: Graph, tmp_path: Path) -> None:
    empty = graph.kb("export", "--format", "json", check=True).stdout
    assert json.loads(empty) == {"nodes": [], "relationships": []}
    bulk(graph, write_folder(tmp_path / "in", [report(i) for i in range(5)]))
    whole = json.loads(json.dumps(graph.export(), default=str))
    assert json.loads(graph.kb("export", "--format", "json", check=True).stdout) == whole
    out = tmp_path / "graph.json"
    graph.kb("export", "--format", "json", "-o", str(out), check=True)
    assert json.loads(out.read_text(encoding="utf-8")) == whole
    assert len(whole["nodes"]) > 10
