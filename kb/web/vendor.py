"""Vendored JavaScript: fetch pinned npm packages, copy their dist files, check the hashes.

``python -m kb.web.vendor`` (``make vendor``) packs each package of MANIFEST.json with npm
into a temporary folder, copies the listed files and the licence into kb/web/vendor/NAME/,
and fails when a file's sha256 differs from the manifest (``--update`` rewrites the hashes
after a deliberate version bump). ``--check`` only re-hashes the files in the package:
no network, and what the tests run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

VENDOR = Path(__file__).parent / "vendor"
MANIFEST = VENDOR / "MANIFEST.json"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_manifest() -> dict[str, Any]:
    packages: dict[str, Any] = json.loads(MANIFEST.read_text())["packages"]
    return packages


def check() -> list[str]:
    """Problems with the vendored files as shipped: missing or not matching the manifest."""
    problems = []
    for name, pkg in load_manifest().items():
        for entry in pkg["files"]:
            path = VENDOR / name / entry["dest"]
            if not path.is_file():
                problems.append(f"{name}: {entry['dest']} is missing")
            elif sha256(path) != entry["sha256"]:
                problems.append(f"{name}: {entry['dest']} does not match its sha256")
    return problems


def refresh(update: bool) -> list[str]:
    """Re-fetch every package at its pinned version; copy the files; compare the hashes."""
    manifest = json.loads(MANIFEST.read_text())
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, pkg in manifest["packages"].items():
            spec = f"{pkg['npm']}@{pkg['version']}"
            out = subprocess.run(["npm", "pack", "--silent", spec], cwd=tmp, check=True,
                                 capture_output=True, text=True).stdout.strip().splitlines()[-1]
            unpacked = Path(tmp) / name
            with tarfile.open(Path(tmp) / out) as tar:
                tar.extractall(unpacked, filter="data")
            dest_dir = VENDOR / name
            dest_dir.mkdir(parents=True, exist_ok=True)
            for entry in pkg["files"]:
                src = unpacked / "package" / entry["src"]
                dest = dest_dir / entry["dest"]
                shutil.copyfile(src, dest)
                digest = sha256(dest)
                if digest != entry.get("sha256"):
                    if update:
                        entry["sha256"] = digest
                    else:
                        problems.append(f"{spec}: {entry['src']} has sha256 {digest}, "
                                        f"the manifest says {entry.get('sha256')}")
    if update:
        MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kb.web.vendor", description=__doc__)
    parser.add_argument("--check", action="store_true", help="only hash the files shipped")
    parser.add_argument("--update", action="store_true", help="rewrite the hashes")
    args = parser.parse_args(argv)
    problems = check() if args.check else refresh(args.update)
    for line in problems:
        print(line, file=sys.stderr)
    if not problems:
        print("vendored files match MANIFEST.json")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
