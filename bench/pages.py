"""Every role's pages and every export at 2,000 and at 100,000 clients, side by side: bench/pages.md.

    .venv/bin/python bench/pages.py                      # both databases, building any that is missing
    .venv/bin/python bench/pages.py --clients 2000       # one size only (still written as a table)
    .venv/bin/python bench/pages.py --repeat 9 --build   # rebuild the databases first

The databases are bench/reporting.py's (atbalsts_bench_<clients> on $BENCH_POSTGRES, built there with
`generate_demo_data --clients N --seed 1` under local settings, then `migrate` here, so that indexes added
since the build exist). Each size is measured in its own process, under local settings with DEBUG off
(the production settings but for HTTPS and the second factor, which the test client does not need):
every page is fetched through the Django test client as a demo user of the role that opens it, once to
warm up and then `--repeat` times; saves (POST) run in a transaction that is rolled back, so the data
stay the same. Per page: the queries, the median time at each size and their ratio. The machine is
shared: the load average is written beside the table, and a ratio is only meaningful inside one run.

Goals (issue 13): the visit form's GET and POST under 150 ms median at 100,000 clients; client search
and lists under 100 ms; the 12-month dashboard under 300 ms; an export of 10,000 rows under 3 s; every
page constant in queries (at most 10, except the dashboards and exports) and linear or better in time.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
SIZES = (2000, 100_000)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, action="append", help="Sizes (default 2000 and 100000).")
    parser.add_argument("--repeat", type=int, default=5, help="Timed fetches of each page (median).")
    parser.add_argument("--build", action="store_true", help="Build the databases again first.")
    parser.add_argument("--output", default=str(BENCH / "pages.md"))
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: measure this database
    parser.add_argument("--json", help=argparse.SUPPRESS)
    return parser.parse_args()


def server_url() -> str:
    return os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")


def database_exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(f"{server_url()}/postgres", autocommit=True) as connection:
        return (
            connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None
        )


# --- The pages (run in the measuring process, with Django set up) ----------------------------------


def pages():
    """(role, label, username, method, url, data) for every page and export, reached as a person of the
    role reaches them: the objects are the busiest of their kind that the user may open."""
    from django.db.models import Count, Q
    from django.urls import reverse
    from django.utils import timezone

    from cases.models import Client, Episode, Handover, Referral, ServedMonth, Visit
    from cases.rules.limits import add_months
    from mentors.models import Contract, ProviderStaff
    from reporting.periods import month_start

    today = timezone.localdate()
    last_month = add_months(month_start(today), -1)
    year = {"start": f"{add_months(last_month, -11):%Y-%m}", "end": f"{last_month:%Y-%m}"}

    mentor = (
        ProviderStaff.objects.filter(role=ProviderStaff.Role.MENTOR, provider__code="DOMUS", is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    coordinator = ProviderStaff.objects.filter(
        role=ProviderStaff.Role.COORDINATOR, provider__code="DOMUS"
    ).first()
    osa_worker = ProviderStaff.objects.filter(
        role=ProviderStaff.Role.SOCIAL_WORKER, provider__code="OSA"
    ).first()
    # The mentor's open episode with the most visits, that takes a visit today.
    episode = (
        Episode.objects.filter(mentor=mentor, status=Episode.Status.ACTIVE)
        .filter(Q(limit_on__isnull=True) | Q(limit_on__gte=today))
        .annotate(n=Count("visits"))
        .order_by("-n", "pk")
        .first()
    )
    domus_episode = Episode.objects.filter(contract__provider__code="DOMUS").annotate(n=Count("visits"))
    domus_episode = domus_episode.order_by("-n", "pk").first()
    osa_episode = Episode.objects.filter(contract__provider__code="OSA").annotate(n=Count("visits"))
    osa_episode = osa_episode.order_by("-n", "pk").first()
    riga_client = Client.objects.filter(residence_municipality__name="Rīga").order_by("pk").first()
    riga_referral = (
        Referral.objects.filter(municipality__name="Rīga").order_by("-submitted_at", "-pk").first()
    )
    # The contract month with the most clients served: the largest statement.
    biggest = (
        ServedMonth.objects.values("contract_id", "month").annotate(n=Count("pk")).order_by("-n").first()
    )
    statement = reverse("reporting:statement", args=[biggest["contract_id"], f"{biggest['month']:%Y-%m}"])
    statement_export = [biggest["contract_id"], f"{biggest['month']:%Y-%m}"]
    domus_contract = Contract.objects.filter(provider__code="DOMUS", programme__code="UA-MENTOR").first()
    domus_statement = reverse("reporting:statement", args=[domus_contract.pk, f"{last_month:%Y-%m}"])
    handover = Handover.objects.annotate(n=Count("episodes")).order_by("-n").first()
    activities = list(
        Visit.activities.through.objects.filter(visit__episode=episode).values_list("activity_id", flat=True)[
            :2
        ]
    ) or [1]
    visit_data = {
        "visited_on": today.isoformat(),
        "duration_minutes": 60,
        "place": "home",
        "activities": activities,
        "attendees": [episode.client_id],
        "notes": "",
        "save_duplicate": "on",
    }
    search_name = (riga_client.family_name or "a")[:4]

    rows = [
        ("mentor", "home", mentor.user, "get", reverse("home"), None),
        ("mentor", "caseload", mentor.user, "get", reverse("cases:caseload"), None),
        ("mentor", "episode", mentor.user, "get", reverse("cases:episode_detail", args=[episode.pk]), None),
        ("mentor", "visit form", mentor.user, "get", reverse("cases:visit_create", args=[episode.pk]), None),
        (
            "mentor",
            "visit save",
            mentor.user,
            "post",
            reverse("cases:visit_create", args=[episode.pk]),
            visit_data,
        ),
        (
            "mentor",
            "client",
            mentor.user,
            "get",
            reverse("cases:client_detail", args=[episode.client_id]),
            None,
        ),
        ("coordinator", "home", coordinator.user, "get", reverse("home"), None),
        ("coordinator", "inbox", coordinator.user, "get", reverse("cases:referral_list"), None),
        ("coordinator", "team", coordinator.user, "get", reverse("cases:team"), None),
        ("coordinator", "caseload (all)", coordinator.user, "get", reverse("cases:caseload"), None),
        ("coordinator", "client list", coordinator.user, "get", reverse("cases:client_list"), None),
        (
            "coordinator",
            "client list by municipality",
            coordinator.user,
            "get",
            reverse("cases:client_list"),
            {"sort": "municipality"},
        ),
        (
            "coordinator",
            "episode",
            coordinator.user,
            "get",
            reverse("cases:episode_detail", args=[domus_episode.pk]),
            None,
        ),
        (
            "coordinator",
            "statements",
            coordinator.user,
            "get",
            reverse("reporting:statements"),
            {"programme": "UA-MENTOR", **year},
        ),
        ("coordinator", "statement", coordinator.user, "get", domus_statement, None),
        ("provider social worker", "home", osa_worker.user, "get", reverse("home"), None),
        ("provider social worker", "client list", osa_worker.user, "get", reverse("cases:client_list"), None),
        (
            "provider social worker",
            "client list by municipality",
            osa_worker.user,
            "get",
            reverse("cases:client_list"),
            {"sort": "municipality"},
        ),
        (
            "provider social worker",
            "search",
            osa_worker.user,
            "get",
            reverse("cases:client_list"),
            {"q": "ana"},
        ),
        (
            "provider social worker",
            "client",
            osa_worker.user,
            "get",
            reverse("cases:client_detail", args=[osa_episode.client_id]),
            None,
        ),
        (
            "provider social worker",
            "episode",
            osa_worker.user,
            "get",
            reverse("cases:episode_detail", args=[osa_episode.pk]),
            None,
        ),
        ("municipal social worker", "home", "riga-sw1", "get", reverse("home"), None),
        ("municipal social worker", "client list", "riga-sw1", "get", reverse("cases:client_list"), None),
        (
            "municipal social worker",
            "client list by municipality",
            "riga-sw1",
            "get",
            reverse("cases:client_list"),
            {"sort": "municipality"},
        ),
        (
            "municipal social worker",
            "search",
            "riga-sw1",
            "get",
            reverse("cases:client_list"),
            {"q": search_name},
        ),
        (
            "municipal social worker",
            "client",
            "riga-sw1",
            "get",
            reverse("cases:client_detail", args=[riga_client.pk]),
            None,
        ),
        ("municipal social worker", "referrals", "riga-sw1", "get", reverse("cases:referral_list"), None),
        (
            "municipal social worker",
            "referral",
            "riga-sw1",
            "get",
            reverse("cases:referral_detail", args=[riga_referral.pk]),
            None,
        ),
        ("municipal social worker", "figures", "riga-sw1", "get", reverse("reporting:referrals"), year),
        ("fund", "home", "fund", "get", reverse("home"), None),
        (
            "fund",
            "dashboard UA-MENTOR 12 months",
            "fund",
            "get",
            reverse("reporting:dashboard"),
            {"programme": "UA-MENTOR", **year},
        ),
        (
            "fund",
            "dashboard AS-OSA 12 months",
            "fund",
            "get",
            reverse("reporting:dashboard"),
            {"programme": "AS-OSA", **year},
        ),
        (
            "fund",
            "statements",
            "fund",
            "get",
            reverse("reporting:statements"),
            {"programme": "AS-OSA", **year},
        ),
        ("fund", "largest statement", "fund", "get", statement, None),
        ("fund", "referral figures", "fund", "get", reverse("reporting:referrals"), year),
        (
            "fund",
            "press",
            "fund",
            "get",
            reverse("reporting:press"),
            {"programme": "UA-MENTOR", "year": str(last_month.year)},
        ),
        ("fund", "handovers", "fund", "get", reverse("cases:handover_list"), None),
    ]
    if handover is not None:
        rows.append(
            ("fund", "handover", "fund", "get", reverse("cases:handover_detail", args=[handover.pk]), None)
        )
    for table in ("monthly", "contracts", "countries", "end_reasons", "municipalities", "warnings"):
        rows.append(
            (
                "fund",
                f"export {table}.csv",
                "fund",
                "get",
                reverse("reporting:export", args=[table, "csv"]),
                {"programme": "AS-OSA", **year},
            )
        )
    rows += [
        (
            "fund",
            "export all.xlsx",
            "fund",
            "get",
            reverse("reporting:export", args=["all", "xlsx"]),
            {"programme": "AS-OSA", **year},
        ),
        (
            "fund",
            "press.xlsx",
            "fund",
            "get",
            reverse("reporting:press_export", args=["xlsx"]),
            {"programme": "UA-MENTOR", "year": str(last_month.year)},
        ),
        (
            "fund",
            "largest statement.csv",
            "fund",
            "get",
            reverse("reporting:statement_export", args=[*statement_export, "csv"]),
            None,
        ),
        (
            "fund",
            "largest statement.xlsx",
            "fund",
            "get",
            reverse("reporting:statement_export", args=[*statement_export, "xlsx"]),
            None,
        ),
        ("data protection officer", "log", "dpo", "get", reverse("reporting:audit_log"), None),
        (
            "data protection officer",
            "log by person",
            "dpo",
            "get",
            reverse("reporting:audit_log"),
            {"kind": "reads", "person": "Olena"},
        ),
    ]
    return rows


def fetch(browser, method: str, url: str, data):
    from django.db import transaction

    if method == "post":
        with transaction.atomic():  # the save is measured, then undone: the data stay the same
            response = browser.post(url, data)
            transaction.set_rollback(True)
        return response
    return browser.get(url, data or {})


def measure(database: str, repeat: int) -> dict:
    """Fetch every page in this process (Django set up on `database`); returns the results."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client as TestClient
    from django.test.utils import CaptureQueriesContext

    from cases.models import Client, ServedMonth, Visit

    users = {}
    results = []
    for role, label, user, method, url, data in pages():
        if isinstance(user, str):
            user = users.setdefault(user, get_user_model().objects.get(username=user))
        browser = TestClient(HTTP_ACCEPT_LANGUAGE="lv")
        browser.force_login(user)

        fetch(browser, method, url, data)  # warm-up
        times, queries = [], 0
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = fetch(browser, method, url, data)
                content = b"".join(response) if response.streaming else response.content
                times.append(time.perf_counter() - started)
            queries = len(captured.captured_queries)
        results.append(
            {
                "role": role,
                "page": label,
                "url": url,
                "status": response.status_code,
                "queries": queries,
                "median": statistics.median(times),
                "bytes": len(content),
            }
        )
        print(
            f"  {role:24} {label:32} {response.status_code} {queries:3} q {statistics.median(times) * 1000:8.1f} ms",
            flush=True,
        )
    return {
        "database": database,
        "clients": Client.objects.count(),
        "visits": Visit.objects.count(),
        "served_months": ServedMonth.objects.count(),
        "pages": results,
    }


# --- Orchestration ------------------------------------------------------------------------------


def run_size(clients: int, args) -> dict:
    name = f"atbalsts_bench_{clients}"
    env = {
        **os.environ,
        "DATABASE_URL": f"{server_url()}/{name}",
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "LOG_LEVEL": "ERROR",
        "PYTHONWARNINGS": "ignore",
    }
    if args.build or not database_exists(name):
        sys.path.insert(0, str(BENCH))
        from reporting import build_database  # bench/reporting.py

        print(f"Building {name} ...", flush=True)
        build_database(name, clients, None, env)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], check=True, env=env, cwd=ROOT)
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [
            sys.executable,
            __file__,
            "--measure",
            name,
            "--json",
            out.name,
            "--repeat",
            str(args.repeat),
        ]
        print(f"{name}:", flush=True)
        subprocess.run(command, check=True, env=env, cwd=ROOT)
        return json.loads(Path(out.name).read_text())


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}" if seconds >= 0.1 else f"{seconds * 1000:,.1f}"


def write(results: list[dict], args, load: list[str]) -> None:
    sizes = [r["clients"] for r in results]
    by_key = [{(p["role"], p["page"]): p for p in r["pages"]} for r in results]
    keys = list(by_key[-1])
    lines = [
        "# Pages at 2,000 and 100,000 clients",
        "",
        f"`bench/pages.py` on {datetime.datetime.now(tz=datetime.UTC):%Y-%m-%d %H:%M} UTC: {platform.node()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, PostgreSQL (local), local settings with DEBUG off; each page fetched "
        f"through the test client as a demo user of its role, median of {args.repeat} after one warm-up.",
        "",
        "| database | clients | visits | served months |",
        "|---|---:|---:|---:|",
        *(
            f"| {r['database']} | {r['clients']:,} | {r['visits']:,} | {r['served_months']:,} |"
            for r in results
        ),
        "",
        "Load average (1, 5, 15 min) " + "; ".join(load) + ". The machine is shared: the times of one run "
        "compare with each other, not with another run's.",
        "",
    ]
    head = "| role | page | status | queries | " + " | ".join(f"{n:,} ms" for n in sizes)
    if len(results) == 2:
        head += " | ratio | KB at " + f"{sizes[-1]:,}"
    lines += [head + " |", "|---|---|---|---:|" + "---:|" * (len(sizes) + (2 if len(results) == 2 else 0))]
    for key in keys:
        rows = [b.get(key) for b in by_key]
        if any(row is None for row in rows):
            continue
        queries = "/".join(str(row["queries"]) for row in rows)
        if len({row["queries"] for row in rows}) == 1:
            queries = str(rows[0]["queries"])
        status = "/".join(sorted({str(row["status"]) for row in rows}))
        cells = [key[0], key[1], status, queries, *(ms(row["median"]) for row in rows)]
        if len(rows) == 2:
            cells += [f"{rows[1]['median'] / rows[0]['median']:.1f}", f"{rows[1]['bytes'] / 1024:,.0f}"]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    Path(args.output).write_text("\n".join(lines))
    print(f"Written {args.output}")


def load_average() -> str:
    return ", ".join(f"{n:.2f}" for n in os.getloadavg())


def main():
    args = parse_args()
    if args.measure:
        sys.path.insert(0, str(ROOT))
        result = measure(args.measure, args.repeat)
        Path(args.json).write_text(json.dumps(result))
        return
    results, load = [], []
    for clients in args.clients or SIZES:
        load.append(f"{load_average()} before {clients:,}")
        results.append(run_size(clients, args))
    load.append(f"{load_average()} at the end")
    write(results, args, load)


if __name__ == "__main__":
    main()
