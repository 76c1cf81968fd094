"""Reading the log in tests: entries of a model, and a page's history as a person reads it."""

import html
import re

from django.contrib.contenttypes.models import ContentType

from audit.models import LogEntry


def entries_of(model, pk=None):
    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))
    return entries.filter(object_id=pk) if pk is not None else entries


def text(response, testid: str) -> str:
    """The text of the page's element with this data-testid (to its end), tags removed, spaces collapsed."""
    page = response.content.decode()
    start = page.find(f'data-testid="{testid}"')
    assert start != -1, f"no {testid} on the page"
    plain = re.sub(r"<[^>]+>", " ", page[start:].split(">", 1)[1])
    return re.sub(r"\s+", " ", html.unescape(plain)).replace(" :", ":")


def history(response) -> str:
    return text(response, "history")
