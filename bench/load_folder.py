"""`kb load` of a folder of raw articles: articles per second, one process against several.

Writes N articles of about C characters (built as bench/extraction.py builds them, each with
its own URL) into a temporary folder, then times `load_files` (extraction and writing, model
load excluded) with one process and with one worker per core, into the bench's own Neo4j.
Usage: python bench/load_folder.py [--articles 200] [--chars 2000] [--processes N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import bench_driver, save, wipe
from bench.extraction import corpus
from kb.store.schema import apply_schema
from loaders.batch import collect_files, load_files
from loaders.extract.parallel import default_processes
from loaders.extract.pipeline import warm

ROOT = Path(__file__).resolve().parents[1]


def _cpu() -> float:
    """CPU seconds of this process and its finished workers."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _server_cpu() -> float | None:
    """CPU seconds of the bench's Neo4j (a local server whose pid file we can read)."""
    from bench.common import bench_settings

    pid_file = bench_settings().home / "neo4j" / "run" / "neo4j.pid"
    try:
        fields = Path(f"/proc/{pid_file.read_text().strip()}/stat").read_text().split()
    except OSError:
        return None
    return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")


def write_folder(folder: Path, n: int, chars: int) -> None:
    for i, (text, meta) in enumerate(corpus(ROOT / "examples" / "articles", n, chars)):
        (folder / f"a{i:04}.txt").write_text(text, encoding="utf-8")
        meta = {**meta, "url": f"https://bench.example.org/load/{i}"}
        (folder / f"a{i:04}.meta.json").write_text(json.dumps(meta), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--chars", type=int, default=2000)
    parser.add_argument("--processes", type=int, default=default_processes())
    args = parser.parse_args(argv)
    driver, target = bench_driver()
    warm()
    report: dict[str, Any] = {"articles": args.articles, "chars": args.chars,
                              "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        write_folder(Path(tmp), args.articles, args.chars)
        files = collect_files([Path(tmp)])
        for processes in sorted({1, args.processes}):
            wipe(driver, target.database)
            apply_schema(driver, target.database)
            before = os.getloadavg()[0]
            t0, c0, s0 = time.perf_counter(), _cpu(), _server_cpu()
            result = load_files(driver, target.database, files, review_threshold=0.6,
                                progress=False, processes=processes)
            secs, cpu = time.perf_counter() - t0, _cpu() - c0
            s1 = _server_cpu()
            server = round(s1 - s0, 2) if s0 is not None and s1 is not None else None
            rate = result.loaded / secs
            report[f"{processes}_processes"] = {
                "seconds": round(secs, 2), "articles_per_s": round(rate, 2),
                "cpu_seconds": round(cpu, 2), "articles_per_cpu_s": round(result.loaded / cpu, 2),
                "neo4j_cpu_seconds": server,
                "loaded": result.loaded, "failures": len(result.failures),
                "load_average_before": round(before, 2),
            }
            print(f"{processes} process(es): {result.loaded} articles in {secs:.2f} s = "
                  f"{rate:.2f} articles/s; cpu {cpu:.2f} s (this process and its workers, "
                  f"not Neo4j) = {result.loaded / cpu:.2f} articles per cpu-second; Neo4j "
                  f"cpu {server} s "
                  f"(load average before {before:.2f})")
    wipe(driver, target.database)
    driver.close()
    print(f"wrote {save('load_folder', report)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
