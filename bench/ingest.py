"""Ingest benchmark: kb's loader against a bare `UNWIND $rows MERGE` through the driver.

Both sides write the same nodes and relationships (the plan kb builds, citations
included), one transaction per report, into the bench's own Neo4j, measured in
the same run. Usage: python bench/ingest.py [--reports 1000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from neo4j import Driver, ManagedTransaction

from bench.common import bench_driver, save, wipe
from kb.model.plan import build_plan, collect_entities, default_resolution
from kb.model.report import Report, parse_report
from kb.store.write import write_report

FIRST = ["Ada", "Bram", "Cleo", "Dev", "Esme", "Fitz", "Gia", "Hugo", "Ines", "Jory", "Kai", "Lena"]
LAST = ["Arden", "Bellamy", "Castor", "Drummond", "Ellery", "Fenwick", "Garrow", "Hale",
        "Ingram", "Jessop", "Kerr", "Lovell", "Marsh", "Nyland", "Orwin", "Pell"]
ORGS = ["Northgate Capital", "Pellucid Media", "Harrow Logistics", "Vireo Health",
        "Calder Foods", "Brightline Studios"]


def synthetic_report(i: int, rng: random.Random) -> tuple[Report, str]:
    """A small fictional report: two people, an outlet, an allegation, a denial, a role."""
    accuser = f"{rng.choice(FIRST)} {rng.choice(LAST)}{i % 97}"
    accused = f"{rng.choice(FIRST)} {rng.choice(LAST)}{i % 89}x"
    org = rng.choice(ORGS)
    text = (f"{accuser} has accused {accused} of fraud at {org}, according to a complaint. "
            f"{accused}, the chief financial officer of {org}, denied the allegations.")
    data = {
        "publication": {"title": f"Report {i}", "outlet": "The Bench Ledger",
                        "url": f"https://bench.example.org/{i}", "published": "2024-01-01",
                        "text": text},
        "people": [accuser, accused], "organisations": [org],
        "allegations": [{"accuser": accuser, "accused": accused, "summary": "fraud",
                         "quote": f"{accuser} has accused {accused} of fraud at {org}"}],
        "denials": [{"denier": accused, "quote": f"{accused}, the chief financial officer of "
                                                 f"{org}, denied the allegations"}],
        "relations": [{"kind": "affiliation", "person": accused, "organisation": org,
                       "role": "chief financial officer",
                       "quote": f"{accused}, the chief financial officer of {org}"}],
    }
    return parse_report(data)


def baseline_rows(report: Report, text: str) -> dict[str, list[dict[str, Any]]]:
    """The same nodes and relationships kb writes, as plain rows for bare MERGEs."""
    refs = collect_entities(report)
    plan = build_plan(report, text, default_resolution(refs), refs, created_by="bench")
    out: dict[str, list[dict[str, Any]]] = {}
    for node in [plan.publication, *plan.nodes]:
        out.setdefault(f"node:{node.label}", []).append(
            {"id": node.id, "props": {k: v for k, v in node.props.items() if v is not None}})
    for cit in plan.citations:
        out.setdefault("node:Citation", []).append({"id": cit.id, "props": vars(cit)})
        out.setdefault("rel:QUOTES:Citation:Publication", []).append(
            {"id": "q" + cit.id, "start": cit.id, "end": cit.publication_id, "props": {}})
    for rel in plan.rels:
        out.setdefault(f"rel:{rel.type}:{rel.start_label}:{rel.end_label}", []).append(
            {"id": rel.id, "start": rel.start_id, "end": rel.end_id,
             "props": {**{k: v for k, v in rel.props.items() if v is not None},
                       "citation_ids": rel.citation_ids}})
    return out


def baseline_statement(key: str) -> str:
    parts = key.split(":")
    if parts[0] == "node":
        return f"UNWIND $rows AS r MERGE (n:{parts[1]} {{id: r.id}}) SET n += r.props"
    _, rel_type, start, end = parts
    return (f"UNWIND $rows AS r MATCH (a:{start} {{id: r.start}}) MATCH (b:{end} {{id: r.end}}) "
            f"MERGE (a)-[e:{rel_type} {{id: r.id}}]->(b) SET e += r.props")


def run_baseline(driver: Driver, database: str,
                 batches: list[dict[str, list[dict[str, Any]]]]) -> float:
    def work(tx: ManagedTransaction, rows: dict[str, list[dict[str, Any]]]) -> None:
        for key in sorted(rows, key=lambda k: k.startswith("rel")):
            tx.run(baseline_statement(key), rows=rows[key]).consume()

    start = time.perf_counter()
    with driver.session(database=database) as session:
        for rows in batches:
            session.execute_write(work, rows)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=1000)
    args = parser.parse_args()
    rng = random.Random(7)
    reports = [synthetic_report(i, rng) for i in range(args.reports)]
    driver, target = bench_driver()
    db = target.database
    try:
        wipe(driver, db)
        # Warm both paths once so neither pays for query planning in the timing.
        write_report(driver, db, *reports[0], created_by="bench")
        run_baseline(driver, db, [baseline_rows(*reports[0])])
        wipe(driver, db)

        start = time.perf_counter()
        for report, text in reports:
            write_report(driver, db, report, text, created_by="bench")
        ours = time.perf_counter() - start
        rels = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c",
                                    database_=db).records[0]["c"]
        wipe(driver, db)

        batches = [baseline_rows(r, t) for r, t in reports]
        bare = run_baseline(driver, db, batches)
        bare_rels = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c",
                                         database_=db).records[0]["c"]
        wipe(driver, db)
    finally:
        driver.close()
    n = len(reports)
    result = {
        "reports": n, "relationships": rels, "baseline_relationships": bare_rels,
        "kb_seconds": round(ours, 3), "baseline_seconds": round(bare, 3),
        "kb_reports_per_s": round(n / ours, 1), "kb_relationships_per_s": round(rels / ours, 1),
        "baseline_reports_per_s": round(n / bare, 1),
        "baseline_relationships_per_s": round(bare_rels / bare, 1),
        "ratio_kb_to_baseline": round(bare / ours, 3),
    }
    print(f"reports: {n}, relationships: {rels} (baseline {bare_rels})")
    print(f"kb loader : {result['kb_reports_per_s']:>8} reports/s "
          f"{result['kb_relationships_per_s']:>9} relationships/s")
    print(f"bare MERGE: {result['baseline_reports_per_s']:>8} reports/s "
          f"{result['baseline_relationships_per_s']:>9} relationships/s")
    print(f"ratio (kb throughput / baseline throughput): {result['ratio_kb_to_baseline']}")
    print(f"written to {save('ingest', result)}")


if __name__ == "__main__":
    main()
