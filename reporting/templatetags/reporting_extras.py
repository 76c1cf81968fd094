"""Display helpers for figures: percentages, month labels, country names, a printed statement's rows."""

import datetime
from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
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


@register.simple_tag
def statement_client_rows(clients, with_names: bool):
    """The rows of a printed statement's clients (row number, client number, the name for those who
    may see it, contacts), built in one pass: a template loop takes seconds over 10,000 clients."""
    if with_names:
        row = '<tr><td class="number">{}</td><td>{}</td><td>{} {}</td><td class="number">{}</td></tr>'
        values = (
            (n, c["number"], c["client__given_name"], c["client__family_name"], c["contacts"])
            for n, c in enumerate(clients, start=1)
        )
    else:
        row = '<tr><td class="number">{}</td><td>{}</td><td class="number">{}</td></tr>'
        values = ((n, c["number"], c["contacts"]) for n, c in enumerate(clients, start=1))
    return format_html_join("\n", row, values)


PERIOD_ROW = mark_safe(' class="table-secondary fw-semibold"')  # noqa: S308 (a constant)
FIGURES_ROW = (
    '<tr{} data-provider="{}" data-month="{}">'
    '<th scope="row" class="fw-normal text-nowrap">{}</th>'
    '<td class="text-nowrap">{}</td>'
    '<td class="text-end" data-figure="served">{}</td>'
    '<td class="text-end">{}</td><td class="text-end">{}</td><td class="text-end">{}</td>'
    '<td class="text-end">{}</td><td class="text-end">{}</td><td class="text-end">{}</td>'
    '<td class="text-end text-nowrap" data-figure="payable">{}</td>'
    '<td class="text-end">{}</td></tr>'
)


@register.simple_tag
def figures_rows(rows):
    """The rows of the dashboard's table (`MonthlyReport.table_rows`), built in one pass: a template
    loop over a year of every provider's months takes a fifth of the page's time."""
    all_providers, period = _("All providers"), _("Period")
    return format_html_join(
        "\n",
        FIGURES_ROW,
        (
            (
                PERIOD_ROW if row.is_period else "",
                row.provider_code,
                row.month_label,
                row.provider.code if row.provider else all_providers,
                period if row.is_period else row.month_label,
                row.figures.served,
                row.figures.new,
                row.figures.active_end,
                row.figures.children,
                row.figures.visits,
                floatformat(row.figures.contact_hours, 1),
                row.figures.ended,
                floatformat(row.figures.payable_eur, "2g"),
                "—" if row.is_period else percent(row.figures.capacity_use),
            )
            for row in rows
        ),
    )
