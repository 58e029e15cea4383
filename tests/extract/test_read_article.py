"""read_article: text stored exactly, sidecar metadata, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.extract.article import MAX_BYTES, read_article
from loaders.extract.errors import ArticleError


def test_text_is_stored_exactly_with_sidecar_metadata_and_overrides(tmp_path: Path) -> None:
    text = "  Line one\r\nCafé “quoted”\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    (tmp_path / "a.meta.json").write_text(json.dumps({"title": "T", "outlet": "O"}))
    article = read_article(path, {"outlet": "Override", "url": None})
    assert article.text == text
    assert article.meta["title"] == "T"
    assert article.meta["outlet"] == "Override"


@pytest.mark.parametrize("content", [b"", b"   \n\t\n"])
def test_empty_or_whitespace_file_is_rejected(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=r"empty|whitespace"):
        read_article(path)


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "bin.txt"
    path.write_bytes(b"abc\x00def")
    with pytest.raises(ArticleError, match="binary"):
        read_article(path)


def test_non_utf8_names_the_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(b"caf\xe9 au lait")
    with pytest.raises(ArticleError, match="byte offset 3"):
        read_article(path)


def test_oversize_file_names_size_and_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * (MAX_BYTES + 1))
    with pytest.raises(ArticleError, match=rf"{MAX_BYTES + 1:,} bytes.*{MAX_BYTES:,}"):
        read_article(path)


def test_malformed_sidecar_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Some text.")
    (tmp_path / "a.meta.json").write_text("{not json")
    with pytest.raises(ArticleError, match=r"a\.meta\.json: malformed JSON at line 1 column 2"):
        read_article(path)


def test_html_goes_through_trafilatura(tmp_path: Path) -> None:
    body = " ".join(["Jane Doe accused John Roe of fraud in a lawsuit filed on Monday."] * 5)
    html = (
        "<html><head><title>Fraud suit</title></head><body><nav>Menu Home</nav>"
        f"<article><h1>Fraud suit</h1><p>{body}</p><p>{body}</p></article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html)
    article = read_article(path)
    assert "Jane Doe accused John Roe" in article.text
    assert "<p>" not in article.text
    assert article.meta.get("title") == "Fraud suit"


def test_html_without_text_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><body><script>var x = 1;</script></body></html>")
    with pytest.raises(ArticleError, match="no extractable"):
        read_article(path)
