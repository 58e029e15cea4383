"""CSV files that `neo4j-admin database import full` reads: a copy of the whole graph.

Unlike the other exports this one is the graph as stored (citations are nodes, `QUOTES` edges
included) so the imported database is a kb database: `kb init` adds the constraints and
`kb audit` proves it. One file a label and one a relationship type, each streamed; the header
types (`:string[]`, `:date`, `:datetime`, ...) come from the values themselves (`valueType`).
"""

from __future__ import annotations

import csv
from typing import Any

from neo4j import Driver

from kb.model.graph import model
from kb.render.sinks import Sink
from kb.store.export import stream_records
from kb.store.values import plain

ARRAY_DELIMITER = "\x1f"  # the ASCII unit separator: no name or quote contains one
ARRAY_OPTION = "U+001F"
OPERATIONAL = {"ApiToken", "AuditEvent"}  # secrets (token hashes) and the log stay behind

_SCALARS = {"STRING": "string", "INTEGER": "long", "FLOAT": "double", "BOOLEAN": "boolean",
            "DATE": "date", "ZONED DATETIME": "datetime", "LOCAL DATETIME": "localdatetime",
            "DURATION": "duration"}


def _import_type(value_types: list[str]) -> str:
    """The header type for a property, from Neo4j's ``valueType()`` of its values."""
    kinds = set()
    for vt in value_types:
        vt = vt.removesuffix(" NOT NULL")
        if vt.startswith("LIST<"):
            inner = vt[5:-1].removesuffix(" NOT NULL")
            kinds.add(_SCALARS.get(inner, "string") + "[]" if inner != "NOTHING" else "")
        else:
            kinds.add(_SCALARS.get(vt, "string"))
    kinds.discard("")
    if len(kinds) == 1:
        return kinds.pop()
    return "string[]" if any(k.endswith("[]") for k in kinds) else "string"


def _columns(driver: Driver, database: str, match: str, var: str) -> dict[str, str]:
    query = (f"{match} UNWIND keys({var}) AS k "
             f"RETURN k, collect(DISTINCT valueType({var}[k])) AS types ORDER BY k")
    records = driver.execute_query(query, database_=database, routing_="r").records
    return {r["k"]: _import_type(r["types"]) for r in records}


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(str(_cell(v)).replace(ARRAY_DELIMITER, " ") for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value.replace(ARRAY_DELIMITER, " ")
    return value


def _write_nodes(driver: Driver, database: str, sink: Sink, label: str) -> str | None:
    match = f"MATCH (n:{label})"  # labels from the model registry only
    cols = _columns(driver, database, match, "n")
    if not cols:
        return None
    name = f"{label}.nodes.csv"
    props = [k for k in cols if k != "id"]
    header = ["id:ID"] + [f"{k}:{cols[k]}" for k in props] + [":LABEL"]
    with sink.open(name) as handle:
        w = csv.writer(handle)
        w.writerow(header)
        query = (f"{match} RETURN n.id AS id, labels(n) AS labels, properties(n) AS p "
                 "ORDER BY n.id")
        for rec in stream_records(driver, database, query):
            p = plain(rec["p"])
            w.writerow([rec["id"], *(_cell(p.get(k)) for k in props),
                        _cell(sorted(rec["labels"]))])
    return name


def _write_rels(driver: Driver, database: str, sink: Sink, rel_type: str) -> str | None:
    match = f"MATCH ()-[r:{rel_type}]->()"
    cols = _columns(driver, database, match, "r")
    if not cols:
        return None
    name = f"{rel_type}.relationships.csv"
    props = list(cols)
    with sink.open(name) as handle:
        w = csv.writer(handle)
        w.writerow([":START_ID", ":END_ID", ":TYPE", *(f"{k}:{cols[k]}" for k in props)])
        query = (f"MATCH (a)-[r:{rel_type}]->(b) RETURN a.id AS a, b.id AS b, "
                 "properties(r) AS p ORDER BY r.id")
        for rec in stream_records(driver, database, query):
            p = plain(rec["p"])
            w.writerow([rec["a"], rec["b"], rel_type, *(_cell(p.get(k)) for k in props)])
    return name


def import_arguments(node_files: list[str], rel_files: list[str], folder: str = ".") -> list[str]:
    """The options of `neo4j-admin database import full DATABASE` for these files."""
    return ([f"--array-delimiter={ARRAY_OPTION}", "--multiline-fields=true",
             "--skip-bad-relationships=false", "--bad-tolerance=0"]
            + [f"--nodes={folder}/{f}" for f in node_files]
            + [f"--relationships={folder}/{f}" for f in rel_files])


def write_neo4j_csv(driver: Driver, database: str, sink: Sink) -> list[str]:
    graph = model()
    node_files = [f for label in graph.nodes if label not in OPERATIONAL
                  if (f := _write_nodes(driver, database, sink, label))]
    rel_files = [f for t in graph.relationships if (f := _write_rels(driver, database, sink, t))]
    args = " ".join(import_arguments(node_files, rel_files, '"$here"'))  # names are safe
    with sink.open("import.sh") as handle:
        handle.write("#!/bin/sh\n# Import this export into an empty, stopped database:\n"
                     "#   sh import.sh [DATABASE]   (neo4j-admin on PATH; default: neo4j)\n"
                     "# then `kb init` adds kb's constraints and `kb audit` proves it.\n"
                     'here="$(cd "$(dirname "$0")" && pwd)"\n'
                     f'neo4j-admin database import full "${{1:-neo4j}}" {args}\n')
    with sink.open("README.txt") as handle:
        handle.write("kb graph for neo4j-admin database import full\n\n"
                     "One file a label (*.nodes.csv) and a relationship type "
                     "(*.relationships.csv).\nArrays are separated by U+001F; fields may "
                     "span lines. See import.sh for the command.\n")
    return [*node_files, *rel_files, "import.sh", "README.txt"]
