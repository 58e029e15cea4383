"""Merges as judgements: ``kb merge``, ``kb unmerge``, ``kb distinct`` and their mutations.

A merge moves every cited relationship of the merged entity onto the one kept
(ids, properties and citations unchanged; where the kept entity already has the
same relationship, the citations join it), gives the kept entity every surface
form, and marks the merged one ``merged_into``. What it moved and joined is kept
in an ``EntityMerge`` node, so an unmerge restores both entities and their
relationships exactly. Loads that name the merged entity afterwards resolve to
the kept one (kb/store/write.py). "Not the same" is a ``MergeCandidate`` with
status ``distinct``, which the loader never reopens. Each decision is logged in
the same transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from neo4j.time import Date, DateTime

from kb.errors import InvalidInput, NotFound
from kb.model.graph import model
from kb.model.identity import make_id
from kb.store.audit_log import RECORD, event_params
from kb.store.retract import Steps
from kb.store.values import plain

ENTITY = """
CALL () {
  MATCH (x:Person {id: $id}) RETURN x UNION MATCH (x:Organisation {id: $id}) RETURN x
}
RETURN x.id AS id, x.name AS name, [l IN labels(x) WHERE l IN $labels][0] AS label,
       x.merged_into AS merged_into, x.aliases AS aliases
"""

CANDIDATE = "OPTIONAL MATCH (m:MergeCandidate {id: $id}) RETURN m.status AS status"


def _entity_rels(label: str) -> str:
    model().node(label)
    return f"""
MATCH (b:{label} {{id: $merged}})-[r]-(o) WHERE type(r) IN $cited
RETURN r.id AS id, type(r) AS type, startNode(r) = b AS out, o.id AS other,
       [l IN labels(o) WHERE l IN $labels] AS other_labels, properties(r) AS props,
       COLLECT {{ MATCH (k:{label} {{id: $kept}})-[x]-(o) WHERE type(x) = type(r)
                  AND (startNode(x) = k) = (startNode(r) = b) RETURN x.id }}[0] AS existing,
       COLLECT {{ MATCH (k:{label} {{id: $kept}})-[x]-(o) WHERE type(x) = type(r)
                  AND (startNode(x) = k) = (startNode(r) = b)
                  RETURN x.citation_ids }}[0] AS existing_citations
"""


@cache
def _delete_rels() -> str:
    types = model().cited_types
    blocks = [f"CALL () {{ UNWIND coalesce($ids.{t}, []) AS rid "
              f"MATCH ()-[r:{t} {{id: rid}}]->() DELETE r RETURN count(*) AS d_{t} }}"
              for t in types]
    return "\n".join(blocks) + "\nRETURN " + " + ".join(f"d_{t}" for t in types) + " AS n"


@cache
def _create_rels() -> str:
    """Create relationships with given properties, one subquery per (type, start, end)."""
    graph = model()
    blocks, outs = [], []
    for t in graph.cited_types:
        for start, end in graph.rel(t).endpoints:
            key = f"{t}_{start}_{end}"
            outs.append(f"c_{key}")
            blocks.append(
                f"CALL () {{ UNWIND coalesce($rows.{key}, []) AS m "
                f"MATCH (a:{start} {{id: m.start}}) MATCH (b:{end} {{id: m.end}}) "
                f"CREATE (a)-[n:{t}]->(b) SET n = m.props RETURN count(n) AS c_{key} }}")
    return "\n".join(blocks) + "\nRETURN " + " + ".join(outs) + " AS n"


@cache
def _set_citations() -> str:
    types = model().cited_types
    blocks = [f"CALL () {{ UNWIND coalesce($rows.{t}, []) AS m "
              f"MATCH ()-[x:{t} {{id: m.id}}]->() SET x.citation_ids = m.citation_ids "
              f"RETURN count(x) AS s_{t} }}" for t in types]
    return "\n".join(blocks) + "\nRETURN " + " + ".join(f"s_{t}" for t in types) + " AS n"


@cache
def _read_rels() -> str:
    branches = [f"MATCH (a)-[r:{t} {{id: rid}}]->(b) RETURN r, a, b"
                for t in model().cited_types]
    return ("UNWIND $ids AS rid CALL (rid) {\n  " + "\n  UNION\n  ".join(branches) + "\n}\n"
            "RETURN r.id AS id, type(r) AS type, properties(r) AS props")


def _endpoint_label(rel_type: str, labels: list[str], start: bool, fixed: str) -> str:
    """The model's label for the other end of ``rel_type`` among a node's labels."""
    for a, b in model().rel(rel_type).endpoints:
        mine, other = (b, a) if start else (a, b)
        if mine == fixed and other in labels:
            return other
    raise InvalidInput(f"{rel_type} cannot join {fixed} and {'/'.join(labels)}")


@dataclass
class MergeResult:
    merge_id: str
    kept: dict[str, Any]
    merged: dict[str, Any]
    moved: list[str] = field(default_factory=list)
    joined: list[str] = field(default_factory=list)


def _find(entity_id: str, where: str) -> Steps[dict[str, Any]]:
    rows = yield ENTITY, {"id": entity_id, "labels": model().entity_labels}
    if not rows:
        raise NotFound(f"{where}: no person or organisation with id {entity_id!r}")
    return rows[0]


def candidate_id(a: str, b: str) -> str:
    left, right = sorted([a, b])
    return make_id("mrg", left, right)


def candidate_pair_steps(candidate: str) -> Steps[tuple[str, str]]:
    """The two entities of a merge candidate."""
    rows = yield ("MATCH (m:MergeCandidate {id: $id}) RETURN m.left_id AS l, m.right_id AS r",
                  {"id": candidate})
    if not rows:
        raise NotFound(f"no merge candidate {candidate!r}")
    return str(rows[0]["l"]), str(rows[0]["r"])


def resolve_steps(candidate: str, same: bool, reason: str, *, actor: str,
                  role: str) -> Steps[tuple[str, str]]:
    """Resolve a merge candidate either way: ``same`` merges its right entity into its left,
    otherwise they are marked distinct. One transaction; returns (left, right)."""
    left, right = yield from candidate_pair_steps(candidate)
    if same:
        yield from merge_steps(left, right, reason, actor=actor, role=role)
    else:
        yield from distinct_steps(left, right, reason, actor=actor, role=role)
    return left, right


def merge_steps(kept_id: str, merged_id: str, reason: str, *, actor: str,
                role: str) -> Steps[MergeResult]:
    if not reason.strip():
        raise InvalidInput("a merge needs a reason", field="reason")
    if kept_id == merged_id:
        raise InvalidInput("an entity cannot be merged into itself", field="merge")
    kept = yield from _find(kept_id, "keep")
    merged = yield from _find(merged_id, "merge")
    if kept["label"] != merged["label"]:
        raise InvalidInput(f"a {merged['label']} cannot be merged into a {kept['label']}")
    for side in (kept, merged):
        if side["merged_into"]:
            raise InvalidInput(f"{side['name']} ({side['id']}) is already merged into "
                               f"{side['merged_into']}; unmerge it first")
    cand = candidate_id(kept_id, merged_id)
    status = (yield CANDIDATE, {"id": cand})[0]["status"]
    if status == "distinct":
        raise InvalidInput(f"{kept['name']} and {merged['name']} were judged distinct "
                           f"(merge candidate {cand}); they are not merged")
    label = kept["label"]
    rels = yield _entity_rels(label), {"merged": merged_id, "kept": kept_id,
                                       "cited": model().cited_types,
                                       "labels": list(model().nodes)}
    deletes: dict[str, list[str]] = {}
    creates: dict[str, list[dict[str, Any]]] = {}
    joins: dict[str, list[dict[str, Any]]] = {}
    moved, joined = [], []
    for rel in rels:
        deletes.setdefault(rel["type"], []).append(rel["id"])
        other = _endpoint_label(rel["type"], rel["other_labels"], not rel["out"], label)
        if rel["existing"]:
            current = list(rel["existing_citations"] or [])
            added = [c for c in rel["props"].get("citation_ids", []) if c not in current]
            joins.setdefault(rel["type"], []).append(
                {"id": rel["existing"], "citation_ids": current + added})
            joined.append({"id": rel["id"], "type": rel["type"], "into": rel["existing"],
                           "added": added, "out": rel["out"], "other": rel["other"],
                           "other_label": other, "props": _encode(rel["props"])})
            continue
        start, end = (kept_id, rel["other"]) if rel["out"] else (rel["other"], kept_id)
        key = (f"{rel['type']}_{label}_{other}" if rel["out"]
               else f"{rel['type']}_{other}_{label}")
        creates.setdefault(key, []).append({"start": start, "end": end, "props": rel["props"]})
        moved.append({"id": rel["id"], "type": rel["type"], "out": rel["out"],
                      "other": rel["other"], "other_label": other})
    yield _delete_rels(), {"ids": deletes}
    yield _create_rels(), {"rows": creates}
    yield _set_citations(), {"rows": joins}
    now = dt.datetime.now(dt.UTC)
    merge_id = make_id("emg", kept_id, merged_id, now.isoformat())
    aliases = sorted({*kept["aliases"], *merged["aliases"], merged["name"]})
    record = {"moved": moved, "joined": joined, "kept_aliases": kept["aliases"],
              "candidate": cand, "candidate_status": status}
    yield """
MATCH (k {id: $kept}) WHERE k:Person OR k:Organisation
MATCH (m {id: $merged}) WHERE m:Person OR m:Organisation
SET k.aliases = $aliases, m.merged_into = $kept
WITH k, m
OPTIONAL MATCH (c:MergeCandidate {id: $cand})
SET c.status = 'merged', c.decided_by = $actor, c.decided_at = $now,
    c.decision_reason = $reason
CREATE (e:EntityMerge {id: $id, kept_id: $kept, merged_id: $merged, reason: $reason,
                       actor: $actor, at: $now, record: $record})
""", {"kept": kept_id, "merged": merged_id, "aliases": aliases, "cand": cand, "actor": actor,
      "now": now, "reason": reason, "id": merge_id, "record": json.dumps(record)}
    result = MergeResult(merge_id, kept, merged, [m["id"] for m in moved],
                         [j["id"] for j in joined])
    yield RECORD, event_params(
        actor=actor, role=role, action="mergeEntities", entity_ids=[kept_id, merged_id],
        before_ids=[merged_id], after_ids=[merge_id, *result.moved, *result.joined],
        input={"keep": kept_id, "merge": merged_id, "reason": reason})
    return result


def unmerge_steps(merged_id: str, reason: str, *, actor: str, role: str) -> Steps[MergeResult]:
    """Undo the latest merge of ``merged_id``: both entities and their relationships as
    they were (relationships cited since keep their new citations)."""
    if not reason.strip():
        raise InvalidInput("an unmerge needs a reason", field="reason")
    rows = yield """
MATCH (e:EntityMerge {merged_id: $merged}) WHERE e.undone_at IS NULL
RETURN e.id AS id, e.kept_id AS kept, e.record AS record ORDER BY e.at DESC LIMIT 1
""", {"merged": merged_id}
    if not rows:
        raise NotFound(f"{merged_id!r} is not merged into anything")
    merge_id, kept_id, record = rows[0]["id"], rows[0]["kept"], json.loads(rows[0]["record"])
    kept = yield from _find(kept_id, "kept")
    merged = yield from _find(merged_id, "merged")
    label = merged["label"]
    current = {r["id"]: r for r in (yield _read_rels(), {"ids": [m["id"] for m in
                                                                 record["moved"]]})}
    deletes: dict[str, list[str]] = {}
    creates: dict[str, list[dict[str, Any]]] = {}
    joins: dict[str, list[dict[str, Any]]] = {}
    for m in record["moved"]:
        if m["id"] not in current:
            continue  # nothing to restore
        deletes.setdefault(m["type"], []).append(m["id"])
        _restore(creates, m, label, merged_id, current[m["id"]]["props"])
    into = {r["id"]: r for r in (yield _read_rels(), {"ids": [j["into"] for j in
                                                              record["joined"]]})}
    for j in record["joined"]:
        _restore(creates, j, label, merged_id, _decode(j["type"], j["props"]))
        if j["into"] in into:
            cits = into[j["into"]]["props"].get("citation_ids", [])
            joins.setdefault(j["type"], []).append(
                {"id": j["into"], "citation_ids": [c for c in cits if c not in j["added"]]})
    yield _delete_rels(), {"ids": deletes}
    yield _create_rels(), {"rows": creates}
    yield _set_citations(), {"rows": joins}
    now = dt.datetime.now(dt.UTC)
    yield """
MATCH (k {id: $kept}) WHERE k:Person OR k:Organisation
MATCH (m {id: $merged}) WHERE m:Person OR m:Organisation
SET k.aliases = $aliases REMOVE m.merged_into
WITH k, m
OPTIONAL MATCH (c:MergeCandidate {id: $cand})
SET c.status = coalesce($status, c.status), c.decided_by = null, c.decided_at = null,
    c.decision_reason = null
WITH k
MATCH (e:EntityMerge {id: $id}) SET e.undone_at = $now
""", {"kept": kept_id, "merged": merged_id, "aliases": record["kept_aliases"],
      "cand": record["candidate"], "status": record["candidate_status"], "id": merge_id,
      "now": now}
    result = MergeResult(merge_id, kept, merged, [m["id"] for m in record["moved"]],
                         [j["id"] for j in record["joined"]])
    yield RECORD, event_params(
        actor=actor, role=role, action="unmergeEntities", entity_ids=[kept_id, merged_id],
        before_ids=[merge_id], after_ids=[*result.moved, *result.joined],
        input={"merged": merged_id, "kept": kept_id, "merge": merge_id, "reason": reason})
    return result


def distinct_steps(left_id: str, right_id: str, reason: str, *, actor: str,
                   role: str) -> Steps[str]:
    """Record that two entities are not the same: never proposed as a merge again."""
    if not reason.strip():
        raise InvalidInput("a judgement needs a reason", field="reason")
    if left_id == right_id:
        raise InvalidInput("an entity is always the same as itself", field="right")
    left = yield from _find(left_id, "left")
    right = yield from _find(right_id, "right")
    for side in (left, right):
        if side["merged_into"] in (left_id, right_id):
            raise InvalidInput(f"{side['name']} is merged into the other; unmerge it first")
    cand = candidate_id(left_id, right_id)
    a, b = sorted([left_id, right_id])
    yield """
MERGE (c:MergeCandidate {id: $id})
ON CREATE SET c.left_id = $a, c.right_id = $b, c.reason = $reason
SET c.status = 'distinct', c.decided_by = $actor, c.decided_at = $now,
    c.decision_reason = $reason
""", {"id": cand, "a": a, "b": b, "reason": reason, "actor": actor,
      "now": dt.datetime.now(dt.UTC)}
    yield RECORD, event_params(
        actor=actor, role=role, action="markDistinct", entity_ids=[left_id, right_id],
        before_ids=[], after_ids=[cand], input={"left": left_id, "right": right_id,
                                                "reason": reason})
    return cand


def _restore(creates: dict[str, list[dict[str, Any]]], rel: dict[str, Any], label: str,
             merged_id: str, props: dict[str, Any]) -> None:
    other = rel["other_label"]
    if rel["out"]:
        key, start, end = f"{rel['type']}_{label}_{other}", merged_id, rel["other"]
    else:
        key, start, end = f"{rel['type']}_{other}_{label}", rel["other"], merged_id
    creates.setdefault(key, []).append({"start": start, "end": end, "props": props})


def _encode(props: dict[str, Any]) -> dict[str, Any]:
    return plain(props)  # type: ignore[no-any-return]


def _decode(rel_type: str, props: dict[str, Any]) -> dict[str, Any]:
    """Dates and times back to their types (the model says which), so reads compare them."""
    spec = model().rel(rel_type).properties
    out = dict(props)
    for name, value in props.items():
        kind = spec[name].type if name in spec else None
        if isinstance(value, str) and kind == "date":
            out[name] = Date.from_iso_format(value)
        elif isinstance(value, str) and kind == "datetime":
            out[name] = DateTime.from_iso_format(value)
    return out
