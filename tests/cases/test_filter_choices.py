"""A list's filter offers "no filter" in the reader's language (issue 11): every select of every list's
filters names its empty choice (Latvian "Visi", or the list's own word such as "viss"), never Django's
"---------"."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

LISTS = [
    ("coordinator_x", "cases:client_list"),
    ("coordinator_x", "cases:caseload"),
    ("coordinator_x", "cases:referral_list"),
    ("coordinator_x", "cases:team"),
    ("mentor_x", "cases:caseload"),
    ("sw_a", "cases:client_list"),
    ("sw_a", "cases:referral_list"),
    ("fund", "home"),
    ("fund", "reporting:statements"),
]


@pytest.mark.parametrize(("who", "url"), LISTS)
def test_every_filter_names_its_empty_choice_in_latvian(client, cast, who, url):
    client.force_login(cast[who])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "lv"
    page = client.get(reverse(url)).content.decode()
    empty_choices = re.findall(r'<option value=""(?: selected)?>(.*?)</option>', page)
    assert empty_choices, "the list has a filter with a choice of everything"
    assert "---------" not in page
    # The generic word, or the words a form chose itself (the caseload's "what is due", the statements').
    assert set(empty_choices) <= {"Visi", "viss", "Visi pakalpojuma sniedzēji", "visi statusi"}


def test_the_generic_empty_choice_is_visi_in_latvian(client, cast):
    client.force_login(cast["coordinator_x"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "lv"
    page = client.get(reverse("cases:client_list")).content.decode()
    select = re.search(r'<select name="programme".*?</select>', page, re.S).group(0)
    assert re.search(r'<option value="" selected>Visi</option>', select)
