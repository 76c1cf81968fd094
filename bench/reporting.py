"""Benchmark of the reporting queries on PostgreSQL, written to bench/results.md.

    .venv/bin/python bench/reporting.py                  # 100,000 clients (about a million visits)
    .venv/bin/python bench/reporting.py --clients 2000   # a quick check
    .venv/bin/python bench/reporting.py --reuse          # measure again without rebuilding

It creates its own database (atbalsts_bench_<clients>) on the PostgreSQL server of $BENCH_POSTGRES
(default postgres://postgres@127.0.0.1:5432), runs `migrate` and `generate_demo_data --clients N`
there, then times, for every programme (or each --programme) and its 12 busiest months in a row:

- the fund staff dashboard for all providers (the whole page, through the Django test client);
- `manage.py monthly_report` for the programme (CSV);
- the report's queries alone (`reporting.queries.monthly_report`);
- the same aggregates as hand-written SQL run directly on the connection, over the served-months
  table the reports read (the reference), and over the visits and their attendance (what the
  figures would cost without that table). The two must give the same figures as the ORM.

Goal: the 12-month dashboard under 1 s and within 2× of the raw SQL.
"""

import argparse
import datetime
import io
import os
import platform
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument(
        "--programme",
        action="append",
        help="Programme code, repeatable (default: every programme with visits).",
    )
    parser.add_argument("--repeat", type=int, default=5, help="Runs of each measurement (median reported).")
    parser.add_argument("--database", help="Database name (default atbalsts_bench_<clients>).")
    parser.add_argument("--reuse", action="store_true", help="Measure an existing benchmark database.")
    parser.add_argument("--drop", action="store_true", help="Drop the database afterwards.")
    parser.add_argument("--today", help="Passed to generate_demo_data (YYYY-MM-DD).")
    parser.add_argument("--output", default=str(ROOT / "bench" / "results.md"))
    return parser.parse_args()


def server_url() -> str:
    return os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")


def admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{server_url()}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def build_database(name: str, clients: int, today: str | None, env: dict) -> float:
    admin(f'DROP DATABASE IF EXISTS "{name}"')
    admin(f'CREATE DATABASE "{name}"')
    # The settings the README's production section assumes, so the benchmarks measure that setup.
    admin(f"ALTER DATABASE \"{name}\" SET work_mem = '32MB'")
    admin(f'ALTER DATABASE "{name}" SET jit = off')
    started = time.perf_counter()
    manage = [sys.executable, str(ROOT / "manage.py")]
    # Built under local settings, so the demo users' passwords get the real hasher and they can log in
    # under local and production settings (the test settings' fast hasher is refused there).
    env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.local", "DEBUG": "false"}
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], check=True, env=env, cwd=ROOT)
    demo = [*manage, "generate_demo_data", "--clients", str(clients), "--seed", "1"]
    if today:
        demo += ["--today", today]
    subprocess.run(demo, check=True, env=env, cwd=ROOT)
    return time.perf_counter() - started


def busiest_year(code: str | None):
    """The programme (given, or the one with the most visits in a year) and its 12 months in a row
    with the most visits: the heaviest dashboard."""
    from django.db.models import Count
    from django.db.models.functions import TruncMonth

    from cases.models import Visit
    from cases.rules.limits import add_months
    from mentors.models import Programme
    from reporting.periods import Period

    programmes = Programme.objects.filter(code=code) if code else Programme.objects.all()
    per_month = {}
    for programme_id, month, n in (
        Visit.objects.filter(contract__programme__in=programmes)
        .annotate(month=TruncMonth("visited_on"))
        .values_list("contract__programme_id", "month")
        .annotate(n=Count("id"))
        .order_by()
    ):
        per_month.setdefault(programme_id, {})[month] = n
    best = (0, None, None)
    for programme_id, months in per_month.items():
        for last in months:
            total = sum(months.get(add_months(last, -n), 0) for n in range(12))
            best = max(best, (total, last, programme_id), key=lambda item: item[0])
    if best[1] is None:
        today = datetime.datetime.now(tz=datetime.UTC).date().replace(day=1)
        return programmes.first(), Period(add_months(today, -11), today)
    _total, last, programme_id = best
    return Programme.objects.get(pk=programme_id), Period(add_months(last, -11), last)


def timed(function, repeat: int) -> tuple[float, float, object]:
    """Median and best wall time of `repeat` runs (after one warm-up run), and the last result."""
    result = function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times), result


# The aggregates of reporting.queries.monthly_report, written by hand for PostgreSQL: the same figure
# families (served, children and new in one pass per grouping; a person with no earlier episode of the
# programme joined is new), without the ORM.
_ATTENDANCE = """
        FROM cases_visitattendance a
        JOIN cases_visit v ON v.id = a.visit_id
        JOIN mentors_contract c ON c.id = v.contract_id
        JOIN cases_client cl ON cl.id = a.client_id
        LEFT JOIN cases_episode earlier ON earlier.client_id = a.client_id
             AND earlier.programme_id = %(programme)s AND earlier.started_on < {before}
        WHERE v.contract_id = ANY(%(contracts)s) AND v.visited_on BETWEEN %(start)s AND %(end)s"""
_MONTHLY = """
               COUNT(DISTINCT a.client_id) AS served,
               COUNT(DISTINCT a.client_id) FILTER (
                   WHERE cl.date_of_birth > (date_trunc('month', v.visited_on) - interval '18 years')::date
               ) AS children,
               COUNT(DISTINCT a.client_id) FILTER (WHERE earlier.id IS NULL) AS new"""
_PERIOD = """
               COUNT(DISTINCT a.client_id) AS served,
               COUNT(DISTINCT a.client_id) FILTER (WHERE cl.date_of_birth > %(child_born_after)s) AS children,
               COUNT(DISTINCT a.client_id) FILTER (WHERE earlier.id IS NULL) AS new"""
_BY_MONTH = _ATTENDANCE.format(before="date_trunc('month', v.visited_on)::date")
_OVER_PERIOD = _ATTENDANCE.format(before="%(start)s")
RAW_ALL_MONTHS = "served, children and new per month, all providers"
RAW_PROVIDER_PERIOD = "served, children and new over the period per provider"
RAW_PER_CONTRACT = "served, children and new per contract and month"
_OTHER_FIGURES = {
    "visits and minutes per provider and month": """
        SELECT c.provider_id, date_trunc('month', v.visited_on)::date, COUNT(*), SUM(v.duration_minutes)
        FROM cases_visit v JOIN mentors_contract c ON c.id = v.contract_id
        WHERE v.contract_id = ANY(%(contracts)s) AND v.visited_on BETWEEN %(start)s AND %(end)s
        GROUP BY 1, 2""",
    "ended per provider, month and reason": """
        SELECT c.provider_id, date_trunc('month', e.ended_on)::date, r.code, COUNT(*)
        FROM cases_episode e
        JOIN mentors_contract c ON c.id = e.contract_id
        JOIN cases_endreason r ON r.id = e.end_reason_id
        WHERE e.programme_id = %(programme)s AND e.ended_on BETWEEN %(start)s AND %(end)s
        GROUP BY 1, 2, 3""",
    "active at each month end per provider": """
        SELECT c.provider_id, m.month_end, COUNT(*)
        FROM (SELECT (month + interval '1 month - 1 day')::date AS month_end
              FROM generate_series(%(start)s::date, %(last_month)s::date, interval '1 month') AS month) m
        JOIN cases_episode e ON e.started_on <= m.month_end AND (e.ended_on IS NULL OR e.ended_on >= m.month_end)
        JOIN mentors_contract c ON c.id = e.contract_id
        WHERE e.programme_id = %(programme)s
        GROUP BY 1, 2""",
}
# Over the visits and their attendance, joining the people and their earlier episodes.
RAW_SQL_VISITS = {
    RAW_PER_CONTRACT: f"""
        SELECT v.contract_id, date_trunc('month', v.visited_on)::date AS month, {_MONTHLY} {_BY_MONTH}
        GROUP BY 1, 2""",
    RAW_ALL_MONTHS: f"""
        SELECT date_trunc('month', v.visited_on)::date AS month, {_MONTHLY} {_BY_MONTH}
        GROUP BY 1""",
    RAW_PROVIDER_PERIOD: f"""
        SELECT c.provider_id, {_PERIOD} {_OVER_PERIOD}
        GROUP BY 1""",
    "served, children and new over the period per citizenship": f"""
        SELECT cl.citizenship, {_PERIOD} {_OVER_PERIOD}
        GROUP BY 1""",
    **_OTHER_FIGURES,
}
# Over the served-months table (one row per person, contract and month), as the reports count.
_SERVED = """
        FROM cases_servedmonth s
        WHERE s.contract_id = ANY(%(contracts)s) AND s.month BETWEEN %(start)s AND %(last_month)s"""
_SERVED_MONTHLY = """
               COUNT(DISTINCT s.client_id) AS served,
               COUNT(DISTINCT s.client_id) FILTER (
                   WHERE s.date_of_birth > (s.month - interval '18 years')::date
               ) AS children,
               COUNT(DISTINCT s.client_id) FILTER (
                   WHERE s.first_started_on IS NULL OR s.first_started_on >= s.month
               ) AS new"""
_SERVED_PERIOD = """
               COUNT(DISTINCT s.client_id) AS served,
               COUNT(DISTINCT s.client_id) FILTER (WHERE s.date_of_birth > %(child_born_after)s) AS children,
               COUNT(DISTINCT s.client_id) FILTER (
                   WHERE s.first_started_on IS NULL OR s.first_started_on >= %(start)s
               ) AS new"""
RAW_SQL_SERVED = {
    RAW_PER_CONTRACT: f"SELECT s.contract_id, s.month, {_SERVED_MONTHLY} {_SERVED} GROUP BY 1, 2",
    RAW_ALL_MONTHS: f"SELECT s.month, {_SERVED_MONTHLY} {_SERVED} GROUP BY 1",
    RAW_PROVIDER_PERIOD: f"SELECT s.provider_id, {_SERVED_PERIOD} {_SERVED} GROUP BY 1",
    "served, children and new over the period per citizenship": f"""
        SELECT s.citizenship, {_SERVED_PERIOD} {_SERVED} GROUP BY 1""",
    **_OTHER_FIGURES,
}

REPORT = "report queries (reporting.queries.monthly_report)"
DASHBOARD = "dashboard page, all providers"
RAW_SERVED = "raw SQL, served-months table (the reference)"
RAW_VISITS = "raw SQL, visits and attendance (no summary table)"


def measure(programme, period, *, repeat: int) -> list[str]:
    """Time the dashboard, the command, the report queries and the raw SQL for one programme; the
    lines of its section of the results."""
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client as TestClient
    from django.test.utils import CaptureQueriesContext

    from cases.models import Visit
    from cases.rules.age import child_born_after
    from mentors.models import Contract, FundStaff
    from reporting.queries import monthly_report

    # Fund staff proper: the data protection officer is fund staff too, and sees no dashboard.
    fund = FundStaff.objects.filter(kind=FundStaff.Kind.STAFF).select_related("user").order_by("pk").first()
    if fund is None:
        raise SystemExit("No fund staff user: run generate_demo_data first.")
    browser = TestClient()
    browser.force_login(fund.user)
    query = {
        "programme": programme.code,
        "start": f"{period.first_month:%Y-%m}",
        "end": f"{period.last_month:%Y-%m}",
    }

    def dashboard():
        response = browser.get("/reporting/", query)
        assert response.status_code == 200, response.status_code
        return response

    def command():
        out = io.StringIO()
        call_command(
            "monthly_report",
            "--programme",
            programme.code,
            "--from",
            query["start"],
            "--to",
            query["end"],
            stdout=out,
        )
        return out.getvalue()

    def report():
        return monthly_report(programme=programme, period=period)

    parameters = {
        "programme": programme.pk,
        "contracts": list(Contract.objects.filter(programme=programme).values_list("pk", flat=True)),
        "start": period.start,
        "end": period.end,
        "last_month": period.last_month,
        "child_born_after": child_born_after(period.start),
    }
    # The report counts all providers together, and each provider over the period, only when the
    # programme has more than one provider; the reference does the same work.
    several = Contract.objects.filter(programme=programme).values("provider").distinct().count() > 1

    def raw(statements):
        chosen = {
            label: sql
            for label, sql in statements.items()
            if several or label not in {RAW_ALL_MONTHS, RAW_PROVIDER_PERIOD}
        }

        def run():
            results = {}
            with connection.cursor() as cursor:
                for label, sql in chosen.items():
                    cursor.execute(sql, parameters)
                    results[label] = cursor.fetchall()
            return results

        return run

    with CaptureQueriesContext(connection) as captured:
        dashboard()
    dashboard_queries = len(captured)

    rows = {}
    for label, function in (
        (DASHBOARD, dashboard),
        ("monthly_report command (CSV)", command),
        (REPORT, report),
        (RAW_SERVED, raw(RAW_SQL_SERVED)),
        (RAW_VISITS, raw(RAW_SQL_VISITS)),
    ):
        print(f"{programme.code}: timing {label} …", flush=True)
        rows[label] = timed(function, repeat)

    # The ORM and both raw SQL sources agree (served, children and new per contract and month).
    orm = {
        (figures.contract.pk, figures.month): (figures.served, figures.children, figures.new)
        for figures in rows[REPORT][2].contract_months
        if figures.served
    }

    def per_contract(label):
        return {
            (contract, month): (served, children, new)
            for contract, month, served, children, new in rows[label][2][RAW_PER_CONTRACT]
        }

    agree = orm == per_contract(RAW_SERVED) == per_contract(RAW_VISITS)
    visits = Visit.objects.filter(
        contract__programme=programme, visited_on__gte=period.start, visited_on__lte=period.end
    ).count()
    reference = rows[RAW_SERVED][0]
    page = rows[DASHBOARD][0]
    return [
        f"## {programme.code}: 12 months {period.label}, all providers",
        "",
        f"{visits:,} visits in the period, contracts: {len(parameters['contracts'])}. "
        f"Median of {repeat} runs after a warm-up.",
        "",
        "| measurement | median, s | best, s | × reference |",
        "|---|---:|---:|---:|",
        *[
            f"| {label} | {median:.3f} | {best:.3f} | {median / reference:.2f} |"
            for label, (median, best, _result) in rows.items()
        ],
        "",
        f"- Dashboard queries per page: {dashboard_queries} (constant in the amount of data).",
        "- The ORM, the raw SQL over the served-months table and the raw SQL over the visits give the same "
        f"served, children and new per contract and month: {'yes' if agree else 'NO'}.",
        f"- Goal, dashboard under 1 s: {'met' if page < 1 else 'NOT met'} ({page:.3f} s).",
        f"- Goal, dashboard within 2× of the raw SQL: {'met' if page <= 2 * reference else 'NOT met'} "
        f"({page / reference:.2f}×).",
        "",
    ]


def main():
    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collected static files
    args = parse_args()
    name = args.database or f"atbalsts_bench_{args.clients}"
    env = {
        **os.environ,
        "DATABASE_URL": f"{server_url()}/{name}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "ALLOWED_HOSTS": "testserver,localhost",
    }
    build_seconds = None
    if not args.reuse:
        print(f"Building {name} with {args.clients} clients …", flush=True)
        build_seconds = build_database(name, args.clients, args.today, env)
    os.environ.update(env)

    import django

    django.setup()
    from django.db import connection

    from cases.models import Client, ServedMonth, Visit, VisitAttendance
    from mentors.models import Programme

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SHOW server_version")
        server_version = cursor.fetchone()[0]

    codes = args.programme or list(
        Programme.objects.filter(contracts__visits__isnull=False)
        .distinct()
        .order_by("code")
        .values_list("code", flat=True)
    )
    sizes = {
        "clients": Client.objects.count(),
        "visits": Visit.objects.count(),
        "people present (attendance rows)": VisitAttendance.objects.count(),
        "served months (rows of the table the reports count)": ServedMonth.objects.count(),
    }
    sections = []
    for code in codes:
        programme, period = busiest_year(code)
        sections += measure(programme, period, repeat=args.repeat)

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    lines = [
        "# Reporting benchmark",
        "",
        f"Run {datetime.datetime.now(tz=datetime.UTC):%Y-%m-%d %H:%M} UTC on {platform.node()} "
        f"({platform.processor() or platform.machine()}), PostgreSQL {server_version}, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs "
        f"(load average after the runs: {load}); database `{name}`.",
        "",
        (
            f"Data: `generate_demo_data --clients {args.clients}` (built in {build_seconds:.0f} s)."
            if build_seconds
            else f"Data: `generate_demo_data --clients {args.clients}`, the existing database (--reuse)."
        ),
        "",
        *[f"- {label}: {value:,}" for label, value in sizes.items()],
        "",
        "The reference is the same aggregates as hand-written SQL over the served-months table the reports "
        "read; the same figures over the visits and their attendance show what the table saves.",
        "",
        *sections,
    ]
    Path(args.output).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    if args.drop:
        connection.close()
        admin(f'DROP DATABASE IF EXISTS "{name}"')


if __name__ == "__main__":
    main()
