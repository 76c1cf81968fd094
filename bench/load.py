"""Load benchmark: 20 people at once against gunicorn with production settings, written to bench/load.md.

    .venv/bin/python bench/load.py                 # 3 minutes on atbalsts_bench_100000
    .venv/bin/python bench/load.py --time 1m --clients 2000

On bench/reporting.py's database (built there if missing; `migrate` brings it up to date), under
production settings: collectstatic, the README's gunicorn line (4 processes × 2 threads, gthread), and
Locust headless (bench/locustfile.py) with 20 users and think time (1–5 s between requests): 8 mentors
looking at their caseload and episodes and logging visits, 6 social workers (municipal and provider)
searching for and opening people, 4 coordinators in the inbox and the team view, 2 fund staff on the
12-month dashboards and statements. Each logs in as their own demo account with the password and an
authenticator code (a TOTP device enrolled here, as .ci/production-smoke does). Every person now and
then opens a trivial signed-in page (the password form): the floor, what any request costs under the
same load. Per endpoint: requests, failures, p50 and p95; the load average before and after.

Goals (issue 13): p95 under 300 ms for pages and under 500 ms for saves, no errors. The visits logged
stay in the database (they are real saves); rebuild it (`bench/reporting.py`) for a fresh start.
"""

import argparse
import csv
import datetime
import json
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent

ACCOUNTS = {
    "mentor": [f"domus-mentor{n}" for n in range(1, 5)] + [f"caritas-mentor{n}" for n in range(1, 5)],
    "social_worker": ["riga-sw1", "riga-sw2", "daugavpils-sw1", "osa-sw1", "osa-sw2", "caritas-sw1"],
    "coordinator": ["domus-coordinator", "caritas-coordinator", "osa-coordinator", "lsk-coordinator"],
    "fund": ["fund", "fund2"],
}
SEARCHES = ["ana", "iva", "kov", "olen", "petr", "shev", "1985", "bond", "mar", "tar"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--time", default="3m", help="How long the load runs (Locust's --run-time).")
    parser.add_argument("--output", default=str(BENCH / "load.md"))
    parser.add_argument("--prepare", help=argparse.SUPPRESS)  # internal: write the plan to this file
    return parser.parse_args()


def server_url() -> str:
    return os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")


def prepare(path: str) -> None:
    """Under production settings: enrol every account with a fresh authenticator key, and find each
    mentor's open episodes that take a visit today. Written as JSON for the locustfile."""
    import django

    django.setup()
    from django.db.models import Q
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from cases.demo import DEMO_PASSWORD
    from cases.models import Episode
    from cases.rules.limits import add_months
    from reporting.periods import month_start

    today = timezone.localdate()
    plan = {"password": DEMO_PASSWORD, "accounts": {}, "searches": SEARCHES}
    for role, usernames in ACCOUNTS.items():
        plan["accounts"][role] = []
        for user in _active_accounts(usernames):
            TOTPDevice.objects.filter(user=user, name="load").delete()
            device = TOTPDevice.objects.create(user=user, name="load", confirmed=True)
            account = {"username": user.username, "key": device.key}
            if role == "mentor":
                episodes = (
                    Episode.objects.filter(
                        mentor__user=user, status=Episode.Status.ACTIVE, started_on__lte=today
                    )
                    .filter(Q(limit_on__isnull=True) | Q(limit_on__gte=today))
                    .exclude(client__consents__withdrawn_on__isnull=False)
                    .order_by("pk")
                    .values("pk", "client_id")
                )
                account["episodes"] = [{"pk": e["pk"], "client": e["client_id"]} for e in episodes]
            plan["accounts"][role].append(account)
    last_month = add_months(month_start(today), -1)
    period = {"start": f"{add_months(last_month, -11):%Y-%m}", "end": f"{last_month:%Y-%m}"}
    plan["dashboards"] = [[code, period] for code in ("UA-MENTOR", "AS-OSA", "AS-ESF")]
    Path(path).write_text(json.dumps(plan))


def _active_accounts(usernames: list[str]) -> list:
    """The demo accounts named, each replaced when the demo has retired it (a contract that ended, e.g.
    Caritas' AS-ESF mentors) by an active account of the same kind: the same provider's next mentor
    (`caritas-mentor1` → `caritas-mentor19`), else any active one of the role (`-coordinator`)."""
    from django.contrib.auth import get_user_model

    active = list(get_user_model().objects.filter(is_active=True).order_by("username"))
    by_name = {user.username: user for user in active}
    chosen = []
    for name in usernames:
        prefix, role = name.rstrip("0123456789"), "-" + name.rstrip("0123456789").rsplit("-", 1)[-1]
        candidates = [by_name.get(name)] + [u for u in active if u.username.startswith(prefix)]
        candidates += [u for u in active if u.username.rstrip("0123456789").endswith(role)]
        chosen.append(next(u for u in candidates if u is not None and u not in chosen))
    return chosen


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile_rows(stats_csv: Path) -> list[dict]:
    with stats_csv.open(encoding="utf-8") as rows:
        return list(csv.DictReader(rows))


def write(
    args, rows: list[dict], failures: list[dict], load: list[str], database: dict, seconds: float
) -> None:
    saves = {"mentor: visit save"}
    # Logging in (once per person, at the start) hashes the password on purpose: slow by design, and
    # not one of the goals' pages or saves.
    logins = {"login page", "login", "login code page", "login code"}
    lines = [
        "# Load: 20 people at once",
        "",
        f"`bench/load.py` on {datetime.datetime.now(tz=datetime.UTC):%Y-%m-%d %H:%M} UTC: {platform.node()}, "
        f"{os.cpu_count()} cores (shared), PostgreSQL on the same machine, database {database['name']} "
        f"({database['clients']:,} clients, {database['visits']:,} visits before the run); gunicorn with "
        "production settings, `--worker-class gthread --workers 4 --threads 2`; Locust "
        f"headless, 20 users, think time 1–5 s, {args.time} ({seconds:.0f} s).",
        "",
        "Load average (1, 5, 15 min) " + "; ".join(load) + ". The machine is shared with other work: "
        "compare an endpoint with the floor measured in the same run.",
        "",
        "Goals: p95 under 300 ms for pages, under 500 ms for saves; no errors.",
        "",
        "| endpoint | requests | failures | p50 ms | p95 ms | goal | met |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        name = row["Name"]
        if row["Type"] == "" or name == "Aggregated":
            continue
        p95 = float(row["95%"] or 0)
        if name in logins:
            goal, met = "—", "(once per person)"
        else:
            goal = 500 if name in saves else 300
            met = "yes" if p95 < goal and row["Failure Count"] == "0" else "no"
        lines.append(
            f"| {name} ({row['Type']}) | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | "
            f"{row['95%']} | {goal} | {met} |"
        )
    total = next((row for row in rows if row["Name"] == "Aggregated"), None)
    if total:
        lines.append(
            f"| **all** | {total['Request Count']} | {total['Failure Count']} | {total['50%']} | {total['95%']} | | |"
        )
    lines += ["", "Failures:" if failures else "No failures.", ""]
    for failure in failures:
        lines.append(
            f"- {failure['Method']} {failure['Name']}: {failure['Error']} ({failure['Occurrences']}×)"
        )
    if any("'0 " in failure["Error"] for failure in failures):
        lines += [
            "",
            "A failure `0` is a request that got no HTTP answer: the connection closed (a request still "
            "running when the run stopped, or one killed at gunicorn's 30 s timeout).",
        ]
    lines.append("")
    Path(args.output).write_text("\n".join(lines))
    print(f"Written {args.output}")


def main():
    args = parse_args()
    if args.prepare:
        sys.path.insert(0, str(ROOT))
        prepare(args.prepare)
        return
    name = f"atbalsts_bench_{args.clients}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": f"{server_url()}/{name}",
        "SECRET_KEY": "load-" + secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "WARNING",
        "PYTHONWARNINGS": "ignore",
    }
    sys.path.insert(0, str(BENCH))
    import psycopg

    with psycopg.connect(f"{server_url()}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    if not exists:
        from reporting import build_database  # bench/reporting.py

        build_database(name, args.clients, None, {**env, "DJANGO_SETTINGS_MODULE": "config.settings.local"})
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], check=True, env=env, cwd=ROOT)
    subprocess.run([*manage, "collectstatic", "--no-input", "-v", "0"], check=True, env=env, cwd=ROOT)
    with psycopg.connect(env["DATABASE_URL"]) as connection:
        clients, visits = connection.execute(
            "SELECT (SELECT COUNT(*) FROM cases_client), (SELECT COUNT(*) FROM cases_visit)"
        ).fetchone()
    database = {"name": name, "clients": clients, "visits": visits}

    with tempfile.TemporaryDirectory() as work:
        plan = Path(work) / "plan.json"
        subprocess.run([sys.executable, __file__, "--prepare", str(plan)], check=True, env=env, cwd=ROOT)
        port = free_port()
        gunicorn = subprocess.Popen(  # the README's line
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--worker-class",
                "gthread",
                "--workers",
                "4",
                "--threads",
                "2",
                "--max-requests",
                "1000",
                "--max-requests-jitter",
                "100",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
            stderr=(Path(work) / "gunicorn.log").open("w"),
        )
        try:
            for _ in range(150):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310
                    break
                except OSError:
                    time.sleep(0.2)
            load = [f"{', '.join(f'{n:.2f}' for n in os.getloadavg())} before"]
            started = time.perf_counter()
            subprocess.run(
                [
                    str(Path(sys.executable).parent / "locust"),
                    "-f",
                    str(BENCH / "locustfile.py"),
                    "--headless",
                    "--users",
                    "20",
                    "--spawn-rate",
                    "4",
                    "--run-time",
                    args.time,
                    "--host",
                    f"http://127.0.0.1:{port}",
                    "--csv",
                    str(Path(work) / "load"),
                    "--stop-timeout",  # a request in progress at the end is answered, not cut off
                    "30",
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                env={**env, "LOAD_PLAN": str(plan)},
                cwd=ROOT,
                check=False,  # Locust exits 1 when a request failed: the table says so
            )
            seconds = time.perf_counter() - started
            load.append(f"{', '.join(f'{n:.2f}' for n in os.getloadavg())} after")
        finally:
            gunicorn.send_signal(signal.SIGTERM)
            gunicorn.wait(timeout=60)
            with psycopg.connect(env["DATABASE_URL"], autocommit=True) as connection:
                # The demo accounts go back to logging in without a second factor (bench/pages.py).
                connection.execute("DELETE FROM otp_totp_totpdevice WHERE name = 'load'")
        rows = percentile_rows(Path(work) / "load_stats.csv")
        failures = percentile_rows(Path(work) / "load_failures.csv")
    write(args, rows, failures, load, database, seconds)


if __name__ == "__main__":
    main()
