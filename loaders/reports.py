"""Read sourced report files (JSON or YAML) into validated reports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kb.errors import InvalidReport
from kb.model.report import MAX_TEXT_CHARS, Report
from kb.model.strict_parse import load_json, load_yaml

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


def read_report(path: Path) -> LoadedReport:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InvalidReport(f"{size:,} bytes is over the report size limit of {MAX_FILE_BYTES:,}")
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidReport(f"not UTF-8 (byte {exc.start})") from None
    data = load_json(raw) if path.suffix.lower() == ".json" else load_yaml(raw)
    report, text = parse_report(data, path.parent)
    return LoadedReport(report, text, str(path))
