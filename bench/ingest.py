"""Ingest benchmark: `kb load` of a folder against a bare batched `UNWIND $rows MERGE`.

Both sides write the same nodes and relationships (the plan kb builds, citations
included) into the bench's own Neo4j, measured in the same run:

- kb bulk: `load_files` on a folder of report files (read, validated, quotes
  located and checked, resolved, about 5,000 rows a transaction);
- bare batched: the same rows, pre-built, one `UNWIND $rows MERGE` per label and
  type, about 5,000 rows a transaction (as a competent engineer would write it);
- kb one by one and bare per report: one transaction per report (the old figures).

Usage: python bench/ingest.py [--reports 3000] [--single 300]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from neo4j import Driver, ManagedTransaction

from bench.common import bench_driver, save, wipe
from kb.model.plan import build_plan, collect_entities, default_resolution
from kb.model.report import Report, parse_report
from kb.store.write import write_report
from loaders.batch import BATCH_ROWS, load_files

FIRST = ["Ada", "Bram", "Cleo", "Dev", "Esme", "Fitz", "Gia", "Hugo", "Ines", "Jory", "Kai", "Lena"]
LAST = ["Arden", "Bellamy", "Castor", "Drummond", "Ellery", "Fenwick", "Garrow", "Hale",
        "Ingram", "Jessop", "Kerr", "Lovell", "Marsh", "Nyland", "Orwin", "Pell"]
ORGS = ["Northgate Capital", "Pellucid Media", "Harrow Logistics", "Vireo Health",
        "Calder Foods", "Brightline Studios"]


def synthetic_data(i: int, rng: random.Random) -> dict[str, Any]:
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
    return data


def synthetic_report(i: int, rng: random.Random) -> tuple[Report, str]:
    return parse_report(synthetic_data(i, rng))


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


def batched(per_report: list[dict[str, list[dict[str, Any]]]],
            size: int = BATCH_ROWS) -> list[dict[str, list[dict[str, Any]]]]:
    """Per-report rows gathered into transactions of about ``size`` rows."""
    out: list[dict[str, list[dict[str, Any]]]] = [{}]
    count = 0
    for rows in per_report:
        for key, items in rows.items():
            out[-1].setdefault(key, []).extend(items)
            count += len(items)
        if count >= size:
            out.append({})
            count = 0
    return [b for b in out if b]


def count_rels(driver: Driver, db: str) -> int:
    return int(driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c",
                                    database_=db).records[0]["c"])


def load_average() -> float:
    return round(os.getloadavg()[0], 1)


def rate(n: int, seconds: float) -> float:
    return round(n / seconds, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=3000, help="reports for the bulk pair")
    parser.add_argument("--rounds", type=int, default=3,
                        help="kb then bare, this many times (the median ratio is reported)")
    parser.add_argument("--single", type=int, default=300,
                        help="reports for the one-transaction-per-report pair")
    args = parser.parse_args()
    rng = random.Random(7)
    data = [synthetic_data(i, rng) for i in range(args.reports)]
    reports = [parse_report(d) for d in data]
    driver, target = bench_driver()
    db = target.database
    result: dict[str, Any] = {"command": "python bench/ingest.py " + " ".join(sys.argv[1:]),
                              "reports": len(reports), "batch_rows": BATCH_ROWS}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            files = []
            for i, d in enumerate(data):
                path = folder / f"report-{i:06d}.json"
                path.write_text(json.dumps(d))
                files.append(path)
            per_report = [baseline_rows(r, t) for r, t in reports]
            wipe(driver, db)
            # Warm both paths (JIT, plan caches) on a tenth of the rows, so neither pays
            # for it in the timing; then time them in turns, each on an empty graph.
            warm = max(1, len(files) // 10)
            load_files(driver, db, files[:warm], review_threshold=0.0, progress=False)
            wipe(driver, db)
            run_baseline(driver, db, batched(per_report[:warm]))
            wipe(driver, db)
            runs = []
            for _ in range(args.rounds):
                start = time.perf_counter()
                loaded = load_files(driver, db, files, review_threshold=0.0, progress=False)
                bulk = time.perf_counter() - start
                assert not loaded.failures, loaded.failures[:3]
                rels = count_rels(driver, db)
                wipe(driver, db)
                bare = run_baseline(driver, db, batched(per_report))
                bare_rels = count_rels(driver, db)
                wipe(driver, db)
                runs.append({"kb_bulk_relationships_per_s": rate(rels, bulk),
                             "baseline_batched_relationships_per_s": rate(bare_rels, bare),
                             "ratio": round(bare / bulk, 3), "load_average": load_average()})
                print(f"round {len(runs)}: {runs[-1]}", file=sys.stderr)

        few = reports[:args.single]
        start = time.perf_counter()
        for report, text in few:
            write_report(driver, db, report, text, created_by="bench")
        one = time.perf_counter() - start
        one_rels = count_rels(driver, db)
        wipe(driver, db)
        bare_one = run_baseline(driver, db, [baseline_rows(r, t) for r, t in few])
        wipe(driver, db)
    finally:
        driver.close()
    n = len(reports)
    # The round with the median ratio: both sides of one round ran back to back.
    median = sorted(runs, key=lambda r: r["ratio"])[len(runs) // 2]
    bulk = rels / median["kb_bulk_relationships_per_s"]
    bare = bare_rels / median["baseline_batched_relationships_per_s"]
    result.update({
        "rounds": runs, "median_round": runs.index(median) + 1,
        "relationships": rels, "baseline_relationships": bare_rels,
        "kb_bulk_seconds": round(bulk, 3), "baseline_batched_seconds": round(bare, 3),
        "kb_bulk_reports_per_s": rate(n, bulk), "kb_bulk_relationships_per_s": rate(rels, bulk),
        "baseline_batched_relationships_per_s": rate(bare_rels, bare),
        "ratio_kb_bulk_to_baseline_batched": round(bare / bulk, 3),
        "single_reports": len(few),
        "kb_one_per_tx_relationships_per_s": rate(one_rels, one),
        "baseline_one_per_tx_relationships_per_s": rate(one_rels, bare_one),
    })
    print(f"reports: {n}, relationships: {rels} (baseline {bare_rels})")
    print(f"kb load (bulk)     : {result['kb_bulk_relationships_per_s']:>9} relationships/s "
          f"({result['kb_bulk_reports_per_s']} reports/s)")
    print(f"bare batched MERGE : {result['baseline_batched_relationships_per_s']:>9} "
          "relationships/s")
    print(f"ratio (kb / bare batched): {result['ratio_kb_bulk_to_baseline_batched']}")
    print(f"one tx per report ({len(few)} reports): kb "
          f"{result['kb_one_per_tx_relationships_per_s']}/s, bare "
          f"{result['baseline_one_per_tx_relationships_per_s']}/s")
    print(f"written to {save('ingest', result)}")


if __name__ == "__main__":
    main()
