"""Files derived from the graph model and the report models.

``kb schema derive`` writes them into schema/; a test re-derives them and
fails when a committed copy is stale. This sits above the layers it reads (the
model, the store's schema statements, the API's SDL), so none of them imports it.
"""

from __future__ import annotations

import json
from pathlib import Path

from kb.api.schema import sdl
from kb.model.graph import SCHEMA_DIR, GraphModel, model
from kb.model.report import Report
from kb.store.schema import schema_statements


def constraints_cypher(graph: GraphModel) -> str:
    head = "// Derived from schema/graph.yaml by `kb schema derive`; do not edit.\n"
    return head + "".join(f"{s};\n" for s in schema_statements(graph))


def report_json_schema() -> str:
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "kb sourced report"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def model_markdown(graph: GraphModel) -> str:
    lines = [
        "# The kb graph model",
        "",
        "Derived from `schema/graph.yaml` by `kb schema derive`; do not edit.",
        "",
        "## Nodes",
        "",
    ]
    for label, node in graph.nodes.items():
        lines += [f"### {label}", "", node.description.strip(), ""]
        if node.subtypes:
            lines += ["Also labelled by type: " + ", ".join(f"`{s}`" for s in node.subtypes), ""]
        lines += ["| property | type | required | merge |", "|---|---|---|---|"]
        for name, prop in node.properties.items():
            req = "yes" if prop.required else ""
            lines.append(f"| `{name}` | {prop.type} | {req} | {prop.merge} |")
        lines.append("")
    lines += ["## Relationships", "",
              "Every relationship has an `id` and, when cited, `citation_ids`: the ids of the",
              "`Citation` nodes that support it (at least one).", "",
              "| type | from → to | cited | properties | meaning |", "|---|---|---|---|---|"]
    for rel_type, rel in graph.relationships.items():
        ends = "; ".join(f"{a} → {b}" for a, b in rel.endpoints)
        props = ", ".join(f"`{p}`" for p in rel.properties) or ""
        cited = "yes" if rel.cited else "no (provenance)"
        lines.append(f"| `{rel_type}` | {ends} | {cited} | {props} | {rel.description} |")
    lines.append("")
    return "\n".join(lines)


def graphql_sdl() -> str:
    """The API's schema, as clients see it (the API builds it from the same model)."""
    return "# Derived from the kb API by `kb schema derive`; do not edit.\n" + sdl()


def derived_files(graph: GraphModel | None = None) -> dict[str, str]:
    graph = graph or model()
    return {
        "constraints.cypher": constraints_cypher(graph),
        "report.schema.json": report_json_schema(),
        "MODEL.md": model_markdown(graph),
        "schema.graphql": graphql_sdl(),
    }


def write_derived(folder: Path = SCHEMA_DIR) -> list[str]:
    written = []
    for name, content in derived_files().items():
        path = folder / name
        if not path.exists() or path.read_text() != content:
            path.write_text(content)
            written.append(name)
    return written


def stale_files(folder: Path = SCHEMA_DIR) -> list[str]:
    return [name for name, content in derived_files().items()
            if not (folder / name).exists() or (folder / name).read_text() != content]
