"""Project-wide pages: home, password change, language switch."""

from django.urls import reverse

from tests.access.matrix import Row, everyone


def build(world):
    pass


ROWS = [
    Row("home", lambda w: reverse("home"), everyone(200)),
    Row("password_change", lambda w: reverse("password_change"), everyone(200)),
    Row("password_change_done", lambda w: reverse("password_change_done"), everyone(200)),
    Row(
        "set_language",
        lambda w: reverse("set_language"),
        everyone(302),
        method="post",
        data=lambda w: {"language": "uk", "next": "/"},
        anonymous=302,
    ),
]
