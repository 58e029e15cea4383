"""The audit as readable text and as one self-contained HTML page."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from kb.store.names import named


def finding_ids(report: dict[str, Any]) -> list[str]:
    """Every id the findings list, to name them (kb/store/names.py)."""
    return [i for f in report["violations"] + report["warnings"] for i in f["ids"]]


def audit_text(report: dict[str, Any], names: dict[str, str] | None = None) -> str:
    """``names``: id -> a readable line; each listed id is shown with it."""
    names = names or {}
    totals = report["totals"]
    lines = ["kb provenance audit", "=" * 19, ""]
    lines.append(f"publications: {totals['publications']} "
                 f"({totals['retracted_publications']} retracted), "
                 f"citations: {totals['citations']}")
    lines.append("nodes: " + ", ".join(f"{k} {v}" for k, v in totals["nodes"].items()))
    lines.append("relationships: " + ", ".join(
        f"{k} {v}" for k, v in totals["relationships"].items()))
    lines.append("")
    lines.append(f"violations: {len(report['violations'])}")
    for v in report["violations"]:
        lines.append(f"  ✗ [{v['kind']}] {v['message']}")
    lines.append(f"warnings: {len(report['warnings'])}")
    for w in report["warnings"]:
        lines.append(f"  ! [{w['kind']}] {w['message']}")
        for item in w["ids"][:10]:
            lines.append(f"      {named(item, names)}")
        if len(w["ids"]) > 10:
            lines.append(f"      ... and {len(w['ids']) - 10} more")
    lines.append("")
    lines.append("OK: every relationship is backed by a verified quote" if report["ok"]
                 else "FAILED: the citation contract is broken (see violations)")
    return "\n".join(lines)


_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse}
td,th{padding:.2rem .8rem;border-bottom:1px solid #ddd;text-align:left}
.bad{color:#a00}.warn{color:#8a5a00}.ok{color:#070;font-weight:bold}code{font-size:.85em}
"""


def audit_html(report: dict[str, Any], names: dict[str, str] | None = None) -> str:
    found = names or {}
    totals = report["totals"]

    def rows(items: dict[str, int]) -> str:
        return "".join(f"<tr><td>{escape(k)}</td><td>{v}</td></tr>" for k, v in items.items())

    def findings(items: list[dict[str, Any]], cls: str) -> str:
        if not items:
            return "<p>None.</p>"
        out = []
        for f in items:
            ids = "".join(f"<li>{escape(found[i])} <code>{escape(i)}</code></li>"
                          if i in found else f"<li><code>{escape(i)}</code></li>"
                          for i in f["ids"][:50])
            out.append(f'<li class="{cls}"><b>{escape(f["kind"])}</b>: {escape(f["message"])}'
                       f"{'<ul>' + ids + '</ul>' if ids else ''}</li>")
        return "<ul>" + "".join(out) + "</ul>"

    verdict = ('<p class="ok">Every relationship is backed by a verified quote.</p>'
               if report["ok"] else
               '<p class="bad">The citation contract is broken: see the violations.</p>')
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kb provenance audit</title>
<style>{_STYLE}</style></head><body>
<h1>kb provenance audit</h1><p>Generated {when}.</p>{verdict}
<h2>Totals</h2>
<p>{totals['publications']} publications ({totals['retracted_publications']} retracted),
{totals['citations']} citations.</p>
<table><tr><th>label</th><th>nodes</th></tr>{rows(totals['nodes'])}</table>
<table><tr><th>type</th><th>relationships</th></tr>{rows(totals['relationships'])}</table>
<h2>Violations ({len(report['violations'])})</h2>{findings(report['violations'], 'bad')}
<h2>Warnings ({len(report['warnings'])})</h2>{findings(report['warnings'], 'warn')}
</body></html>
"""
