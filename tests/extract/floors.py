# ruff: noqa: E501  (one row a set reads as a table only on one line)
"""The floors under the extractor's scores: one row per gold set, checked by test_gold_sets.py.

Each cell is the minimum micro precision / recall / F1 that `kb eval` may report for that set
(claims under the 0.6 review threshold left out), then the minimum category accuracy and the
most wrong facts allowed. Every citation must be exact on every set (not a column: always 1.0).

How the floors were set. The extractor changes while these stand, so every floor sits under the
score reached, never at it: where no floor existed, 0.05 under the score measured when the row
was written, rounded down to a multiple of 0.05. Floors that existed before this table kept their
value (they were set the same way, some closer). Raise a floor when the extractor gets better;
lower one only on purpose, saying why in the commit.

The sets (examples/*/README.md tells each one's story):
- `articles`, `heldout`, `unseen`, `dev2` to `dev5`: development sets. `unseen` was the first
  test set; it became a development set once its errors had shaped rules. Organisations on
  `dev3` and `dev4` stay under the 0.70 target for real articles: their gold lists courts,
  platforms and restaurants the model misses.
- `blind-wire`, `blind-corporate`, `blind-counter`: written by writers who never saw the
  extractor, scored once ("first score" in the README), development sets since; their floors
  were raised under the scores the precision work reached.
- `final` and `blind-mixed`: the test sets nobody tunes on. These two rows only catch a
  regression. When one fails, find the cause on the development sets; never change a rule to
  fit these files (that would end their use as test sets).
- `corpus`: the real NBC article (KB_CORPUS_DIR, default ../shared/corpus).
"""

from __future__ import annotations

from typing import NamedTuple

PRF = tuple[float, float, float]  # minimum precision, recall, F1

CORPUS = "corpus"  # the real articles (the `corpus_dir` fixture), not a folder of examples/


class Floors(NamedTuple):
    people: PRF
    organisations: PRF
    pairs: PRF  # accuser -> accused
    deniers: PRF
    responses: PRF  # non-denial responses
    relations: PRF  # affiliation, association, action
    categories: float  # minimum share of extracted allegations with the right categories
    wrong_facts: int  # most allowed: reversed, outlet as accuser, accuser as denier, wrong link


FLOORS: dict[str, Floors] = {
    #                           people             organisations      pairs              deniers            responses          relations          categ. wrong
    "articles":        Floors((.95, .90, .97), (.95, .85, .92), (.95, .70, .75), (.95, .82, .85), (.95, .75, .80), (.85, .30, .50), .85, 0),
    "heldout":         Floors((.95, .90, .97), (.90, .90, .94), (.95, .45, .60), (.95, .80, .90), (.95, .75, .85), (.70, .10, .25), .80, 0),
    "unseen":          Floors((.90, .85, .90), (.70, .80, .75), (.90, .60, .75), (.90, .60, .70), (.95, .50, .65), (.70, .15, .30), .65, 0),
    "dev2":            Floors((.85, .90, .90), (.70, .65, .70), (.90, .65, .80), (.80, .65, .80), (.65, .50, .55), (.90, .25, .45), .85, 0),
    "dev3":            Floors((.85, .90, .90), (.55, .70, .55), (.85, .60, .75), (.90, .70, .85), (.55, .45, .50), (.65, .15, .30), .75, 0),
    "dev4":            Floors((.85, .90, .90), (.55, .75, .65), (.90, .65, .80), (.85, .80, .85), (.40, .55, .45), (.75, .20, .35), .70, 0),
    "dev5":            Floors((.90, .90, .90), (.75, .75, .75), (.90, .70, .80), (.90, .75, .85), (.65, .80, .70), (.55, .25, .40), .85, 0),
    "final":           Floors((.85, .90, .90), (.65, .70, .65), (.85, .45, .60), (.85, .80, .85), (.50, .55, .55), (.75, .20, .35), .90, 0),
    "blind-wire":      Floors((.90, .90, .90), (.85, .90, .85), (.85, .40, .55), (.95, .50, .65), (.55, .95, .70), (.70, .20, .35), .85, 0),
    "blind-corporate": Floors((.85, .90, .85), (.80, .70, .75), (.75, .30, .45), (.95, .30, .45), (.30, .25, .25), (.80, .20, .35), .85, 0),
    "blind-counter":   Floors((.90, .85, .85), (.60, .75, .70), (.80, .30, .45), (.95, .30, .45), (.95, .95, .95), (.75, .30, .45), .85, 0),
    "blind-mixed":     Floors((.90, .90, .90), (.80, .80, .80), (.55, .20, .30), (.80, .35, .50), (.25, .35, .30), (.75, .15, .30), .45, 0),
    CORPUS:            Floors((.95, .95, .95), (.95, .95, .95), (.95, .95, .95), (.95, .95, .95), (.95, .95, .95), (.95, .45, .60), .95, 0),
}


def misses(micro: dict, floors: Floors) -> list[str]:
    """Every way `kb eval`'s micro scores fall under a row, one line each (empty: all hold)."""
    out = []
    for category in ("people", "organisations", "pairs", "deniers", "responses", "relations"):
        for measure, floor in zip(("precision", "recall", "f1"), getattr(floors, category),
                                  strict=True):
            if micro[category][measure] < floor:
                out.append(f"{category} {measure} {micro[category][measure]:.3f} < {floor}")
    if micro["categories"]["accuracy"] < floors.categories:
        out.append(f"categories accuracy {micro['categories']['accuracy']:.3f} "
                   f"< {floors.categories}")
    if micro["wrong_facts"]["total"] > floors.wrong_facts:
        out.append(f"wrong facts {micro['wrong_facts']} > {floors.wrong_facts}")
    citations = micro["citations"]
    if not 0 < citations["cited"] == citations["valid"]:
        out.append(f"citations: {citations['valid']} of {citations['cited']} exact")
    return out
