"""Entity resolution: which nodes already in the graph a report's names are.

One read (``RESOLVE``) fetches the candidates for every name of one report or a
whole batch; ``Known`` holds them, plus the nodes a batch creates as it goes, so
a report sees what the reports before it in the same transaction wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kb.model.identity import make_id
from kb.model.plan import EntityRef, NodeRow, Plan, default_resolution

RESOLVE = """
CALL () { UNWIND $person_keys AS k MATCH (n:Person {name_key: k})
       RETURN collect([k, n.id, n.merged_into]) AS person_exact }
CALL () { UNWIND $surnames AS k MATCH (n:Person {surname_key: k})
       WHERE n.name_key <> k AND n.merged_into IS NULL
       RETURN collect([k, n.id]) AS person_surname }
CALL () { UNWIND $org_keys AS k MATCH (n:Organisation {name_key: k})
       RETURN collect([k, n.id, n.merged_into]) AS org_exact }
CALL () { UNWIND $pub_ids AS pid MATCH (p:Publication {id: pid})
       RETURN collect([pid, p.sha256]) AS pubs }
RETURN person_exact, person_surname, org_exact, pubs
"""

def resolve_params(refs: list[EntityRef], pub_ids: list[str]) -> dict[str, Any]:
    people = [r for r in refs if r.label == "Person"]
    return {
        "person_keys": sorted({r.key for r in people}),
        "surnames": sorted({r.key for r in people if len(r.key.split()) == 1}),
        "org_keys": sorted({r.key for r in refs if r.label == "Organisation"}),
        "pub_ids": sorted(set(pub_ids)),
    }


@dataclass
class Known:
    """What resolution sees: the graph's matching nodes, plus what a batch adds before."""

    exact: dict[tuple[str, str], str] = field(default_factory=dict)
    surname: dict[str, set[str]] = field(default_factory=dict)
    pub_sha: dict[str, str] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)
    # Entities merged into another (kb merge): their names land on the one kept.
    merged: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, record: Any) -> Known:
        known = cls()
        known.exact = {("Person", row[0]): row[1] for row in record["person_exact"]}
        known.exact.update({("Organisation", row[0]): row[1] for row in record["org_exact"]})
        known.merged = {row[1]: row[2] for key in ("person_exact", "org_exact")
                        for row in record[key] if len(row) > 2 and row[2]}
        for k, node_id in record["person_surname"]:
            known.surname.setdefault(k, set()).add(node_id)
        known.pub_sha = dict(record["pubs"])
        known.ids = set(known.exact.values())
        return known

    def add(self, plan: Plan) -> None:
        """The nodes a plan creates, as the graph will hold them once it is written."""
        self.pub_sha.setdefault(plan.publication.id, plan.publication.props["sha256"])
        for node in plan.nodes:
            if node.label not in ("Person", "Organisation") or node.id in self.ids:
                continue
            self.ids.add(node.id)
            key = node.props["name_key"]
            self.exact.setdefault((node.label, key), node.id)
            last = node.props.get("surname_key")
            if node.label == "Person" and last and last != key:
                self.surname.setdefault(last, set()).add(node.id)


def apply_resolution(
    refs: list[EntityRef], known: Known
) -> tuple[dict[str, tuple[str, str]], list[NodeRow]]:
    """Match the report's entities to nodes already in the graph.

    A full name matches its normalised key. A bare surname joins the one person
    it fits; when it fits several, it stays its own node and a merge candidate
    is recorded for each, because a wrong merge is worse than a missed one.
    """
    resolved = default_resolution(refs)
    candidates: list[NodeRow] = []
    for ref in refs:
        node_id = known.exact.get((ref.label, ref.key))
        fits = sorted(known.surname.get(ref.key, ())) if ref.label == "Person" else []
        if node_id is None and len(fits) == 1:
            node_id = fits[0]
        elif node_id is None and len(fits) > 1:
            for other in fits:
                left, right = sorted([ref.default_id, other])
                candidates.append(NodeRow("MergeCandidate", make_id("mrg", left, right), {
                    "left_id": left, "right_id": right, "status": "open",
                    "reason": f"the bare name {ref.name!r} fits more than one person",
                }))
        if node_id is not None:
            for name in (ref.name, *ref.aliases):
                resolved[name] = (ref.label, node_id)
    return resolved, candidates
