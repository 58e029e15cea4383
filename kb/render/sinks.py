"""Where an export writes: standard output, one file, a folder, or a .zip archive.

Every sink opens one text file at a time, which is all a streamed export needs (and what a
zip archive allows: entries are written one after another, never held whole in memory).
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO, cast


class Sink:
    """Opens the export's files by name, one at a time."""

    def open(self, name: str) -> contextlib.AbstractContextManager[TextIO]:
        raise NotImplementedError

    def close(self) -> None:
        """Finish the sink (a zip writes its central directory here)."""

    def describe(self, names: list[str]) -> str:
        raise NotImplementedError


class StdoutSink(Sink):
    @contextlib.contextmanager
    def open(self, name: str) -> Iterator[TextIO]:
        yield sys.stdout
        sys.stdout.flush()

    def describe(self, names: list[str]) -> str:
        return ""


class FileSink(Sink):
    """A single-file format written to one path."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextlib.contextmanager
    def open(self, name: str) -> Iterator[TextIO]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("w", encoding="utf-8", newline="") as handle:
            yield handle

    def describe(self, names: list[str]) -> str:
        return f"wrote {self.path}"


class DirSink(Sink):
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    @contextlib.contextmanager
    def open(self, name: str) -> Iterator[TextIO]:
        with (self.folder / name).open("w", encoding="utf-8", newline="") as handle:
            yield handle

    def describe(self, names: list[str]) -> str:
        return f"wrote {len(names)} file(s) in {self.folder}: {', '.join(names)}"


class ZipSink(Sink):
    """Each entry is spooled to a temporary file on disk, then deflated into the archive, so
    several entries may be written at once (a zip takes one writer at a time)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.archive = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED,
                                       allowZip64=True)

    @contextlib.contextmanager
    def open(self, name: str) -> Iterator[TextIO]:
        with tempfile.NamedTemporaryFile("w+", encoding="utf-8", newline="",
                                         suffix="-" + name) as handle:
            yield cast(TextIO, handle)
            handle.flush()
            self.archive.write(handle.name, arcname=name)

    def close(self) -> None:
        self.archive.close()

    def describe(self, names: list[str]) -> str:
        return f"wrote {self.path} ({len(names)} file(s): {', '.join(names)})"


def sink_for(output: Path | None, multi_file: bool) -> Sink:
    """``-o x.zip``: an archive; a multi-file format: a folder; else a file or stdout."""
    if output is None:
        return StdoutSink()
    if output.suffix.lower() == ".zip":
        return ZipSink(output)
    return DirSink(output) if multi_file else FileSink(output)
