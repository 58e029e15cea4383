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
            f"CREATE FULLTEXT INDEX {name} IF NOT EXISTS FOR (n:{labels}) ON EACH [{props}] "
            f"OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{ft.analyzer}'}}}}"
        )
    return out


def stale_fulltext(driver: Driver, database: str, graph: GraphModel | None = None) -> list[str]:
    """Full-text indexes whose labels, properties or analyzer differ from the model.

    ``CREATE ... IF NOT EXISTS`` keeps an index of the same name as it is, so an
    existing database would never get a changed analyzer: such indexes are dropped
    (and then created again by the model's statements).
    """
    graph = graph or model()
    records = driver.execute_query(
        "SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, options "
        "WHERE name IN $names RETURN name, labelsOrTypes, properties, options",
        names=list(graph.fulltext), database_=database, routing_="r").records
    stale = []
    for rec in records:
        ft = graph.fulltext[rec["name"]]
        analyzer = (rec["options"] or {}).get("indexConfig", {}).get("fulltext.analyzer")
        if (sorted(rec["labelsOrTypes"]), sorted(rec["properties"]), analyzer) != \
                (sorted(ft.labels), sorted(ft.properties), ft.analyzer):
            stale.append(str(rec["name"]))
    return stale


def apply_schema(driver: Driver, database: str) -> int:
    statements = schema_statements()
    for name in stale_fulltext(driver, database):
        driver.execute_query(f"DROP INDEX {name} IF EXISTS", database_=database)
    for statement in statements:
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
    return len(statements)
