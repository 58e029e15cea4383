"""`kb load` reads web archives: each HTML response record an article."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.store.audit import run_audit
from tests.conftest import Graph
from tests.interop.warc_pages import ODELL_URL, WREN_URL, write_archive


@pytest.mark.parametrize("name", ["pages.warc", "pages.warc.gz"])
def test_each_html_response_in_a_warc_becomes_an_article(
    graph: Graph, tmp_path: Path, name: str
) -> None:
    archive = write_archive(tmp_path / name)
    out = graph.kb("load", "--no-progress", str(archive), check=True)
    assert "loaded 2 of 1 file(s)" in out.stdout, out.stdout
    pubs = {r["url"]: r for r in graph.query(
        "MATCH (p:Publication) RETURN p.url AS url, toString(p.published) AS published, "
        "toString(p.retrieved) AS retrieved, p.outlet AS outlet, p.title AS title")}
    assert set(pubs) == {WREN_URL, ODELL_URL}  # no image, no 404, no request
    wren = pubs[WREN_URL]
    assert wren["published"] == "2025-02-03" and wren["retrieved"].startswith("2025-02-03T14:05:09")
    assert wren["outlet"] == "valley-herald.example.net"
    assert wren["title"] == "Former aide accuses developer Tobias Wren of harassment"
    pairs = {(r["a"], r["b"]) for r in graph.query(
        "MATCH (a)-[:ACCUSES]->(:Allegation)-[:AGAINST]->(b) RETURN a.name AS a, b.name AS b")}
    assert pairs == {("Lena Marsh", "Tobias Wren"), ("Gideon Pike", "Rhea Odell")}
    assert run_audit(graph.driver, graph.database).violations == []


def test_a_folder_with_a_warc_loads_it_and_reloading_changes_nothing(
    graph: Graph, tmp_path: Path
) -> None:
    write_archive(tmp_path / "crawl.warc.gz")
    graph.kb("load", "--no-progress", str(tmp_path), check=True)
    before = graph.export()
    again = graph.kb("load", "--no-progress", str(tmp_path), check=True)
    assert "created: nothing" in again.stdout
    assert graph.export() == before


def test_a_file_that_is_no_warc_fails_in_one_line_and_writes_nothing(
    graph: Graph, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.warc"
    bad.write_bytes(b"this is not an archive\n")
    out = graph.kb("load", "--no-progress", str(bad))
    assert out.returncode == 1
    assert f"{bad}: " in out.stderr and "WARC" in out.stderr
    assert graph.query("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0
