"""Read sourced report files (JSON or YAML) into validated reports."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from kb.errors import InvalidReport
from kb.model.report import MAX_TEXT_CHARS, Report

REPORT_SUFFIXES = {".json", ".yaml", ".yml"}
MAX_FILE_BYTES = 4 * MAX_TEXT_CHARS + 1_000_000  # UTF-8 text plus JSON escaping


@dataclass(frozen=True)
class LoadedReport:
    report: Report
    text: str
    source: str
    created_by: str = "kb load"


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
        path = (base_dir / report.publication.text_file).resolve()
        try:
            size = path.stat().st_size
            if size > 4 * MAX_TEXT_CHARS:
                raise InvalidReport(
                    f"publication.text_file: {path.name} is {size:,} bytes, "
                    f"over the limit of {MAX_TEXT_CHARS:,} characters"
                )
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InvalidReport(f"publication.text_file: no such file {path}") from None
        except UnicodeDecodeError as exc:
            raise InvalidReport(
                f"publication.text_file: {path.name} is not UTF-8 (byte {exc.start})"
            ) from None
        if len(text) > MAX_TEXT_CHARS:
            raise InvalidReport(
                f"publication.text_file: {len(text):,} characters is over "
                f"the limit of {MAX_TEXT_CHARS:,}"
            )
        if not text.strip():
            raise InvalidReport(f"publication.text_file: {path.name} is empty")
    return report, text


def read_report(path: Path) -> LoadedReport:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InvalidReport(f"{size:,} bytes is over the report size limit of {MAX_FILE_BYTES:,}")
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidReport(f"not UTF-8 (byte {exc.start})") from None
    try:
        data = json.loads(raw) if path.suffix.lower() == ".json" else yaml.safe_load(raw)
    except json.JSONDecodeError as exc:
        raise InvalidReport(
            f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise InvalidReport(f"malformed YAML{where}: {getattr(exc, 'problem', exc)}") from None
    report, text = parse_report(data, path.parent)
    return LoadedReport(report, text, str(path))
