"""Small writes for the API: bare nodes, and citations on nodes already in the graph.

They build the same Plan rows and run the same generated write statement as a
report (``kb.store.write``), so the citation contract is checked the same way:
``locate`` against the stored text, then ``check_citations`` before the
statement runs.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction

from kb.errors import CitationRequired, InvalidInput, NotFound, PublicationConflict
from kb.model.graph import model
from kb.model.identity import make_id, surname_key
from kb.model.plan import (
    CitationRow,
    EntityRef,
    NodeRow,
    Plan,
    RelRow,
    locate,
    publication_row,
    review_state,
)
from kb.model.report import Cited, Report
from kb.store.cypher import relationship_lookup
from kb.store.write import AfterWrite, LoadResult, check_citations, run_plan


@dataclass
class Link:
    """A cited relationship between nodes already in the graph (or one to cite again)."""

    rel_type: str
    start: tuple[str, str]  # (label, id)
    end: tuple[str, str]
    publication_id: str
    quote: str
    start_offset: int | None = None
    props: dict[str, Any] = field(default_factory=dict)
    rel_id: str | None = None  # an existing relationship's id: add a citation to it
    method: str = "curated"
    confidence: float = 1.0


async def create_entity_async(
    driver: AsyncDriver, database: str, label: str, name: str, *, aliases: list[str],
    description: str | None, after_write: AfterWrite | None = None,
) -> tuple[str, bool]:
    """Create a person or organisation (no claim, so no citation); return (id, created).

    A name the graph already holds (same normalised key) is that node: its
    aliases are merged, nothing else changes.
    """
    if not model().node(label).entity:
        raise InvalidInput(f"{label} is not an entity label")
    ref = EntityRef(label, name, list(aliases), description)

    async def work(tx: AsyncManagedTransaction) -> tuple[str, bool]:
        found = await (await tx.run(
            f"MATCH (n:{label} {{name_key: $key}}) RETURN n.id AS id ORDER BY id LIMIT 1",
            key=ref.key)).single()
        node_id = found["id"] if found else ref.default_id
        node = NodeRow(label, node_id, {
            "id": node_id, "name": name, "name_key": ref.key,
            "surname_key": surname_key(label, name), "aliases": sorted({name, *aliases}),
            "description": description,
        })
        plan = Plan(publication=node)  # the first slot of a plan takes any node row
        loaded = await run_plan(tx, plan, uuid.uuid4().hex)
        if after_write is not None:
            await after_write(tx, loaded, plan)
        return node_id, loaded.changed

    async with driver.session(database=database) as session:
        return await session.execute_write(work)


async def create_publication_async(
    driver: AsyncDriver, database: str, report: Report, text: str, *,
    after_write: AfterWrite | None = None,
) -> tuple[str, bool]:
    """Store a publication's text (hashed, immutable); return (id, created)."""
    row = publication_row(report, text)

    async def work(tx: AsyncManagedTransaction) -> tuple[str, bool]:
        found = await (await tx.run("MATCH (p:Publication {id: $id}) RETURN p.sha256 AS sha",
                                    id=row.id)).single()
        if found is not None and found["sha"] != row.props["sha256"]:
            raise PublicationConflict(
                f"publication {report.publication.url or row.id} is already stored with a "
                "different text; a correction is a new snapshot, not a reload")
        plan = Plan(publication=row)
        loaded = await run_plan(tx, plan, uuid.uuid4().hex)
        if after_write is not None:
            await after_write(tx, loaded, plan)
        return row.id, loaded.changed

    async with driver.session(database=database) as session:
        return await session.execute_write(work)


def _link_context(labels: list[str]) -> str:
    """Which of the given nodes exist (index seeks per label), and the publications' texts."""
    parts = [f"CALL () {{ UNWIND $ids[{i}] AS k MATCH (n:{label} {{id: k}}) "
             f"RETURN collect(n.id) AS f{i} }}" for i, label in enumerate(labels)]
    found = " + ".join(f"f{i}" for i in range(len(labels))) or "[]"
    return "\n".join([*parts, "CALL () { UNWIND $publications AS pid "
                       "MATCH (p:Publication {id: pid}) "
                       "RETURN collect([pid, p.text, p.published]) AS texts }",
                       f"RETURN {found} AS found, texts"])


def _find_rel() -> str:
    return (relationship_lookup(cited_only=True) + "\n"
            "RETURN type(r) AS type, [l IN labels(a) WHERE l IN $labels][0] AS a_label, "
            "a.id AS a_id, [l IN labels(b) WHERE l IN $labels][0] AS b_label, b.id AS b_id")


async def find_relationship(tx: AsyncManagedTransaction, rel_id: str) -> dict[str, Any]:
    graph = model()
    labels = [lbl for lbl in graph.nodes if lbl not in ("Citation",)]
    record = await (await tx.run(_find_rel(), id=rel_id, labels=labels)).single()
    if record is None:
        raise NotFound(f"no cited relationship with id {rel_id!r}")
    return dict(record)


async def write_links_async(
    driver: AsyncDriver, database: str, links: list[Link], *, created_by: str,
    nodes: list[NodeRow] | None = None, after_write: AfterWrite | None = None,
) -> tuple[LoadResult, Plan]:
    """Write cited relationships between existing nodes (and ``nodes``) in one transaction.

    Every link's quote is located in its publication's stored text; a quote
    that is not there refuses the whole write. ``Link.rel_id`` names an
    existing relationship, which then gains a citation.
    """
    if not links:
        raise CitationRequired("nothing to cite: at least one cited relationship is needed")
    new_nodes = list(nodes or [])

    async def work(tx: AsyncManagedTransaction) -> tuple[LoadResult, Plan]:
        for link in links:
            if link.rel_id is not None:
                found = await find_relationship(tx, link.rel_id)
                link.rel_type = found["type"]
                link.start = (found["a_label"], found["a_id"])
                link.end = (found["b_label"], found["b_id"])
        new_ids = {row.id for row in new_nodes}
        wanted = {(lbl, i) for link in links for lbl, i in (link.start, link.end)
                  if i not in new_ids}
        pubs = sorted({link.publication_id for link in links})
        labels = sorted({lbl for lbl, _ in wanted})
        for lbl in labels:
            model().node(lbl)  # labels in Cypher come only from the model
        ids = [sorted(i for lb, i in wanted if lb == lbl) for lbl in labels]
        record = await (await tx.run(_link_context(labels), ids=ids,
                                     publications=pubs)).single(strict=True)
        missing = sorted({i for _, i in wanted} - set(record["found"]))
        if missing:
            raise NotFound(f"no node with id {missing[0]!r}")
        texts = {pid: text for pid, text, _ in record["texts"] if text is not None}
        dates = {pid: published for pid, _, published in record["texts"]}
        for pid in pubs:
            if pid not in texts:
                raise NotFound(f"no publication with id {pid!r}")
        plan = _link_plan(links, new_nodes, texts, created_by, dates)
        check_citations(plan, texts)
        loaded = await run_plan(tx, plan, uuid.uuid4().hex)
        if after_write is not None:
            await after_write(tx, loaded, plan)
        return loaded, plan

    async with driver.session(database=database) as session:
        return await session.execute_write(work)


def _link_plan(links: list[Link], nodes: list[NodeRow], texts: dict[str, str],
               created_by: str, dates: dict[str, Any] | None = None) -> Plan:
    pub_rows = [NodeRow("Publication", pid, {"id": pid}) for pid in sorted(texts)]
    plan = Plan(publication=pub_rows[0], nodes=[*pub_rows[1:], *nodes])
    rels: dict[str, RelRow] = {}
    for i, link in enumerate(links):
        spec = model().rel(link.rel_type)
        if not spec.cited or not spec.allows(link.start[0], link.end[0]):
            raise InvalidInput(f"{link.rel_type} cannot go from {link.start[0]} to {link.end[0]}")
        span = locate(texts[link.publication_id], link.quote, link.start_offset, None,
                      f"citations[{i}]")
        rel_id = link.rel_id or make_id("rel", link.rel_type, link.start[1], link.end[1])
        row = rels.get(rel_id)
        if row is None:
            published = (dates or {}).get(link.publication_id)
            props = {**link.props, "first_cited": published}
            if link.rel_id is None:  # a new claim: a person made it through the API
                props["review"] = review_state(Cited(quote=link.quote, method=link.method))
            row = rels[rel_id] = RelRow(link.rel_type, link.start[0], link.start[1],
                                        link.end[0], link.end[1], rel_id, props, [])
            plan.rels.append(row)
        cit_id = make_id("cit", rel_id, link.publication_id, span.start, span.end)
        if cit_id not in row.citation_ids:
            row.citation_ids.append(cit_id)
            plan.citations.append(CitationRow(
                id=cit_id, rel_id=rel_id, rel_type=link.rel_type,
                publication_id=link.publication_id, quote=span.quote, start=span.start,
                end=span.end, method=link.method, confidence=link.confidence,
                created_by=created_by))
    return plan
