"""Display helpers for figures: percentages, month labels, country names."""

import datetime
from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django_countries import countries

register = template.Library()


@register.filter
def percent(fraction):
    """0.853 → "85.3 %" (localised); empty when there is no fraction."""
    if fraction is None or fraction == "":
        return "—"
    return f"{floatformat(Decimal(fraction) * 100, 1)}\u00a0%"  # no line break before the sign


@register.filter
def month(value):
    """A month as YYYY-MM."""
    return f"{value:%Y-%m}" if isinstance(value, datetime.date) else value


@register.filter
def country(code):
    return countries.name(code) if code else "—"


@register.filter
def days(value):
    """A median number of days, one decimal where it is a half."""
    if value is None:
        return "—"
    return floatformat(value, -1)
