"""The sourced report: the one format through which everything enters the graph.

Its core is the shape of ``shared/corpus/*.gold.json`` plus a ``publication``
block. A curated report file, an editor's mutation and the article extractor
all produce this; the JSON Schema in ``schema/report.schema.json`` is derived
from these models.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from kb.errors import InvalidReport
from kb.model.identity import fold

MAX_TEXT_CHARS = 5_000_000
# A report is one article's worth of claims; past these it is a dump to split, and one
# transaction holding it would exhaust the database's transaction memory.
MAX_NAMES = 1_000  # names and aliases of people and organisations in one report
MAX_CLAIMS = 2_000


def _clean_name(name: str) -> str:
    """A name must be printable and must say something once normalised."""
    bad = None if name.isprintable() else next(
        (ch for ch in name if unicodedata.category(ch) in ("Cc", "Cs")), None)
    if bad is not None:
        raise ValueError(f"{name[:40]!r} contains the control character U+{ord(bad):04X}")
    if not fold(name):
        raise ValueError(f"{name[:40]!r} has no letters or digits to name anyone by")
    return name


NAME = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_clean_name)]
STATUSES = (
    "alleged", "denied", "admitted", "under_investigation", "settled", "charged",
    "convicted", "acquitted", "dismissed", "withdrawn", "retracted",
)
Status = Literal[
    "alleged", "denied", "admitted", "under_investigation", "settled", "charged",
    "convicted", "acquitted", "dismissed", "withdrawn", "retracted",
]
ResponseType = Literal["admission", "apology", "no_comment", "does_not_recall"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PublicationIn(Strict):
    title: str = Field(min_length=1, max_length=1000)
    outlet: str = Field(min_length=1, max_length=300)
    url: str | None = Field(default=None, max_length=2000)
    published: dt.date | None = None
    retrieved: dt.datetime | None = None
    authors: list[NAME] = Field(default_factory=list)
    text: str | None = Field(default=None, max_length=MAX_TEXT_CHARS)
    text_file: str | None = None
    language: str | None = None

    @model_validator(mode="after")
    def _one_text(self) -> PublicationIn:
        if (self.text is None) == (self.text_file is None):
            raise ValueError("give exactly one of `text` or `text_file`")
        if self.text is not None and not self.text.strip():
            raise ValueError("`text` is empty")
        return self


class EntityIn(Strict):
    name: NAME
    aliases: list[NAME] = Field(default_factory=list, max_length=100)
    description: str | None = Field(default=None, max_length=2000)


def _entity(value: object) -> object:
    return {"name": value} if isinstance(value, str) else value


class Cited(Strict):
    """A claim with its evidence: the exact quote, optionally its offsets."""

    quote: str = Field(min_length=1, max_length=5000)
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)
    alt_quotes: list[Annotated[str, Field(min_length=1, max_length=5000)]] = Field(
        default_factory=list
    )
    confidence: float = Field(default=1.0, ge=0, le=1)
    method: str | None = Field(default=None, max_length=200)


class AllegationIn(Cited):
    accuser: NAME | None = None
    accusers: list[NAME] = Field(default_factory=list)
    accuser_description: str | None = Field(default=None, max_length=500)
    accused: list[NAME] = Field(min_length=1)
    reported_by: list[NAME] = Field(default_factory=list)
    summary: str = Field(min_length=1, max_length=2000)
    categories: list[Annotated[str, Field(min_length=1, max_length=100)]] = Field(
        default_factory=list
    )
    status: Status = "alleged"

    @field_validator("accused", mode="before")
    @classmethod
    def _listify(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @property
    def all_accusers(self) -> list[str]:
        names = list(self.accusers)
        if self.accuser and self.accuser not in names:
            names.insert(0, self.accuser)
        return names

    @model_validator(mode="after")
    def _accused_is_not_accuser(self) -> AllegationIn:
        both = set(self.all_accusers) & set(self.accused)
        if both:
            raise ValueError(f"{sorted(both)[0]!r} cannot be both accuser and accused")
        return self


class Spoken(Cited):
    """A statement, possibly given through someone else (a spokesperson, a lawyer)."""

    via: NAME | None = None
    via_role: str | None = Field(default=None, max_length=300)


class DenialIn(Spoken):
    denier: NAME
    accused: NAME | None = None
    denies_allegation_by: NAME | None = None
    kind: Literal["full", "partial", "implicit"] = "full"
    summary: str = Field(default="", max_length=2000)


class ResponseIn(Spoken):
    responder: NAME
    type: ResponseType
    accused: NAME | None = None
    responds_to_allegation_by: NAME | None = None
    summary: str = Field(default="", max_length=2000)


class AffiliationIn(Cited):
    kind: Literal["affiliation"]
    person: NAME
    organisation: NAME | None
    organisation_description: str | None = None
    role: str | None = Field(default=None, max_length=300)
    detail: str | None = Field(default=None, max_length=500)


class AssociationIn(Cited):
    kind: Literal["association"]
    a: NAME
    b: NAME
    detail: str | None = Field(default=None, max_length=500)


class ActionIn(Cited):
    kind: Literal["action"]
    organisation: NAME
    person: NAME
    detail: str | None = Field(default=None, max_length=500)


RelationIn = Annotated[AffiliationIn | AssociationIn | ActionIn, Field(discriminator="kind")]


class Report(Strict):
    """A sourced report. Unknown keys are rejected by name."""

    publication: PublicationIn
    # The per-list bound only stops parsing early on absurd input; the count of names and
    # aliases below is the limit users meet, with its own message.
    people: list[EntityIn] = Field(default_factory=list, max_length=2 * MAX_NAMES)
    organisations: list[EntityIn] = Field(default_factory=list, max_length=2 * MAX_NAMES)
    allegations: list[AllegationIn] = Field(default_factory=list, max_length=MAX_CLAIMS)
    denials: list[DenialIn] = Field(default_factory=list, max_length=MAX_CLAIMS)
    responses: list[ResponseIn] = Field(default_factory=list, max_length=MAX_CLAIMS)
    non_denial_responses: list[ResponseIn] = Field(default_factory=list, max_length=MAX_CLAIMS)
    relations: list[RelationIn] = Field(default_factory=list, max_length=MAX_CLAIMS)

    @field_validator("people", "organisations", mode="before")
    @classmethod
    def _entities(cls, value: object) -> object:
        return [_entity(v) for v in value] if isinstance(value, list) else value

    @property
    def all_responses(self) -> list[ResponseIn]:
        return [*self.responses, *self.non_denial_responses]

    @model_validator(mode="after")
    def _not_too_many_names(self) -> Report:
        """A report names a bounded number of entities: resolution cost grows with them."""
        count = sum(1 + len(e.aliases) for e in [*self.people, *self.organisations])
        if count > MAX_NAMES:
            raise ValueError(f"people and organisations name {count} names and aliases; "
                             f"a report may name at most {MAX_NAMES:,}: split it")
        return self

    @model_validator(mode="after")
    def _names_are_listed(self) -> Report:
        """Every name a claim uses must be a listed person or organisation (or alias)."""
        people = _names(self.people)
        orgs = _names(self.organisations)
        anyone = people | orgs
        either = "people or organisations"
        uses: list[tuple[str, str | None, set[str], str]] = []
        for i, a in enumerate(self.allegations):
            for name in a.all_accusers:
                uses.append((f"allegations[{i}].accuser", name, anyone, either))
            for name in a.accused:
                uses.append((f"allegations[{i}].accused", name, anyone, either))
            for name in a.reported_by:
                uses.append((f"allegations[{i}].reported_by", name, orgs, "organisations"))
        for i, d in enumerate(self.denials):
            uses.append((f"denials[{i}].denier", d.denier, anyone, either))
            uses.append((f"denials[{i}].via", d.via, anyone, either))
            uses.append((f"denials[{i}].accused", d.accused, anyone, either))
            uses.append((f"denials[{i}].denies_allegation_by", d.denies_allegation_by, anyone,
                         either))
        for i, r in enumerate(self.all_responses):
            uses.append((f"responses[{i}].responder", r.responder, anyone, either))
            uses.append((f"responses[{i}].via", r.via, anyone, either))
            uses.append((f"responses[{i}].accused", r.accused, anyone, either))
        for i, rel in enumerate(self.relations):
            if isinstance(rel, AffiliationIn):
                uses.append((f"relations[{i}].person", rel.person, people, "people"))
                uses.append((f"relations[{i}].organisation", rel.organisation, orgs,
                             "organisations"))
            elif isinstance(rel, AssociationIn):
                uses.append((f"relations[{i}].a", rel.a, people, "people"))
                uses.append((f"relations[{i}].b", rel.b, people, "people"))
            else:
                uses.append((f"relations[{i}].organisation", rel.organisation, orgs,
                             "organisations"))
                uses.append((f"relations[{i}].person", rel.person, people, "people"))
        for where, used, listed, kind in uses:
            if used is not None and used not in listed:
                raise ValueError(f"{where}: {used!r} is not listed in {kind}")
        return self


def _names(entities: list[EntityIn]) -> set[str]:
    out: set[str] = set()
    for e in entities:
        out.add(e.name)
        out.update(e.aliases)
    return out


# -- validating a report object ---------------------------------------------------------


def describe(exc: ValidationError) -> str:
    """One line naming the field (or unknown keys) and what is wrong with it."""
    errors = exc.errors()
    unknown = [_loc(e["loc"]) for e in errors if e["type"] == "extra_forbidden"]
    if unknown:
        return "unknown key" + ("s" if len(unknown) > 1 else "") + ": " + ", ".join(unknown)
    first = errors[0]
    msg = first["msg"].removeprefix("Value error, ")
    where = _loc(first["loc"])
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {msg}{more}" if where else f"{msg}{more}"


def _loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("affiliation", "association", "action"):
            continue  # pydantic names the union member; the index already says which
        else:
            out += ("." if out else "") + str(part)
    return out


def parse_report(data: object, base_dir: Path | None = None) -> tuple[Report, str]:
    """Validate a report object; return it with its publication text."""
    if not isinstance(data, dict):
        raise InvalidReport("a report must be a JSON/YAML object with a `publication` block")
    try:
        report = Report.model_validate(data)
    except ValidationError as exc:
        raise InvalidReport(describe(exc)) from None
    text = report.publication.text
    if text is None:
        assert report.publication.text_file is not None
        if base_dir is None:
            raise InvalidReport("publication.text_file needs a report file to be relative to")
        text = read_text_file(base_dir, report.publication.text_file)
    return report, text


def read_text_file(base_dir: Path, name: str) -> str:
    """A publication's text beside its report, exactly as its bytes say.

    Only files inside the report's own folder may be read (a report must not be a
    way to store ``/etc/passwd`` or the database password as a publication), and
    the bytes are decoded without newline translation, so a CRLF file keeps its
    ``\r\n``, its SHA-256 is the file's and quotes across line ends still match.
    """
    where = "publication.text_file"
    folder = base_dir.resolve()
    if Path(name).is_absolute():
        raise InvalidReport(f"{where}: {name!r} must be a path relative to the report's folder",
                            field=where)
    path = (folder / name).resolve()  # follows symlinks, so a link out is caught too
    if not path.is_relative_to(folder):
        raise InvalidReport(f"{where}: {name!r} is outside the report's folder", field=where)
    try:
        size = path.stat().st_size
        if size > 4 * MAX_TEXT_CHARS:
            raise InvalidReport(f"{where}: {path.name} is {size:,} bytes, over the limit of "
                                f"{MAX_TEXT_CHARS:,} characters", field=where)
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise InvalidReport(f"{where}: no such file {name!r} beside the report",
                            field=where) from None
    except IsADirectoryError:
        raise InvalidReport(f"{where}: {name!r} is a folder, not a file", field=where) from None
    except UnicodeDecodeError as exc:
        raise InvalidReport(f"{where}: {path.name} is not UTF-8 (byte {exc.start})",
                            field=where) from None
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidReport(f"{where}: {len(text):,} characters is over the limit of "
                            f"{MAX_TEXT_CHARS:,}", field=where)
    if not text.strip():
        raise InvalidReport(f"{where}: {path.name} is empty", field=where)
    return text
