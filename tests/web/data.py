"""Fictional reports for the browser tests: hostile text, and a 200-node hub."""

from __future__ import annotations

from typing import Any

EVIL_NAME = "<script>window.pwned = 1</script>Mallory Vance"
EVIL_QUOTE = "<img src=x onerror=\"window.pwned = 2\"> said Mallory Vance"


def hostile_report() -> dict[str, Any]:
    """A name and a quote that would run script if a page parsed them as HTML."""
    text = (f"{EVIL_NAME} accused Trent Oakes of forging invoices, the Gazette reports. "
            f"\"Nothing of the sort\" {EVIL_QUOTE}, speaking for Oakes.")
    return {
        "publication": {"title": "<b>Invoices</b> & <i>denials</i>", "outlet": "The Quarry Gazette",
                        "url": "https://quarry.example.org/invoices", "published": "2024-02-02",
                        "text": text},
        "people": [EVIL_NAME, "Trent Oakes"],
        "allegations": [{"accuser": EVIL_NAME, "accused": "Trent Oakes",
                         "summary": "forging invoices <script>alert(1)</script>",
                         "quote": f"{EVIL_NAME} accused Trent Oakes of forging invoices"}],
    }


RETRACTED_TITLE = "Harbour pilot accused of falsifying logs"


def retracted_report() -> dict[str, Any]:
    """A report the tests retract."""
    text = "Wren Halloway accused Basil Crane of falsifying pilot logs, the Signal reported."
    return {
        "publication": {"title": RETRACTED_TITLE, "outlet": "The Estuary Signal",
                        "published": "2022-09-09", "text": text},
        "people": ["Wren Halloway", "Basil Crane"],
        "allegations": [{"accuser": "Wren Halloway", "accused": "Basil Crane",
                         "summary": "falsifying pilot logs",
                         "quote": "Wren Halloway accused Basil Crane of falsifying pilot logs"}],
    }


def ambiguous_reports() -> list[dict[str, Any]]:
    """Two Marrows, then a bare "Marrow" in another report: a merge candidate to judge."""
    first = "Quill Marrow and Ivo Marrow run the Tidewater Ferry Company."
    second = "Marrow accused the harbour board of rigging the ferry tender."
    return [{
        "publication": {"title": "Ferry owners", "outlet": "The Estuary Signal",
                        "published": "2022-10-09", "text": first},
        "people": ["Quill Marrow", "Ivo Marrow"],
        "organisations": ["Tidewater Ferry Company"],
        "relations": [{"kind": "affiliation", "person": name,
                       "organisation": "Tidewater Ferry Company", "role": "owner",
                       "quote": first} for name in ("Quill Marrow", "Ivo Marrow")],
    }, {
        "publication": {"title": "Ferry tender row", "outlet": "The Estuary Signal",
                        "published": "2022-10-10", "text": second},
        "people": ["Marrow"],
        "organisations": ["the harbour board"],
        "allegations": [{"accuser": "Marrow", "accused": "the harbour board",
                         "summary": "rigging the ferry tender",
                         "quote": "Marrow accused the harbour board of rigging the ferry tender"}],
    }]


CORRECTED_TITLE = "Lighthouse keeper named in fuel theft"


def corrected_report() -> dict[str, Any]:
    """A report whose publication the tests correct (the accusation sentence withdrawn)."""
    text = "Oona Vell accused Tam Brisk of stealing lamp fuel. The lighthouse reopens in May."
    return {
        "publication": {"title": CORRECTED_TITLE, "outlet": "The Cape Lantern",
                        "published": "2021-03-03", "text": text},
        "people": ["Oona Vell", "Tam Brisk"],
        "allegations": [{"accuser": "Oona Vell", "accused": "Tam Brisk",
                         "summary": "stealing lamp fuel",
                         "quote": "Oona Vell accused Tam Brisk of stealing lamp fuel"}],
    }


FIRST = ["Ada", "Bram", "Cleo", "Dov", "Edda", "Finn", "Gus", "Hale", "Ines", "Joss", "Kit",
         "Lior", "Mina", "Nils", "Odile", "Pim", "Quin", "Rhea", "Sol", "Tove"]
LAST = ["Ardent", "Birchall", "Corvey", "Dunmore", "Elstob", "Fenwick", "Gorse", "Hatherly",
        "Ibbott", "Jessop"]
HUB = "Northwind Cooperative"


def hub_report(members: int) -> dict[str, Any]:
    """One organisation with ``members`` affiliated people: a network of members + 1 nodes."""
    names = [f"{f} {last}" for last in LAST for f in FIRST][:members]
    sentences = [f"{name} works for {HUB} as member {i}." for i, name in enumerate(names)]
    return {
        "publication": {"title": "Who works at Northwind", "outlet": "The Fjord Register",
                        "url": "https://fjord.example.org/northwind", "published": "2023-06-01",
                        "text": " ".join(sentences)},
        "people": names,
        "organisations": [HUB],
        "relations": [{"kind": "affiliation", "person": name, "organisation": HUB,
                       "role": "member", "quote": s[:-1]} for name, s in zip(names, sentences,
                                                                        strict=True)],
    }
