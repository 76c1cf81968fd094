"""Fixtures of the project-wide tests."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings


@pytest.fixture
def production_settings():
    """Settings as production reads them, by name (a separate process: importing the production
    settings here would change the test settings)."""

    def read(*names: str) -> dict:
        code = (
            "import json, django; from django.conf import settings; django.setup(); "
            f"print(json.dumps({{name: getattr(settings, name) for name in {list(names)!r}}}))"
        )
        env = os.environ | {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "production-settings-test-0123456789abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "testserver",
        }
        env.pop("CONN_MAX_AGE", None)
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    return read
