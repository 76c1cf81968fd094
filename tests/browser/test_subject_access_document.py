"""The subject-access document (GDPR Art. 15) is a file in the download's zip, opened from the person's
disk: no server, no Content-Security-Policy, no /static/ to fetch from. Its style is therefore inside it,
and it must render styled, in the person's language, with no error in the console."""

import io
import zipfile

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_the_subject_access_document_renders_styled_from_the_zip(client, admin_user, sw_a, desktop, tmp_path):
    person = f.ConsentedClientFactory(preferred_language=f.language("uk"), registered_by=sw_a)
    client.force_login(admin_user)
    response = client.get(reverse("cases:subject_access", args=[person.pk]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    [name] = [name for name in archive.namelist() if name.endswith(".html")]
    archive.extractall(tmp_path)
    document = (tmp_path / name).read_text(encoding="utf-8")
    assert '<link rel="stylesheet"' not in document  # nothing to fetch: the file stands alone

    errors = []
    desktop.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    desktop.goto((tmp_path / name).as_uri())
    assert desktop.evaluate("document.documentElement.lang") == "uk"
    assert desktop.evaluate("getComputedStyle(document.body).maxWidth") == "960px"  # 60rem
    assert desktop.evaluate("getComputedStyle(document.querySelector('h2')).borderBottomStyle") == "solid"
    assert errors == []
