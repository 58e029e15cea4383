"""Read sourced report files (JSON or YAML) into validated reports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kb.errors import InvalidReport
from kb.model.report import MAX_TEXT_CHARS, Report, parse_report
from kb.model.strict_parse import load_json, load_yaml

REPORT_SUFFIXES = {".json", ".yaml", ".yml"}
MAX_FILE_BYTES = 4 * MAX_TEXT_CHARS + 1_000_000  # UTF-8 text plus JSON escaping


@dataclass(frozen=True)
class LoadedReport:
    report: Report
    text: str
    source: str
    created_by: str = "kb load"


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
