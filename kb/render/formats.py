"""The export formats `kb export` knows, and how each is written to its sink."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from neo4j import Driver

from kb.render.sinks import Sink, sink_for
from kb.store.export import GraphSource


@dataclass(frozen=True)
class Format:
    multi_file: bool
    filename: str  # the one file's name (in a .zip), or a description of the files


FORMATS = {
    "json": Format(False, "kb.json"),
    "jsonld": Format(False, "kb.jsonld"),
    "graphml": Format(False, "kb.graphml"),
    "ftm": Format(False, "kb.ftm.json"),
    "csv": Format(True, "nodes.csv, relationships.csv, citations.csv"),
    "neo4j-csv": Format(True, "one CSV a label and a type, import.sh, README.txt"),
}


def _single(name: str, write: Callable[..., None]) -> Callable[..., list[str]]:
    def run(source: GraphSource, sink: Sink, **opts: str) -> list[str]:
        with sink.open(name) as out:
            write(source, out, **opts)
        return [name]

    return run


def _writer(fmt: str) -> Callable[..., list[str]]:
    # Imported on use: followthemoney in particular is slow to import.
    if fmt == "json":
        from kb.render.exports import write_json

        return _single(FORMATS[fmt].filename, lambda s, o, **_: write_json(s, o))
    if fmt == "jsonld":
        from kb.render.jsonld import write_jsonld

        return _single(FORMATS[fmt].filename,
                       lambda s, o, base_iri="", **_: write_jsonld(s, o, base_iri))
    if fmt == "graphml":
        from kb.render.exports import write_graphml

        return _single(FORMATS[fmt].filename, lambda s, o, **_: write_graphml(s, o))
    if fmt == "ftm":
        from kb.render.ftm import write_ftm

        return _single(FORMATS[fmt].filename, lambda s, o, **_: write_ftm(s, o))
    if fmt == "csv":
        from kb.render.exports import write_csv

        return lambda source, sink, **_: write_csv(source, sink.open)
    raise KeyError(fmt)


def write_export(driver: Driver, database: str, fmt: str, output: Path | None,
                 base_iri: str = "", include_rejected: bool = False) -> str:
    """Write one export; return the line to tell the user (empty on stdout)."""
    sink = sink_for(output, FORMATS[fmt].multi_file)
    try:
        if fmt == "neo4j-csv":
            from kb.render.neo4j_csv import write_neo4j_csv

            names = write_neo4j_csv(driver, database, sink)
        else:
            names = _writer(fmt)(GraphSource.from_driver(driver, database, include_rejected), sink,
                                 base_iri=base_iri)
    finally:
        sink.close()
    return sink.describe(names)
