"""Notifications and the person's own settings: every signed-in person has their own (and sees only
their own: tests/notifications/test_pages.py); nobody else's is reachable by any URL."""

from django.urls import reverse

from notifications.kinds import Kind
from notifications.services import notify
from tests.access.matrix import Row, everyone


def build(world):
    # Something for sw_a to read; everyone else's list is empty, and never shows it.
    notify(
        kind=Kind.CLIENT_ASSIGNED,
        recipients=[world["cast"]["sw_a"]],
        url="/",
        params={"first_name": "Olena", "client": "K-0000001"},
    )


ROWS = [
    Row("notifications:list", lambda w: reverse("notifications:list"), everyone(200)),
    Row("notifications:unread", lambda w: reverse("notifications:unread"), everyone(200)),
    Row("account:preferences", lambda w: reverse("account:preferences"), everyone(200)),
    Row(
        "account:preferences",
        lambda w: reverse("account:preferences"),
        everyone(302),
        method="post",
        data=lambda w: {"language": "lv", "email": "daily"},
        label="save",
    ),
]
