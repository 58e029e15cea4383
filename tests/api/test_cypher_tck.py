"""The compiler's translations, as text: GraphQL in, the exact Cypher and parameters out.

Each ``## case`` of a file in tests/api/tck/ pairs a GraphQL document with the one
statement (and its parameters) the API must send for it, as the Neo4j GraphQL
library's tests/tck do. The document runs through the real schema and resolvers;
only the database is replaced by a recorder, so no server is needed and a change
to the compiler shows as a diff in text. After a deliberate change, rewrite the
expected blocks with ``KB_TCK_UPDATE=1 pytest tests/api/test_cypher_tck.py`` and
read the diff.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from strawberry.utils.str_converters import to_camel_case

from kb.api.context import Context
from kb.api.cypher.spec import CONNECTIONS
from kb.api.schema import build_schema
from kb.settings import Settings

TCK = Path(__file__).parent / "tck"
UPDATE = os.environ.get("KB_TCK_UPDATE") == "1"
_BLOCK = re.compile(r"```(\w+)\n(.*?)\n```", re.S)


@dataclass
class Case:
    path: Path
    title: str
    graphql: str
    cypher: str | None
    params: str | None


def cases() -> list[Case]:
    found = []
    for path in sorted(TCK.glob("*.md")):
        for section in path.read_text().split("\n## ")[1:]:
            title, _, body = section.partition("\n")
            blocks = {lang: text for lang, text in _BLOCK.findall(body)}
            found.append(Case(path, title.strip(), blocks["graphql"], blocks.get("cypher"),
                              blocks.get("params")))
    return found


@dataclass
class RecordingDb:
    """Stands where the database would: keeps each statement, answers with nothing."""

    statements: int = 0
    sent: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    async def read(self, query: str, params: dict[str, Any], *,
                   raw: bool = False) -> list[dict[str, Any]]:
        self.statements += 1
        self.sent.append((query, params))
        return []

    async def read_one(self, query: str, params: dict[str, Any], *,
                       raw: bool = False) -> dict[str, Any] | None:
        await self.read(query, params, raw=raw)
        return None


SCHEMA = build_schema()
SETTINGS = Settings(KB_ANONYMOUS_READ=True)


def translate(document: str) -> tuple[str, str]:
    """The one statement a read document sends, and its parameters as JSON."""
    db = RecordingDb()
    context = Context(None, db, SETTINGS, None)  # type: ignore[arg-type]
    result = asyncio.run(SCHEMA.execute(document, context_value=context))
    assert not result.errors, result.errors
    assert len(db.sent) == 1, f"{len(db.sent)} statements for one document"
    text, params = db.sent[0]
    return text, json.dumps(params, indent=2, sort_keys=True, default=str)


def _rewrite(case: Case, cypher: str, params: str) -> None:
    """Replace the case's expected blocks, keeping its prose and its document."""
    text = case.path.read_text()
    head = f"\n## {case.title}\n"
    start = text.index(head) + len(head)
    end = text.find("\n## ", start)
    end = len(text) if end < 0 else end
    body = text[start:end]
    prose = body[:body.index("```graphql")]
    section = (f"{prose}```graphql\n{case.graphql}\n```\n\n```cypher\n{cypher}\n```\n\n"
               f"```params\n{params}\n```\n")
    case.path.write_text(text[:start] + section + text[end:])


CASES = cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{c.path.stem}: {c.title}" for c in CASES])
def test_the_document_compiles_to_the_recorded_statement(case: Case) -> None:
    cypher, params = translate(case.graphql)
    if UPDATE and (case.cypher != cypher or case.params != params):
        _rewrite(case, cypher, params)
        return
    assert case.cypher is not None, "no ```cypher block (KB_TCK_UPDATE=1 writes it)"
    assert cypher == case.cypher
    assert json.loads(params) == json.loads(case.params or "null")


def test_every_connection_the_model_declares_has_a_recorded_translation() -> None:
    documents = "\n".join(c.graphql for c in CASES)
    missing = [f"{holder}.{to_camel_case(name)}" for holder, conns in CONNECTIONS.items()
               for name in conns if not re.search(rf"\b{to_camel_case(name)}\b", documents)]
    assert not missing, f"no case in tests/api/tck/ compiles {missing}"


def test_a_statement_is_built_from_parameters_never_from_input() -> None:
    hostile = "x' }) DETACH DELETE n //"
    cypher, params = translate('{ allegations(filter: {status: "' + hostile + '", category: "'
                               + hostile + '"}) { totalCount } }')
    assert hostile not in cypher
    assert hostile in json.loads(params).values()
