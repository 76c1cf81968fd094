"""Staff login pages: the second factor, "log out everywhere", the password reset (open to everyone).

The matrix runs with the test settings' MFA_REQUIRED = False and users without a second factor, so the
code page sends everyone to enrolment; tests/core/test_login.py covers the pages with the rule on.
"""

from django.urls import reverse

from tests.access.matrix import Row, everyone


def build(world):
    pass


ROWS = [
    Row("account:enrol", lambda w: reverse("account:enrol"), everyone(200)),
    Row(
        "account:enrol",
        lambda w: reverse("account:enrol"),
        everyone(200),
        method="post",
        data=lambda w: {"code": "not-a-code"},
        label="wrong code",
    ),
    Row("account:qr", lambda w: reverse("account:qr"), everyone(200)),
    Row("account:verify", lambda w: reverse("account:verify"), everyone(302)),
    Row("account:sessions_end", lambda w: reverse("account:sessions_end"), everyone(302), method="post"),
    Row("password_reset", lambda w: reverse("password_reset"), everyone(200), anonymous=200),
    Row("password_reset_done", lambda w: reverse("password_reset_done"), everyone(200), anonymous=200),
    Row(
        "password_reset_confirm",
        lambda w: reverse("password_reset_confirm", args=["MQ", "not-a-token"]),
        everyone(200),
        anonymous=200,
        label="invalid link",
    ),
    Row(
        "password_reset_complete", lambda w: reverse("password_reset_complete"), everyone(200), anonymous=200
    ),
]
