"""Scoring extracted reports against gold files: P/R/F1, category accuracy, wrong facts.

Usage: python -m loaders.extract.evaluate DIR [--json] [--min-confidence C]

Claims (allegations, denials, responses) under the loader's review threshold (0.6 by default,
KB_REVIEW_THRESHOLD) become review candidates, not graph edges, so they are not scored as
predictions; pass --min-confidence 0 to score every item the extractor emits.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kb.model.categories import categorise
from kb.model.identity import bare_mention_key
from loaders.extract.article import read_article
from loaders.extract.pipeline import extract
from loaders.extract.wrong_facts import KINDS, find_wrong_facts

CATEGORIES = ("people", "organisations", "pairs", "deniers", "responses", "relations")
CITED_SECTIONS = ("allegations", "denials", "responses", "relations")
CLAIM_SECTIONS = ("allegations", "denials", "responses")
REVIEW_THRESHOLD = 0.6


def edges_only(report: dict[str, Any], min_confidence: float) -> dict[str, Any]:
    """The report without the claims that would become review candidates."""
    out = dict(report)
    for section in CLAIM_SECTIONS:
        out[section] = [
            i for i in report.get(section, []) if i.get("confidence", 1.0) >= min_confidence
        ]
    return out


def norm(name: str | None) -> str | None:
    return None if name is None else bare_mention_key(name)


def _entity_forms(items: list[Any]) -> list[tuple[str, set[str]]]:
    """(name, normalised forms) for gold or predicted entity lists (strings or dicts)."""
    out: list[tuple[str, set[str]]] = []
    for item in items or []:
        if isinstance(item, str):
            out.append((item, {norm(item) or ""}))
        else:
            forms = {norm(item["name"]) or ""} | {norm(a) or "" for a in item.get("aliases", [])}
            out.append((item["name"], forms))
    return out


def _match_entities(
    pred: list[Any], gold: list[Any], optional: list[Any]
) -> tuple[dict[str, int], dict[str, str]]:
    """Counts and a map from predicted name to the gold name it matched."""
    gold_forms = _entity_forms(gold)
    opt_forms = _entity_forms(optional)
    mapping: dict[str, str] = {}
    used: set[int] = set()
    tp = fp = 0
    for name, forms in _entity_forms(pred):
        primary = norm(name) or ""
        hit = next(
            (i for i, (_, g) in enumerate(gold_forms) if i not in used and primary in g), None
        )
        if hit is None:
            hit = next(
                (i for i, (_, g) in enumerate(gold_forms) if i not in used and forms & g), None
            )
        if hit is not None:
            used.add(hit)
            mapping[name] = gold_forms[hit][0]
            tp += 1
            continue
        opt = next((g for g in opt_forms if primary in g[1] or forms & g[1]), None)
        if opt is not None:
            mapping[name] = opt[0]
            continue
        fp += 1
    # Names used in claims may also match gold entities already taken by another prediction.
    for name, forms in _entity_forms(pred):
        if name not in mapping:
            for gname, g in gold_forms:
                if forms & g:
                    mapping[name] = gname
    return {"tp": tp, "fp": fp, "fn": len(gold_forms) - len(used)}, mapping


def _counts(pred: set[Any], gold: set[Any]) -> dict[str, int]:
    return {"tp": len(pred & gold), "fp": len(pred - gold), "fn": len(gold - pred)}


def _pairs(
    items: list[dict[str, Any]], mapping: dict[str, str] | None
) -> set[tuple[str | None, str | None]]:
    def canon(name: str | None) -> str | None:
        if name is None:
            return None
        return norm(mapping.get(name, name) if mapping else name)

    out: set[tuple[str | None, str | None]] = set()
    for a in items or []:
        accusers = a.get("accusers") or [a.get("accuser")]
        for accuser in accusers:
            out.add((canon(accuser), canon(a.get("accused"))))
    return out


def _names(
    items: list[dict[str, Any]], key: str, mapping: dict[str, str] | None, extra: str | None = None
) -> set[Any]:
    out: set[Any] = set()
    for item in items or []:
        name = item.get(key)
        if name is None:
            continue
        value = norm(mapping.get(name, name) if mapping else name)
        out.add((value, item.get(extra)) if extra else value)
    return out


def _relations(
    items: list[dict[str, Any]], mapping: dict[str, str] | None
) -> set[tuple[str | None, ...]]:
    """(kind, person, organisation) or (association, a, b) in name order; both ends named."""
    def canon(name: str | None) -> str | None:
        return norm(mapping.get(name, name) if mapping and name else name)

    out: set[tuple[str | None, ...]] = set()
    for r in items or []:
        if r.get("kind") == "association":
            ends = [canon(r.get("a")), canon(r.get("b"))]
        else:
            ends = [canon(r.get("person")), canon(r.get("organisation"))]
        if all(ends):
            out.add((r.get("kind"), *(sorted(ends) if r.get("kind") == "association" else ends)))
    return out


def _pair_categories(
    items: list[dict[str, Any]], canon: Any, gold: bool
) -> dict[tuple[Any, Any], set[str]]:
    """Categories per (accuser, accused); gold without `categories` gets the shared
    vocabulary's reading of its hand-written summary."""
    out: dict[tuple[Any, Any], set[str]] = {}
    for a in items or []:
        cats = a.get("categories") or (
            categorise(a.get("summary"), a.get("quote")) if gold else []
        )
        for accuser in a.get("accusers") or [a.get("accuser")]:
            out.setdefault((canon(accuser), canon(a.get("accused"))), set()).update(cats)
    return out


def _category_counts(
    predicted: list[dict[str, Any]], gold: list[dict[str, Any]], mapping: dict[str, str]
) -> dict[str, int]:
    """Found allegations (a gold pair) whose every category is one the gold gives that pair:
    a category no gold allegation of the pair has is a wrong one ("sexual misconduct" on an
    underpayment claim)."""
    want = _pair_categories(gold, norm, True)
    correct = scored = 0
    for a in predicted or []:
        cats = set(a.get("categories") or [])
        for accuser in a.get("accusers") or [a.get("accuser")]:
            pair = (norm(mapping.get(accuser, accuser) if accuser else accuser),
                    norm(mapping.get(a.get("accused"), a.get("accused"))))
            if pair in want:
                scored += 1
                correct += bool(cats) and cats <= want[pair]
    return {"correct": correct, "scored": scored}


def prf(c: dict[str, int]) -> dict[str, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def score(predicted: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """Per-category counts and P/R/F1 of one predicted report against one gold file."""
    people, pmap = _match_entities(
        predicted.get("people", []), gold.get("people", []), gold.get("people_optional", [])
    )
    orgs, omap = _match_entities(
        predicted.get("organisations", []),
        gold.get("organisations", []),
        gold.get("organisations_optional", []),
    )
    mapping = {**omap, **pmap}
    counts = {
        "people": people,
        "organisations": orgs,
        "pairs": _counts(
            _pairs(predicted.get("allegations", []), mapping),
            _pairs(gold.get("allegations", []), None),
        ),
        "deniers": _counts(
            _names(predicted.get("denials", []), "denier", mapping),
            _names(gold.get("denials", []), "denier", None),
        ),
        "responses": _counts(
            _names(predicted.get("responses", []), "responder", mapping, "type"),
            _names(
                gold.get("non_denial_responses", gold.get("responses", [])),
                "responder",
                None,
                "type",
            ),
        ),
        "relations": _counts(
            _relations(predicted.get("relations", []), mapping),
            _relations(gold.get("relations", []), None),
        ),
    }
    text = predicted.get("publication", {}).get("text", "")
    cited = valid = 0
    for section in CITED_SECTIONS:
        for item in predicted.get(section, []):
            cited += 1
            valid += int(text[item["start"] : item["end"]] == item["quote"])
    result: dict[str, Any] = {cat: {**c, **prf(c)} for cat, c in counts.items()}
    result["citations"] = {"cited": cited, "valid": valid, "share": valid / cited if cited else 1.0}
    result["categories"] = _category_counts(
        predicted.get("allegations", []), gold.get("allegations", []), mapping
    )
    result["wrong_facts"] = find_wrong_facts(
        predicted, gold, lambda n: norm(mapping.get(n, n) if n else n), norm
    )
    return result


def evaluate_dir(gold_dir: Path, min_confidence: float = REVIEW_THRESHOLD) -> dict[str, Any]:
    """Run read_article + extract on every STEM.gold.json with a STEM.txt; micro-average.

    Claims under `min_confidence` are left out (they become review candidates, not edges);
    citations are checked on everything emitted."""
    gold_dir = Path(gold_dir)
    articles: dict[str, Any] = {}
    totals = {cat: {"tp": 0, "fp": 0, "fn": 0} for cat in CATEGORIES}
    cited = valid = 0
    cats = {"correct": 0, "scored": 0}
    wrong: dict[str, int] = dict.fromkeys(KINDS, 0)
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        stem = gold_path.name[: -len(".gold.json")]
        text_path = gold_dir / f"{stem}.txt"
        if not text_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        article = read_article(text_path)
        report = extract(article.text, article.meta)
        result = score(edges_only(report, min_confidence), gold)
        result["citations"] = score(report, gold)["citations"]
        articles[stem] = result
        for cat in CATEGORIES:
            for k in ("tp", "fp", "fn"):
                totals[cat][k] += result[cat][k]
        cited += result["citations"]["cited"]
        valid += result["citations"]["valid"]
        for k in cats:
            cats[k] += result["categories"][k]
        for fact in result["wrong_facts"]:
            wrong[fact["kind"]] += 1
    micro: dict[str, Any] = {cat: {**c, **prf(c)} for cat, c in totals.items()}
    micro["citations"] = {"cited": cited, "valid": valid, "share": valid / cited if cited else 1.0}
    micro["categories"] = {**cats, "accuracy": _share(cats)}
    micro["wrong_facts"] = {**wrong, "total": sum(wrong.values())}
    return {"articles": articles, "micro": micro, "count": len(articles)}


def _share(c: dict[str, int]) -> float:
    return round(c["correct"] / c["scored"], 3) if c["scored"] else 1.0


def format_table(result: dict[str, Any]) -> str:
    head = (f"{'article':34} " + " ".join(f"{c[:8]:>14}" for c in CATEGORIES)
            + "  cites  categ  wrong")
    lines = [head, "-" * len(head)]

    def row(name: str, r: dict[str, Any], wrong: int) -> str:
        cells = " ".join(
            f"{r[c]['precision']:.2f}/{r[c]['recall']:.2f}/{r[c]['f1']:.2f}"[:14].rjust(14)
            for c in CATEGORIES
        )
        cites = f"{r['citations']['valid']}/{r['citations']['cited']}"
        cats = f"{r['categories']['correct']}/{r['categories']['scored']}"
        return f"{name[:34]:34} {cells}  {cites:>5}  {cats:>5}  {wrong:>5}"

    for name, r in result["articles"].items():
        lines.append(row(name, r, len(r["wrong_facts"])))
    lines.append("-" * len(head))
    micro = result["micro"]
    lines.append(row(f"MICRO ({result['count']} articles) P/R/F1", micro,
                     micro["wrong_facts"]["total"]))
    lines.append(f"categories accuracy {micro['categories']['accuracy']:.2f}; wrong facts "
                 + ", ".join(f"{k} {micro['wrong_facts'][k]}" for k in KINDS))
    for name, r in result["articles"].items():
        for fact in r["wrong_facts"]:
            lines.append(f"  WRONG {name}: {fact['kind']}: {fact['what']}: "
                         f"\"{fact['quote'][:100]}\"")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders.extract.evaluate", description=__doc__)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    parser.add_argument(
        "--min-confidence",
        type=float,
        default=REVIEW_THRESHOLD,
        help="score only claims at or above this confidence (default: the review threshold)",
    )
    args = parser.parse_args(argv)
    if not args.directory.is_dir():
        print(f"error: {args.directory} is not a directory", file=sys.stderr)
        return 2
    result = evaluate_dir(args.directory, args.min_confidence)
    print(json.dumps(result, indent=2) if args.json else format_table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
