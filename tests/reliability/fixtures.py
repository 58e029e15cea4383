"""Fictional reports for the reliability tests, written as files the way a user would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

TEXT = (
    "Lena Varga, a former producer at Copperline Studios, has accused the studio's founder, "
    "Harold Mint, of threatening her career. Mint denied the claim in a statement."
)
URL = "https://ledger.example.org/news/copperline-mint"


def report(**over: Any) -> dict[str, Any]:
    """A small valid report; ``over`` replaces top-level keys."""
    base: dict[str, Any] = {
        "publication": {"title": "Copperline founder accused", "outlet": "Example Ledger",
                        "url": URL, "published": "2025-03-02", "text": TEXT},
        "people": ["Lena Varga", {"name": "Harold Mint", "aliases": ["Mint"]}],
        "organisations": ["Copperline Studios"],
        "allegations": [{"accuser": "Lena Varga", "accused": "Harold Mint",
                         "summary": "threatened her career", "categories": ["abuse"],
                         "quote": "has accused the studio's founder, Harold Mint, of "
                                  "threatening her career"}],
        "denials": [{"denier": "Harold Mint", "quote": "Mint denied the claim"}],
    }
    base.update(over)
    return base


def write_json(folder: Path, name: str, data: Any) -> Path:
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
