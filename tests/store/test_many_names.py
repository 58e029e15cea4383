"""Many names in one report: linear bare-surname folding, a cap, and an API that stays responsive.

All names are invented for these tests.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
import pytest

import kb.model.plan as plan_module
from kb.errors import InvalidReport
from kb.model.plan import collect_entities
from kb.model.report import MAX_NAMES
from loaders.reports import parse_report
from tests.api_helpers import Api, codes, token
from tests.conftest import Graph

SYLLABLES = ["ka", "lo", "mi", "ne", "pu", "ro", "sa", "ti", "vu", "ze"]


def word(i: int) -> str:
    out = ""
    for _ in range(4):
        i, d = divmod(i, len(SYLLABLES))
        out += SYLLABLES[d]
    return out.capitalize()


def many_names(full: int, bare: int) -> dict[str, Any]:
    """``full`` people with full names, and ``bare`` surnames, each fitting one of them."""
    people = [f"Orla {word(i)}" for i in range(full)] + [word(i) for i in range(bare)]
    text = "Names: " + ", ".join(people) + "."
    return {"publication": {"title": "Roll", "outlet": "The Quillmere Post",
                            "url": "https://quillmere.example.org/roll", "text": text},
            "people": people}


def test_bare_surnames_fold_into_full_names_in_linear_work(monkeypatch: Any) -> None:
    calls = 0
    real = plan_module.name_key

    def counting(label: str, name: str) -> str:
        nonlocal calls
        calls += 1
        return real(label, name)

    monkeypatch.setattr(plan_module, "name_key", counting)
    report, _ = parse_report(many_names(500, 490))
    refs = collect_entities(report)
    assert len(refs) == 500  # every bare surname joined the one full name it fits
    assert all(f"{r.name.split()[1]}" in r.aliases for r in refs[:490])
    # Each name's key is computed a few times, not once per pair of names (~250,000).
    assert calls < 10 * 990


def test_a_report_with_too_many_names_is_refused_by_name(graph: Graph) -> None:
    with pytest.raises(InvalidReport) as err:
        parse_report(many_names(MAX_NAMES // 2 + 1, MAX_NAMES // 2 + 1))
    assert f"at most {MAX_NAMES:,}" in err.value.message
    assert err.value.message.startswith("people and organisations name")


INGEST = "mutation ($r: JSON!) { ingestReport(report: $r) { created } }"


def test_ingest_report_refuses_too_many_names_and_writes_nothing(
        graph: Graph, dev_api: Api) -> None:
    editor = token(graph, "editor")
    body = dev_api.post(INGEST, {"r": many_names(MAX_NAMES, 10)}, token=editor)
    assert codes(body) == ["INVALID_REPORT"]
    assert f"at most {MAX_NAMES:,}" in body["errors"][0]["message"]
    assert graph.query("MATCH (n:Person) RETURN count(n) AS c")[0]["c"] == 0


def test_a_large_ingest_report_does_not_stall_other_requests(graph: Graph, dev_api: Api) -> None:
    """While a report of the largest size allowed is checked and written, /healthz answers:
    the CPU work runs off the event loop, so no request waits for all of it."""
    editor = token(graph, "editor")
    data = many_names(MAX_NAMES // 2, MAX_NAMES // 2)
    done: dict[str, Any] = {}

    def ingest() -> None:
        start = time.perf_counter()
        done["body"] = dev_api.post(INGEST, {"r": data}, token=editor)
        done["seconds"] = time.perf_counter() - start

    worker = threading.Thread(target=ingest)
    worker.start()
    waits: list[float] = []
    with httpx.Client(base_url=dev_api.url, timeout=60) as client:
        while worker.is_alive():
            start = time.perf_counter()
            assert client.get("/healthz").status_code == 200
            waits.append(time.perf_counter() - start)
            time.sleep(0.01)
    worker.join()
    assert not done["body"].get("errors"), done["body"]
    assert done["body"]["data"]["ingestReport"]["created"]["Person"] == MAX_NAMES // 2
    # Relative, not a timing threshold: no health check waited for most of the ingest.
    assert max(waits) < 0.5 * done["seconds"], (max(waits), done["seconds"])
