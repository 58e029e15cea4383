"""The speed-ups change nothing: same annotations, same reports, same arithmetic."""

from __future__ import annotations

import numpy
import spacy
from thinc.api import NumpyOps

from loaders.extract import extract, extract_many
from loaders.extract.fastops import MatmulOps, single_thread_blas
from loaders.extract.nlp import get_nlp, model_name

SAMPLE = (
    "I ain't gonna say it, y'all. Let's go! There is nothin' here.\n\n"
    "Through his lawyer, Harriet Quayle, Venturini rejected the accusations. "
    "But he said that those who did it would have to pay, and I'd agree.  \n"
    "Guest conductors will lead the remaining concerts, chief executive Lorraine Petrakis said."
)


def test_fast_attribute_ruler_matches_spacy_exactly() -> None:
    ours = get_nlp()
    reference = spacy.load(model_name())
    reference.add_pipe("kb_text_fixes", first=True)
    a, b = ours(SAMPLE), reference(SAMPLE)
    assert [(t.pos_, t.lemma_, str(t.morph)) for t in a] == [
        (t.pos_, t.lemma_, str(t.morph)) for t in b
    ]


def test_matmul_ops_gemm_agrees_with_blis() -> None:
    rng = numpy.random.default_rng(1)
    x = rng.random((37, 288), dtype=numpy.float32)
    y = rng.random((64, 288), dtype=numpy.float32)
    with single_thread_blas():
        ours = MatmulOps().gemm(x, y, trans2=True)
    assert numpy.allclose(ours, NumpyOps().gemm(x, y, trans2=True), rtol=1e-4, atol=1e-4)
    out = numpy.empty((37, 64), dtype=numpy.float32)
    assert MatmulOps().gemm(x, y, out=out, trans2=True) is out


def test_extract_many_gives_the_same_reports_as_extract() -> None:
    items = [
        ("Maria Lopez accused Daniel Kramer of fraud. Kramer denied it.", {"outlet": "X"}),
        ("Nothing happened here.", {}),
        (SAMPLE, {"title": "t"}),
    ]
    assert list(extract_many(items, batch_size=2)) == [extract(t, m) for t, m in items]


def test_blas_thread_limit_is_restored_after_nested_use() -> None:
    from loaders.extract import fastops

    if fastops._SET_LOCAL is None:
        return  # numpy without OpenBLAS: nothing is limited
    original = fastops._SET_LOCAL(3)
    try:
        with single_thread_blas(), single_thread_blas():
            assert fastops._limit_users == 2
        assert fastops._limit_users == 0
    finally:
        restored = fastops._SET_LOCAL(original)
    assert restored == 3
