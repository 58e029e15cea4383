"""Crafted report files: each is refused in one line naming what is wrong, and writes nothing.

The classes of input a hostile probe used: paths out of the report's folder, sizes,
nesting, encodings, keys given twice, names that normalise alike, URL variants.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from kb.model.report import MAX_NAMES
from loaders.batch import load_files
from tests.conftest import Graph
from tests.reliability.fixtures import TEXT, URL, report, write_json


def load(graph: Graph, *paths: Path) -> Any:
    return load_files(graph.driver, graph.database, list(paths), review_threshold=0.0,
                      progress=False)


def refused(graph: Graph, path: Path) -> str:
    """Load one file that must be refused; the reason, after checking nothing was written."""
    result = load(graph, path)
    assert result.loaded == 0, "the file was loaded"
    assert graph.counts() == {}, "a refused file wrote to the graph"
    [(where, reason)] = result.failures
    assert where == str(path)
    assert "\n" not in reason
    return reason


# -- the publication's text file ------------------------------------------------------------


def with_text_file(folder: Path, name: str) -> Path:
    pub = {**report()["publication"], "text_file": name}
    del pub["text"]
    return write_json(folder, "report.json", report(publication=pub))


def test_a_text_file_given_as_an_absolute_path_is_refused(graph: Graph, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(TEXT)
    folder = tmp_path / "reports"
    folder.mkdir()
    reason = refused(graph, with_text_file(folder, str(secret)))
    assert "relative to the report's folder" in reason


def test_a_text_file_outside_the_report_folder_is_refused(graph: Graph, tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text(TEXT)
    folder = tmp_path / "reports"
    folder.mkdir()
    assert "outside the report's folder" in refused(graph, with_text_file(folder,
                                                                          "../secret.txt"))


def test_a_symlink_out_of_the_report_folder_is_refused(graph: Graph, tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text(TEXT)
    folder = tmp_path / "reports"
    folder.mkdir()
    os.symlink(tmp_path / "secret.txt", folder / "article.txt")
    assert "outside the report's folder" in refused(graph, with_text_file(folder,
                                                                          "article.txt"))


def test_a_text_file_beside_the_report_is_read(graph: Graph, tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(TEXT)
    result = load(graph, with_text_file(tmp_path, "article.txt"))
    assert result.failures == [] and result.loaded == 1


def test_a_crlf_text_file_is_stored_byte_for_byte(graph: Graph, tmp_path: Path) -> None:
    raw = TEXT.replace(" has accused", "\r\nhas accused").encode()
    (tmp_path / "article.txt").write_bytes(raw)
    pub = {**report()["publication"], "text_file": "article.txt"}
    del pub["text"]
    across = "a former producer at Copperline Studios,\r\nhas accused"
    data = report(publication=pub, allegations=[{
        "accuser": "Lena Varga", "accused": "Harold Mint", "summary": "threatened her career",
        "quote": across}])
    result = load(graph, write_json(tmp_path, "report.json", data))
    assert result.failures == []
    [row] = graph.query("MATCH (p:Publication) RETURN p.text AS text, p.sha256 AS sha")
    assert row["text"].encode() == raw
    assert row["sha"] == hashlib.sha256(raw).hexdigest()
    [cit] = graph.query("MATCH (c:Citation {rel_type: 'ACCUSES'}) RETURN c.quote AS q")
    assert cit["q"] == across


# -- the file itself -------------------------------------------------------------------------


def test_a_key_given_twice_in_json_is_refused_by_name(graph: Graph, tmp_path: Path) -> None:
    body = json.dumps(report())
    # The same publication block with a second `text` that would silently win.
    body = body.replace('"text": ', '"text": "other words", "text": ', 1)
    path = tmp_path / "twice.json"
    path.write_text(body)
    assert "'text' is given twice" in refused(graph, path)


def test_a_key_given_twice_in_yaml_is_refused_by_name(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "twice.yaml"
    path.write_text(
        "publication:\n  title: T\n  outlet: O\n  text: first words\n  text: second words\n")
    reason = refused(graph, path)
    assert "'text' is given twice" in reason and "line 5" in reason


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_deep_nesting_is_refused_and_the_next_file_still_loads(
    graph: Graph, tmp_path: Path, suffix: str
) -> None:
    deep = tmp_path / f"a-deep{suffix}"
    deep.write_text('{"publication": ' + "[" * 50_000 + "]" * 50_000 + "}")
    good = write_json(tmp_path, "b-good.json", report())
    result = load(graph, deep, good)
    assert result.loaded == 1
    [(where, reason)] = result.failures
    assert where == str(deep) and "nested more than" in reason


def test_yaml_aliases_are_refused(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text("a: &a [x, x, x]\nb: &b [*a, *a, *a]\npublication: *b\n")
    assert "aliases" in refused(graph, path)


def test_a_file_that_is_not_utf8_is_refused(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(json.dumps(report()).replace("Varga", "Várga").encode("latin-1"))
    assert "not UTF-8" in refused(graph, path)


def test_too_many_names_are_refused_before_any_work(graph: Graph, tmp_path: Path) -> None:
    people = [f"Person Number{i}" for i in range(MAX_NAMES + 1)]
    path = write_json(tmp_path, "crowd.json", report(people=people, allegations=[],
                                                     denials=[]))
    assert f"at most {MAX_NAMES:,}" in refused(graph, path)


# -- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("listed", "accuser"), [
    (["harold  mint"], "harold  mint"),          # spacing and case
    (["Dr. Harold Mint"], "Dr. Harold Mint"),    # an honorific
    ([], "Mint"),                                # an alias of the accused
    (["Mint"], "Mint"),                          # a bare surname listed on its own
])
def test_an_accuser_who_is_the_accused_after_normalising_is_refused(
    graph: Graph, tmp_path: Path, listed: list[str], accuser: str
) -> None:
    people = ["Lena Varga", {"name": "Harold Mint", "aliases": ["Mint"] if not listed else []},
              *listed]
    data = report(people=people, denials=[], allegations=[{
        "accuser": accuser, "accused": "Harold Mint", "summary": "threatened her career",
        "quote": "of threatening her career"}])
    reason = refused(graph, write_json(tmp_path, "self.json", data))
    assert "cannot be both accuser and accused" in reason


@pytest.mark.parametrize("name", ["!!!", "???", " - ", "Harold\x00Mint", "Lena\u0007"])
def test_names_that_say_nothing_or_hide_control_characters_are_refused(
    graph: Graph, tmp_path: Path, name: str
) -> None:
    data = report(people=["Lena Varga", "Harold Mint", name], denials=[])
    reason = refused(graph, write_json(tmp_path, "names.json", data))
    assert reason.startswith("people[2]")


# -- publication identity ----------------------------------------------------------------------


@pytest.mark.parametrize("variant", [
    "HTTPS://Ledger.Example.org/news/copperline-mint/?utm_source=x#frag",
    "http://www.ledger.example.org:80/news/copperline-mint",
    "https://ledger.example.org:443/news/copperline-mint/?fbclid=abc",
])
def test_a_url_variant_with_another_text_is_a_conflict(
    graph: Graph, tmp_path: Path, variant: str
) -> None:
    assert load(graph, write_json(tmp_path, "a.json", report())).failures == []
    before = graph.export()
    pub = {**report()["publication"], "url": variant, "text": TEXT + " Updated."}
    result = load(graph, write_json(tmp_path, "b.json", report(publication=pub)))
    assert result.loaded == 0
    assert "already stored with a different text" in result.failures[0][1]
    assert graph.export() == before


def test_a_url_variant_with_the_same_text_changes_nothing(graph: Graph, tmp_path: Path) -> None:
    assert load(graph, write_json(tmp_path, "a.json", report())).failures == []
    before = graph.export()
    pub = {**report()["publication"], "url": URL.upper() + "/?utm_campaign=spring"}
    result = load(graph, write_json(tmp_path, "b.json", report(publication=pub)))
    assert result.failures == [] and not result.total.created
    assert graph.export() == before


# -- raw articles ------------------------------------------------------------------------------


def test_a_wrongly_typed_sidecar_field_is_named(graph: Graph, tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(TEXT)
    (tmp_path / "story.meta.json").write_text(json.dumps(
        {"title": "T", "outlet": "Example Ledger", "published": "last Tuesday"}))
    reason = refused(graph, article)
    assert "story.meta.json: published:" in reason
    assert "extractor failed" not in reason


def test_yaml_surrogate_escapes_are_joined_and_a_lone_one_is_refused(
    graph: Graph, tmp_path: Path
) -> None:
    pair = tmp_path / "pair.yaml"
    pair.write_text('publication: {title: "Mint \\ud83d\\ude00", outlet: O, text: "Some words."}\n')
    assert load(graph, pair).failures == []
    [row] = graph.query("MATCH (p:Publication) RETURN p.title AS title")
    assert row["title"] == "Mint \U0001F600"
    lone = tmp_path / "lone.yaml"
    lone.write_text('publication: {title: "Mint \\ud83d", outlet: O, text: "Other words."}\n')
    result = load(graph, lone)
    assert "lone surrogate (U+D83D)" in result.failures[0][1]
