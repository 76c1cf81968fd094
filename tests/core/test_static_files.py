"""The production static storage accepts every static file: `collectstatic` with hashed names succeeds."""

from django.core.management import call_command
from django.templatetags.static import static


def test_collectstatic_with_the_production_storage(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)

    chart = static("vendor/chartjs/chart.umd.min.js")
    assert chart != "/static/vendor/chartjs/chart.umd.min.js"  # a hashed name from the manifest
    assert (tmp_path / chart.removeprefix("/static/")).exists()
