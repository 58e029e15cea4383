"""FollowTheMoney entities (JSON lines, as `ftm`, Aleph and OpenSanctions write them) in.

Only people and organisations come in, with their aliases, as entities: FtM links, documents
and interests carry no quote kb could verify, so they are never turned into claims. Every line
is parsed and checked with the ``followthemoney`` library before anything is written.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kb.errors import InvalidInput
from kb.model.plan import EntityRef

NAME_PROPS = ("name",)
ALIAS_PROPS = ("alias", "weakAlias", "previousName")


@dataclass
class FtmEntities:
    refs: list[EntityRef] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)  # schema -> entities not taken


def _label(schema: object) -> str | None:
    if schema.is_a("Person"):  # type: ignore[attr-defined]
        return "Person"
    if schema.is_a("Organization") or schema.name == "LegalEntity":  # type: ignore[attr-defined]
        return "Organisation"
    return None


def read_ftm(path: Path) -> FtmEntities:
    """People and organisations of an FtM file; a bad line fails the file, naming the line."""
    from followthemoney import model
    from followthemoney.exc import FollowTheMoneyException

    out = FtmEntities()
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read ({exc.strerror or exc})") from None
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path.name} line {number}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InvalidInput(f"{where}: not JSON ({exc.msg})") from None
            except UnicodeDecodeError:
                raise InvalidInput(f"{where}: not UTF-8") from None
            if not isinstance(data, dict) or not data.get("schema"):
                raise InvalidInput(f"{where}: not an FtM entity (no schema)")
            try:
                proxy = model.get_proxy(data, cleaned=False)
            except (FollowTheMoneyException, TypeError, ValueError) as exc:
                raise InvalidInput(f"{where}: not a valid FtM entity ({exc})") from None
            label = _label(proxy.schema)
            names = [n for p in NAME_PROPS for n in proxy.get(p)] if label else []
            if not names:
                out.skipped[proxy.schema.name] += 1
                continue
            aliases = [a for p in ALIAS_PROPS for a in proxy.get(p)] + names[1:]
            description = next(iter(proxy.get("description")), None)
            out.refs.append(EntityRef(label, names[0], sorted(set(aliases)), description))
    return out
