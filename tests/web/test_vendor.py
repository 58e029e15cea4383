"""The vendored libraries ship in the package, match their pinned hashes, with licences."""

from __future__ import annotations

from kb.web import vendor


def test_vendored_files_match_the_manifest() -> None:
    assert vendor.check() == []


def test_every_vendored_package_is_pinned_and_ships_its_licence() -> None:
    for name, pkg in vendor.load_manifest().items():
        assert pkg["version"][0].isdigit() and "^" not in pkg["version"], name
        assert any(f["dest"] == "LICENSE" for f in pkg["files"]), name
        assert (vendor.VENDOR / name / "LICENSE").read_text().strip()


def test_a_changed_file_is_caught(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "vendor"
    (copy / "react").mkdir(parents=True)
    (copy / "MANIFEST.json").write_text(
        '{"packages": {"react": {"npm": "react", "version": "18.3.1", "files": ['
        '{"src": "LICENSE", "dest": "LICENSE", "sha256": "0"}]}}}')
    (copy / "react" / "LICENSE").write_text("tampered")
    monkeypatch.setattr(vendor, "VENDOR", copy)
    monkeypatch.setattr(vendor, "MANIFEST", copy / "MANIFEST.json")
    assert vendor.check() == ["react: LICENSE does not match its sha256"]
