"""Faster matrix products for the spaCy models on small CPUs.

thinc's NumpyOps multiplies with its bundled BLIS kernels. On the 2-core machines we target,
numpy's OpenBLAS on one thread is several times faster for the model's shapes (about 380x288
by 288x288: 0.5-0.8 ms against 3-4 ms), while multi-threaded OpenBLAS is slower still and
erratic when the other core is busy (5-10 ms). So: measure BLIS against numpy once at load
time, keep the faster, and run our forward passes with OpenBLAS limited to one thread.

The limit is OpenBLAS's process-wide thread count (`openblas_set_num_threads_local` sets it and
returns the previous value), held only while the extractor's own forward passes run and then
restored; no environment variable is touched. Nested or concurrent users share one limit,
restored when the last of them leaves.
"""

from __future__ import annotations

import ctypes
import glob
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from thinc.api import NumpyOps


class MatmulOps(NumpyOps):
    """NumpyOps whose gemm is numpy.matmul (numpy's BLAS) instead of BLIS."""

    name = "numpy"

    def gemm(  # type: ignore[override]
        self,
        x: numpy.ndarray,
        y: numpy.ndarray,
        *,
        out: numpy.ndarray | None = None,
        trans1: bool = False,
        trans2: bool = False,
    ) -> numpy.ndarray:
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


def _openblas_local_setter() -> Callable[[int], int] | None:
    """`openblas_set_num_threads_local` from the OpenBLAS numpy loaded, if it has one."""
    root = os.path.dirname(os.path.dirname(numpy.__file__))
    patterns = ("numpy.libs/*openblas*", "numpy/.dylibs/*openblas*")
    for pattern in patterns:
        for path in glob.glob(os.path.join(root, pattern)):
            try:
                lib = ctypes.CDLL(path)
                fn = lib.openblas_set_num_threads_local
            except (OSError, AttributeError):
                continue
            fn.argtypes = [ctypes.c_int]
            fn.restype = ctypes.c_int
            return fn  # type: ignore[no-any-return]
    return None


_SET_LOCAL = _openblas_local_setter()


_LIMIT_LOCK = threading.Lock()
_limit_users = 0
_limit_previous = 0


@contextmanager
def single_thread_blas() -> Iterator[None]:
    """numpy's OpenBLAS uses one thread inside this block; the previous count comes back after
    the last concurrent user leaves."""
    global _limit_users, _limit_previous
    if _SET_LOCAL is None:
        yield
        return
    with _LIMIT_LOCK:
        if _limit_users == 0:
            _limit_previous = _SET_LOCAL(1)
        _limit_users += 1
    try:
        yield
    finally:
        with _LIMIT_LOCK:
            _limit_users -= 1
            if _limit_users == 0 and _limit_previous > 0:
                _SET_LOCAL(_limit_previous)


def _best_of(fn: Callable[[], Any], reps: int = 7) -> float:
    fn()
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def matmul_is_faster() -> bool:
    """Time one model-shaped product with BLIS and with numpy (single-threaded)."""
    rng = numpy.random.default_rng(0)
    x = rng.random((384, 288), dtype=numpy.float32)
    y = rng.random((288, 288), dtype=numpy.float32)
    blis_ops, mm_ops = NumpyOps(), MatmulOps()
    with single_thread_blas():
        t_blis = _best_of(lambda: blis_ops.gemm(x, y, trans2=True))
        t_mm = _best_of(lambda: mm_ops.gemm(x, y, trans2=True))
    return t_mm < t_blis * 0.8


def use_matmul(nlp: Language) -> bool:
    """Switch every thinc layer of nlp's pipes to MatmulOps when measurably faster."""
    if not matmul_is_faster():
        return False
    ops = MatmulOps()
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops
    return True


ATTR_INDEX = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
Check = tuple[int, str, Any]  # index into (tag, lower, dep, is_space), "eq"/"in"/"not_in", value
Rule = tuple[int, list[Check]]


def _compile_spec(spec: dict[str, Any]) -> list[Check] | None:
    """Checks for a one-token pattern over ATTR_INDEX keys, or None when unsupported."""
    checks: list[Check] = []
    for key, value in spec.items():
        index = ATTR_INDEX.get(key)
        if index is None:
            return None
        if isinstance(value, str | bool):
            checks.append((index, "eq", value))
        elif isinstance(value, dict) and len(value) == 1 and set(value) <= {"IN", "NOT_IN"}:
            op, items = next(iter(value.items()))
            checks.append((index, op.lower(), frozenset(items)))
        else:
            return None
    return checks


def _passes(values: tuple[str, str, str, bool], checks: list[Check]) -> bool:
    for index, op, value in checks:
        got = values[index]
        if op == "eq":
            if got != value:
                return False
        elif (got in value) != (op == "in"):
            return False
    return True


def _keys(checks: list[Check], index: int) -> frozenset[Any] | None:
    """The values attribute `index` must take for the rule to match, when it pins them."""
    for i, op, value in checks:
        if i == index and op == "eq":
            return frozenset([value])
        if i == index and op == "in":
            return value  # type: ignore[no-any-return]
    return None


class FastAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler with its one-token rules applied by table lookup.

    en_core_web_sm has 179 rules, nearly all one-token patterns on TAG, LOWER and DEP; running
    them all through the Matcher costs about a tenth of the model's time. One-token rules are
    indexed by the TAG or LOWER values they require (the rest are checked on every token); the
    few multi-token or regex rules still go through a Matcher. Matches are applied in rule
    order (later rules win), as AttributeRuler does.
    """

    _by_tag: dict[str, list[Rule]]
    _by_lower: dict[str, list[Rule]]
    _always: list[Rule]
    _complex: Matcher

    def compile_table(self) -> None:
        self._by_tag, self._by_lower, self._always = {}, {}, []
        self._complex = Matcher(self.vocab, validate=False)
        for attr_id in range(len(self.attrs)):
            entry = self.matcher.get(str(attr_id))
            if entry is None:
                continue
            for pattern in entry[1]:
                checks = _compile_spec(pattern[0]) if len(pattern) == 1 else None
                if checks is None:
                    self._complex.add(str(attr_id), [pattern])
                    continue
                rule = (attr_id, checks)
                tags, lowers = _keys(checks, 0), _keys(checks, 1)
                if tags is not None:
                    for tag in tags:
                        self._by_tag.setdefault(tag, []).append(rule)
                elif lowers is not None:
                    for low in lowers:
                        self._by_lower.setdefault(low, []).append(rule)
                else:
                    self._always.append(rule)

    def __call__(self, doc: Doc) -> Doc:
        hits: set[tuple[int, int, int]] = set()
        for token in doc:
            values = (token.tag_, token.lower_, token.dep_, token.is_space)
            for rules in (
                self._by_tag.get(values[0], ()),
                self._by_lower.get(values[1], ()),
                self._always,
            ):
                for attr_id, checks in rules:
                    if _passes(values, checks):
                        hits.add((attr_id, token.i, token.i + 1))
        if len(self._complex):
            for match_id, start, end in self._complex(doc, allow_missing=True):
                hits.add((int(self.vocab.strings[match_id]), start, end))
        for attr_id, start, end in sorted(hits):
            index = self.indices[attr_id]
            set_token_attrs(doc[start + index if index >= 0 else end + index], self.attrs[attr_id])
        return doc


def speed_up_ruler(nlp: Language) -> bool:
    """Swap the attribute_ruler's class for FastAttributeRuler (same rules, same results)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    if type(ruler) is not AttributeRuler:
        return False
    ruler.__class__ = FastAttributeRuler
    ruler.compile_table()  # type: ignore[attr-defined]
    return True
