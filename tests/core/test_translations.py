"""Every message is translated to Latvian, Ukrainian and Russian, none fuzzy, and the .mo is current."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

LOCALE = Path(django_settings.BASE_DIR) / "locale"
LANGUAGES = ["lv", "uk", "ru"]
SOURCE_DIRS = ["cases", "mentors", "municipalities", "reporting", "config", "templates"]


def catalogue_problems(po: Path) -> list[str]:
    """Untranslated and fuzzy entries of a .po file (obsolete `#~` entries do not count)."""
    problems = []
    text = po.read_text(encoding="utf-8")
    # makemessages may put the first entry right under the header, with no blank line between them.
    text = re.sub(r'^(".*"\n)(?=#|msgctxt |msgid )', r"\1\n", text, flags=re.M)
    for block in re.split(r"\n\s*\n", text)[1:]:
        if block.lstrip().startswith("#~"):
            continue
        msgid = re.search(r'^msgid "(.*)"', block, re.M)
        label = msgid.group(1) if msgid else block[:60]
        if re.search(r"^#,.*\bfuzzy\b", block, re.M):
            problems.append(f"fuzzy: {label}")
        strs = re.findall(r'^msgstr(?:\[\d\])? "(.*)"\n?((?:".*"\n?)*)', block, re.M)
        if strs and any(not (first + rest.replace('"', "").strip()) for first, rest in strs):
            problems.append(f"untranslated: {label}")
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_complete(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    assert po.exists(), f"{po} is missing"
    assert catalogue_problems(po) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_is_current(language, tmp_path):
    """The committed .mo is what msgfmt makes from the committed .po."""
    source = LOCALE / language / "LC_MESSAGES"
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(compiled), str(source / "django.po")], check=True)  # noqa: S603, S607
    assert compiled.read_bytes() == (source / "django.mo").read_bytes(), (
        f"locale/{language}/LC_MESSAGES/django.mo is stale: run `make messages`"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_source_string_is_translated(language, tmp_path, settings, monkeypatch):
    """makemessages over a copy of the sources adds nothing untranslated to the committed catalogue."""
    root = Path(django_settings.BASE_DIR)
    for name in SOURCE_DIRS:
        shutil.copytree(
            root / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "migrations")
        )
    shutil.copytree(LOCALE / language, tmp_path / "locale" / language)
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=[language], no_location=True, verbosity=0)
    assert catalogue_problems(tmp_path / "locale" / language / "LC_MESSAGES" / "django.po") == []
