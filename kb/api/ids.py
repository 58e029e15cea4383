"""Relay global ids: base64 of ``Type:id``, so ``node(id:)`` knows where to look."""

from __future__ import annotations

import base64
import binascii

from kb.api.cypher.spec import ABSTRACT
from kb.errors import InvalidInput
from kb.model.identity import label_of_id

CONCRETE = set(ABSTRACT["Node"])


def encode_id(type_name: str, db_id: str) -> str:
    return base64.b64encode(f"{type_name}:{db_id}".encode()).decode()


def decode_id(global_id: str, *, allowed: tuple[str, ...] | None = None,
              field: str | None = None) -> tuple[str, str]:
    """(GraphQL type, database id) of a global id; refused when malformed or of the wrong type."""
    if label_of_id(global_id) is not None:
        raise InvalidInput(db_id_hint(global_id, field), field=field)
    try:
        text = base64.b64decode(global_id.encode(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidInput(f"not an id of this API: {global_id[:40]!r}", field=field) from None
    type_name, sep, db_id = text.partition(":")
    if not sep or type_name not in CONCRETE or not db_id:
        raise InvalidInput(f"not an id of this API: {global_id[:40]!r}", field=field)
    if allowed is not None:
        members = {t for a in allowed for t in ABSTRACT.get(a, (a,))}
        if type_name not in members:
            raise InvalidInput(f"{field or 'id'}: expected a {' or '.join(allowed)} id, "
                               f"got a {type_name} id", field=field)
    return type_name, db_id


def db_id_hint(db_id: str, field: str | None) -> str:
    """What to pass instead of a ``dbId``: its global id when the prefix names one type."""
    label = label_of_id(db_id)
    where = f"{field or 'id'}: {db_id!r} is a dbId (the id inside the graph); pass the " \
            "global id, the `id` field of the same node"
    if label in CONCRETE:
        return f'{where}: "{encode_id(str(label), db_id)}"'
    return f"{where} (`people`, `organisations`, `search` and `node` return it)"
