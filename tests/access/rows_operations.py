"""The load balancer's probes: open to everyone, signed in or not."""

from django.urls import reverse

from tests.access.matrix import Row, everyone


def build(world):
    pass


ROWS = [
    Row("healthz", lambda w: reverse("healthz"), everyone(200), anonymous=200),
    Row("readyz", lambda w: reverse("readyz"), everyone(200), anonymous=200),
]
