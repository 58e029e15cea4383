"""Faster matrix products for the spaCy models on small CPUs.

thinc's NumpyOps multiplies with its bundled BLIS kernels. On the 2-core machines we target,
numpy's OpenBLAS restricted to the calling thread is several times faster for the model's
shapes (about 380x288 by 288x288), and multi-threaded OpenBLAS is slower still and erratic when
the other core is busy. So: measure both once at load time, keep the faster, and run our own
forward passes with OpenBLAS limited to one thread *for the calling thread only*
(`openblas_set_num_threads_local`), leaving the rest of the process's BLAS settings alone.
"""

from __future__ import annotations

import ctypes
import glob
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy
from spacy.language import Language
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


@contextmanager
def single_thread_blas() -> Iterator[None]:
    """numpy's OpenBLAS uses one thread in this block, for the calling thread only."""
    if _SET_LOCAL is None:
        yield
        return
    previous = _SET_LOCAL(1)
    try:
        yield
    finally:
        _SET_LOCAL(previous if previous > 0 else 0)


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
