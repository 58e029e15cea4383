"""Worker processes for extraction: the parser and the rules are CPU-bound Python, so the way
to use more than one core is more than one process.

Workers are forked where the platform can (they share the model the parent already loaded,
copy-on-write, so no worker pays for loading it again), else spawned.
"""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing.pool import Pool


def default_processes() -> int:
    """One worker per core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def worker_pool(processes: int) -> Pool:
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ctx.Pool(processes)
