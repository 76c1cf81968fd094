"""Backups: a dump made by bin/backup, restored by bin/restore-drill into a fresh database, gives the
same monthly figures as the database it was taken from (PostgreSQL only)."""

import io
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import Max, Min

from cases.models import Visit
from mentors.models import Programme

ROOT = Path(settings.BASE_DIR)

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore need PostgreSQL"),
]


def _url(database: str) -> str:
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    return f"postgres://{quote(db['USER'], safe='')}{password}@{db['HOST']}:{db['PORT'] or 5432}/{database}"


def _monthly_reports(run) -> dict[str, str]:
    """Every programme's monthly report over the whole span of the visits, as `run` gives it."""
    span = Visit.objects.aggregate(first=Min("visited_on"), last=Max("visited_on"))
    months = ["--from", f"{span['first']:%Y-%m}", "--to", f"{span['last']:%Y-%m}"]
    codes = Programme.objects.order_by("code").values_list("code", flat=True)
    return {code: run("--programme", code, *months) for code in codes}


def test_a_restored_backup_gives_the_same_monthly_report(tmp_path):
    call_command("generate_demo_data", clients=40, seed=1, stdout=io.StringIO())
    assert Visit.objects.exists()

    def here(*args):
        out = io.StringIO()
        call_command("monthly_report", *args, stdout=out)
        return out.getvalue()

    before = _monthly_reports(here)

    source = _url(connection.settings_dict["NAME"])
    restored_name = f"{connection.settings_dict['NAME']}_restored"
    env = {**os.environ, "DATABASE_URL": source, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    dump = tmp_path / "atbalsts.dump"
    subprocess.run([ROOT / "bin/backup", dump], check=True, env=env, cwd=ROOT, capture_output=True)  # noqa: S603
    assert dump.stat().st_mode & 0o077 == 0  # personal data: readable by its owner only
    try:
        drill = subprocess.run(  # noqa: S603
            [ROOT / "bin/restore-drill", dump, "--keep"],
            env=env | {"RESTORE_DATABASE_URL": _url(restored_name)},
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert drill.returncode == 0, drill.stderr
        assert "Restore drill passed" in drill.stdout

        def restored(*args):
            return subprocess.run(  # noqa: S603
                [sys.executable, "manage.py", "monthly_report", *args],
                env=env | {"DATABASE_URL": _url(restored_name)},
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            ).stdout

        after = _monthly_reports(restored)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{restored_name}"')
    assert after == before
    assert sum(len(report.splitlines()) for report in before.values()) > len(before) * 3
