"""Fixtures of the editorial tests: the fictional examples, loaded through the product."""

from __future__ import annotations

from pathlib import Path

from kb.store.write import LoadResult, write_report
from loaders.articles import report_from_article
from loaders.batch import read_any
from loaders.reports import parse_report
from tests.conftest import Graph

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "examples" / "articles" / "senator-denial-first.txt"
REPORTS = REPO / "examples" / "reports"
ARTICLE_URL = "https://www.example.org/politics/2022/03/07/brisbane-denies-harassment-claims"
METRO = "https://metrowire.example.net/business/brightwater-pratt-suspended"


def load_article(graph: Graph) -> LoadResult:
    loaded = report_from_article(ARTICLE)
    return write_report(graph.driver, graph.database, loaded.report, loaded.text,
                        created_by=loaded.created_by, review_threshold=0.6)


def load_reports(graph: Graph) -> None:
    for path in sorted(REPORTS.glob("*.yaml")):
        loaded = read_any(path)
        write_report(graph.driver, graph.database, loaded.report, loaded.text,
                     created_by="test")


def brisbane_allegation(graph: Graph) -> str:
    return str(graph.query("MATCH (a:Allegation)-[:AGAINST]->(:Person {name: 'Howard Brisbane'})"
                           " RETURN a.id AS id")[0]["id"])


CHARGED_TEXT = ("Prosecutors on Monday charged Conrad Delgado over the harassment of his "
                "former assistant, Nadia Farrow, who first accused him in March.")


def load_charge(graph: Graph) -> None:
    """A later (fictional) report: the same allegation, now charged."""
    categories = graph.query("MATCH (a:Allegation)-[:AGAINST]->(:Person {name: "
                             "'Conrad Delgado'}) RETURN a.categories AS c")[0]["c"]
    report, text = parse_report({
        "publication": {"title": "Delgado charged", "outlet": "The Bayside Herald",
                        "url": "https://bayside-herald.example.net/delgado-charged",
                        "published": "2024-06-03", "text": CHARGED_TEXT},
        "people": ["Conrad Delgado", "Nadia Farrow"],
        "allegations": [{"accuser": "Nadia Farrow", "accused": "Conrad Delgado",
                         "summary": "sexual harassment of his former assistant",
                         "categories": categories, "status": "charged",
                         "quote": "Prosecutors on Monday charged Conrad Delgado over the "
                                  "harassment of his former assistant"}]})
    write_report(graph.driver, graph.database, report, text, created_by="test")
