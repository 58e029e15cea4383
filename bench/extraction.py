"""Throughput of the article extractor (model load reported separately).

Usage: python bench/extraction.py [--articles N] [--chars C] [--dir DIR] [--out PATH]

Builds N articles from the example set (each cut at a paragraph/sentence end, or repeated, to
about C characters), then times `extract` one by one, `extract_many` in bulk in one process,
and `extract_many` with one worker process per core (`--processes`; its cpu time counts the
parent only).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from itertools import cycle, islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from loaders.extract.article import read_article  # noqa: E402
from loaders.extract.parallel import default_processes  # noqa: E402
from loaders.extract.pipeline import extract, extract_many, warm  # noqa: E402


def sized(text: str, chars: int) -> str:
    """The text repeated (paragraph-joined) to at least `chars`, then cut at the last paragraph
    or sentence end at or before `chars` (or the next one when none comes before)."""
    out = text.strip()
    while len(out) < chars:
        out = out + "\n\n" + text.strip()
    if len(out) <= chars:
        return out
    head = out[:chars]
    for mark in ("\n", ". ", '." ', ".” "):
        cut = head.rfind(mark)
        if cut > chars * 0.8:
            return out[: cut + (1 if mark != "\n" else 0)].rstrip()
    nxt = out.find("\n", chars)
    return out if nxt < 0 else out[:nxt].rstrip()


def corpus(directory: Path, n: int, chars: int) -> list[tuple[str, dict[str, Any]]]:
    base = [read_article(p) for p in sorted(directory.glob("*.txt"))]
    items = [(sized(a.text, chars), a.meta) for a in base]
    return list(islice(cycle(items), n))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--chars", type=int, default=2000)
    parser.add_argument("--dir", type=Path, default=ROOT / "examples" / "articles")
    parser.add_argument("--processes", type=int, default=default_processes())
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "extraction.json")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    warm()
    load_s = time.perf_counter() - t0
    items = corpus(args.dir, args.articles, args.chars)
    total_chars = sum(len(t) for t, _ in items)
    extract(*items[0])  # first-call costs (lazy imports, caches) are not throughput

    results: dict[str, tuple[float, float]] = {}
    t0, c0 = time.perf_counter(), time.process_time()
    singles = [extract(text, meta) for text, meta in items]
    results["extract"] = (time.perf_counter() - t0, time.process_time() - c0)
    t0, c0 = time.perf_counter(), time.process_time()
    bulk = list(extract_many(items))
    results["extract_many"] = (time.perf_counter() - t0, time.process_time() - c0)
    t0, c0 = time.perf_counter(), time.process_time()
    parallel = list(extract_many(items, batch_size=8, processes=args.processes))
    results[f"extract_many_{args.processes}_processes"] = (
        time.perf_counter() - t0, time.process_time() - c0)
    same = singles == bulk == parallel

    report: dict[str, Any] = {
        "model_load_s": round(load_s, 3),
        "articles": len(items),
        "mean_chars": round(total_chars / len(items)),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_average": list(os.getloadavg()),
        "extract_many_matches_extract": same,
    }
    print(f"model load: {load_s:.2f} s  (load average now {os.getloadavg()[0]:.2f})")
    print(
        f"{len(items)} articles, mean {total_chars / len(items):.0f} chars, {os.cpu_count()} cpus"
    )
    for name, (secs, cpu) in results.items():
        rate, crate = len(items) / secs, total_chars / secs
        report[name] = {
            "seconds": round(secs, 3),
            "articles_per_s": round(rate, 2),
            "chars_per_s": round(crate),
            "cpu_seconds": round(cpu, 3),
            "articles_per_cpu_s": round(len(items) / cpu, 2),
        }
        print(
            f"{name:26} {secs:7.2f} s  {rate:7.2f} articles/s  {crate:9.0f} chars/s"
            f"  (cpu {cpu:.2f} s: {len(items) / cpu:.2f} articles per cpu-second)"
        )
    print(f"extract_many output (one process and several) identical to extract: {same}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
