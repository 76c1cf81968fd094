"""Benchmark of the XLSX export as its rows grow, written to bench/exports.md.

    .venv/bin/python bench/exports.py                 # 2,000 / 4,000 / 10,000 / 20,000 rows
    .venv/bin/python bench/exports.py --rows 50000    # other sizes (repeatable)

Builds a payment statement's tables in memory (the statement's clients with names, and the payment)
and times `reporting.exports.xlsx_bytes` on them — the code the statement download runs, without the
database. Time is the median of --repeat runs; peak memory is what the export allocates beyond its
input tables (which the query has built anyway), measured by tracemalloc in a separate run (tracing
slows the code down, so it is never timed).

Goal (issue 13): linear time — 10× the rows take about 10× the time, never 100× — and any export of
10,000 rows under 3 s.
"""

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, action="append", help="Rows of the statement (repeatable).")
    parser.add_argument("--repeat", type=int, default=3, help="Timed runs per size (median reported).")
    parser.add_argument("--output", default=str(ROOT / "bench" / "exports.md"))
    return parser.parse_args()


def statement(rows: int):
    """A payment statement's shape: `statement.clients` rows as the statement query gives them."""
    clients = [
        {
            "number": f"K-{i:06d}",
            "client__given_name": f"Olena{i % 97}",
            "client__family_name": f"Kovalenko-{i}",
            "contacts": 1 + i % 7,
        }
        for i in range(rows)
    ]
    return SimpleNamespace(clients=clients)


def tables(rows: int):
    """The statement download's XLSX input: the clients (with names), the payment, the title rows."""
    from reporting.exports import Column, Table, statement_table

    payment = Table(
        "payment",
        [Column("served"), Column("rate_eur", "money"), Column("payable_eur", "money")],
        [[rows, Decimal("60.00"), Decimal("60.00") * rows]],
    )
    title_rows = [["Statement", "BENCH/2025/1"], ["Month", "2025-03"]]
    return [statement_table(statement(rows), with_names=True), payment], title_rows


def export(sheets, title_rows) -> int:
    from reporting.exports import xlsx_bytes

    return len(xlsx_bytes(*sheets, title_rows=title_rows))


def measure(rows: int, repeat: int) -> tuple[float, float, int]:
    sheets, title_rows = tables(rows)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        size = export(sheets, title_rows)
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    export(sheets, title_rows)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20, size


def main():
    args = parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    import openpyxl

    sizes = args.rows or [2_000, 4_000, 10_000, 20_000]
    export(*tables(100))  # warm-up: imports
    results = []
    for rows in sizes:
        seconds, peak, size = measure(rows, args.repeat)
        results.append((rows, seconds, peak, size))
        print(f"{rows:>7,} rows  {seconds:7.3f} s  peak {peak:6.1f} MiB  {size / 1024:8.0f} KiB", flush=True)

    smallest, largest = results[0], results[-1]
    growth_rows = largest[0] / smallest[0]
    growth_time = largest[1] / smallest[1]
    ten_thousand = next((seconds for rows, seconds, _, _ in results if rows == 10_000), None)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    lines = [
        "# XLSX export benchmark",
        "",
        f"Run {datetime.datetime.now(tz=datetime.UTC):%Y-%m-%d %H:%M} UTC on {platform.node()} "
        f"({os.cpu_count()} cores, load average {load}), Python {platform.python_version()}, "
        f"openpyxl {openpyxl.__version__}. `bench/exports.py`: a payment statement's XLSX (the clients "
        "with names, and the payment sheet) built in memory by `reporting.exports.xlsx_bytes`; "
        f"median of {args.repeat} runs; peak memory: what the export allocates beyond its input tables, "
        "by tracemalloc in a separate run.",
        "",
        "| rows | seconds | ms per 1,000 rows | peak memory, MiB | file, KiB |",
        "|---:|---:|---:|---:|---:|",
        *[
            f"| {rows:,} | {seconds:.3f} | {seconds / rows * 1e6:.0f} | {peak:.1f} | {size / 1024:,.0f} |"
            for rows, seconds, peak, size in results
        ],
        "",
        f"- {growth_rows:.0f}× the rows took {growth_time:.1f}× the time "
        f"(linear: about {growth_rows:.0f}×; quadratic: {growth_rows**2:.0f}×). "
        f"Goal, linear time: {'met' if growth_time <= 1.5 * growth_rows else 'NOT met'}.",
    ]
    if ten_thousand is not None:
        lines.append(
            f"- Goal, 10,000 rows under 3 s: {'met' if ten_thousand < 3 else 'NOT met'} ({ten_thousand:.3f} s)."
        )
    lines += [
        "- Memory: the workbook is write-only (rows are streamed to a temporary file as they are "
        "appended); what grows with the rows is the finished file, held in memory for the response.",
        "",
    ]
    Path(args.output).write_text("\n".join(lines), encoding="utf-8")
    print(f"Written to {args.output}")


if __name__ == "__main__":
    main()
