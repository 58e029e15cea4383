"""`kb load` of a folder extracts raw articles in worker processes: same graph, same failures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import Graph

ARTICLES = Path(__file__).resolve().parents[2] / "examples" / "articles"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for text in sorted(ARTICLES.glob("*.txt"))[:6]:
        shutil.copy(text, folder / text.name)
        shutil.copy(text.with_name(text.stem + ".meta.json"), folder)
    # an article with no outlet and no URL cannot become a report
    (folder / "no-outlet.txt").write_text("Nora Vale accused Piet Oster of fraud.\n")
    (folder / "no-outlet.meta.json").write_text(json.dumps({"title": "no outlet"}))
    return folder


@pytest.mark.slow
def test_two_processes_load_what_one_loads_and_report_the_same_failure(
    graph: Graph, tmp_path: Path
) -> None:
    folder = _folder(tmp_path)
    one = graph.kb("load", "--no-progress", "--jobs", "1", str(folder))
    counts_one = graph.counts()
    graph.driver.execute_query("MATCH (n) DETACH DELETE n", database_=graph.database)
    two = graph.kb("load", "--no-progress", "--jobs", "2", str(folder))
    assert graph.counts() == counts_one
    assert counts_one.get("Publication", 0) == 6
    for out in (one, two):
        assert out.returncode == 1
        assert "loaded 6 of 7 file(s)" in out.stdout
        assert "no-outlet.txt: no-outlet.txt: no outlet" in out.stderr
    assert one.stdout == two.stdout


def test_jobs_must_be_positive(graph: Graph, tmp_path: Path) -> None:
    out = graph.kb("load", "--jobs", "0", str(_folder(tmp_path)))
    assert out.returncode != 0
    assert "--jobs" in out.stderr
    assert graph.counts().get("Publication", 0) == 0
