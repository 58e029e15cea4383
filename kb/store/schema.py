"""Apply the constraints and indexes that schema/graph.yaml declares (``kb init``)."""

from __future__ import annotations

from neo4j import Driver

from kb.model.graph import GraphModel, model


def schema_statements(graph: GraphModel | None = None) -> list[str]:
    """Idempotent DDL derived from the model; ``schema/constraints.cypher`` is its copy."""
    graph = graph or model()
    out: list[str] = []
    for label, node in graph.nodes.items():
        key = node.key
        out.append(
            f"CREATE CONSTRAINT {label.lower()}_{key}_unique IF NOT EXISTS "
            f"FOR (n:{label}) REQUIRE n.{key} IS UNIQUE"
        )
        for name, prop in node.properties.items():
            if prop.index and name != key:
                out.append(f"CREATE INDEX {label.lower()}_{name} IF NOT EXISTS "
                           f"FOR (n:{label}) ON (n.{name})")
    for rel_type in graph.relationships:
        out.append(
            f"CREATE CONSTRAINT {rel_type.lower()}_id_unique IF NOT EXISTS "
            f"FOR ()-[r:{rel_type}]-() REQUIRE r.id IS UNIQUE"
        )
    for name, ft in graph.fulltext.items():
        labels = "|".join(ft.labels)
        props = ", ".join(f"n.{p}" for p in ft.properties)
        out.append(
            f"CREATE FULLTEXT INDEX {name} IF NOT EXISTS FOR (n:{labels}) ON EACH [{props}]"
        )
    return out


def apply_schema(driver: Driver, database: str) -> int:
    statements = schema_statements()
    for statement in statements:
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
    return len(statements)
