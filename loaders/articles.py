"""Raw articles into sourced reports, through the extractor."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from kb.errors import InvalidReport
from loaders.extract import EXTRACTOR_VERSION, ArticleError, extract, read_article
from loaders.reports import LoadedReport, parse_report


def extract_report(path: Path, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The sourced report a raw article becomes (what `kb extract` prints)."""
    try:
        article = read_article(path, overrides)
    except ArticleError as exc:
        raise InvalidReport(str(exc)) from None
    try:
        report = extract(article.text, article.meta)
    except Exception as exc:  # an extractor bug must not stop a batch
        raise InvalidReport(
            f"{path.name}: the extractor failed ({type(exc).__name__}: "
            f"{str(exc).splitlines()[0] if str(exc) else 'no detail'})"
        ) from exc
    report.pop("extractor", None)
    pub = report["publication"]
    if not pub.get("title"):
        pub["title"] = path.stem
    if not pub.get("outlet") and pub.get("url"):
        pub["outlet"] = urlparse(pub["url"]).netloc or ""
    if not pub.get("outlet"):
        raise InvalidReport(
            f"{path.name}: no outlet; give --outlet or a {path.stem}.meta.json beside it"
        )
    return {k: v for k, v in report.items() if v not in (None, [])} | {
        "publication": {k: v for k, v in pub.items() if v not in (None, [])}
    }


MACHINE = "extract:"  # the method prefix of machine output: it lands unreviewed


def mark_extracted(report: dict[str, Any]) -> dict[str, Any]:
    """Each item's method as ``extract:RULE``: machine output, for a person to review."""
    for key in ("allegations", "denials", "responses", "non_denial_responses", "relations"):
        for item in report.get(key) or []:
            if isinstance(item, dict) and not str(item.get("method") or "").startswith(MACHINE):
                item["method"] = MACHINE + (item.get("method") or "rule")
    return report


def report_from_article(path: Path) -> LoadedReport:
    report, text = parse_report(mark_extracted(extract_report(path)))
    return LoadedReport(report, text, str(path), created_by=EXTRACTOR_VERSION)
