"""The tables the pages, downloads and `manage.py monthly_report` give, from the reporting figures."""

from dataclasses import replace

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries as country_names

from mentors.models import ContractMonth

from ..queries import ALL, MonthlyReport
from .formats import Column, Table

# Columns several tables share: a code has one label and one kind in every table.
PROGRAMME = Column("programme", "text", gettext_lazy("Programme"))
PROVIDER = Column("provider", "text", gettext_lazy("Provider"))
CONTRACT = Column("contract", "text", gettext_lazy("Contract"))
MONTH = Column("month", "text", gettext_lazy("Month"))
PERIOD = Column("period", "text", gettext_lazy("Period"))
SERVED = Column("served", "persons", gettext_lazy("Served"))
ENDED = Column("ended", "persons", gettext_lazy("Ended"))
MONTHLY_CAPACITY = Column("monthly_capacity", "number", gettext_lazy("Monthly capacity"))
RATE = Column("rate_eur", "money", gettext_lazy("Rate per client-month, EUR excl. VAT"))
PAYABLE = Column("payable_eur", "money", gettext_lazy("Payable, EUR"))


def _provider_name(code: str) -> str:
    return _("All providers") if code == ALL else code


def _country_name(code: str) -> str:
    return str(country_names.name(code)) if code else _("not recorded")


def monthly_table(report: MonthlyReport) -> Table:
    """The monthly report: `monthly_report`'s output and the dashboard's export, column for column."""
    columns = [
        PROGRAMME,
        replace(PROVIDER, show=_provider_name),
        MONTH,
        SERVED,
        Column("new", "persons", gettext_lazy("New")),
        Column("active_end", "persons", gettext_lazy("Active at month end")),
        Column("children", "persons", gettext_lazy("Children")),
        Column("visits", "count", gettext_lazy("Visits"), reveals="served"),
        Column("contact_minutes", "number", gettext_lazy("Contact minutes")),
        ENDED,
        *[
            Column(f"ended_{reason.code}", "persons", _("Ended: %(reason)s") % {"reason": reason.name})
            for reason in report.end_reasons
        ],
        PAYABLE,
    ]
    rows = []
    for row in report.rows():
        f = row.figures
        rows.append(
            [
                report.programme.code,
                row.provider_code,
                row.month_label,
                f.served,
                f.new,
                f.active_end,
                f.children,
                f.visits,
                f.contact_minutes,
                f.ended,
                *[f.ended_by_reason.get(reason.code, 0) for reason in report.end_reasons],
                f.payable_eur,
            ]
        )
    return Table("monthly", columns, rows, gettext_lazy("Monthly figures"))


def _payable_columns(sources) -> list[Column]:
    return [
        Column(f"payable_{source.code}", "money", _("Payable, EUR: %(source)s") % {"source": source.name})
        for source in sources
    ]


def contract_months_table(report: MonthlyReport) -> Table:
    """Per contract and month: served, capacity and its use, rate, payable and its split (the payment
    frozen when the month was locked, served and rate included)."""
    sources = report.funding_sources
    columns = [
        PROGRAMME,
        PROVIDER,
        CONTRACT,
        MONTH,
        SERVED,
        MONTHLY_CAPACITY,
        Column("capacity_use", "percent", gettext_lazy("Capacity use"), reveals="served"),
        RATE,
        PAYABLE,
        *_payable_columns(sources),
    ]
    rows = []
    for figures in report.contract_months:
        contract, payment = figures.contract, figures.payment
        use = figures.capacity_use
        rows.append(
            [
                report.programme.code,
                contract.provider.code,
                contract.number,
                f"{figures.month:%Y-%m}",
                payment.served,
                contract.monthly_capacity,
                None if use is None else round(float(use), 4),
                payment.rate_eur,
                payment.payable_eur,
                *[payment.amount_for(source) for source in sources],
            ]
        )
    return Table("contracts", columns, rows, gettext_lazy("Contracts"))


def countries_table(report: MonthlyReport) -> Table:
    """Clients served over the period per citizenship (countries of origin)."""
    columns = [
        PROGRAMME,
        PERIOD,
        Column("citizenship", "text", gettext_lazy("Citizenship"), show=_country_name),
        SERVED,
        Column("children", "persons", gettext_lazy("Children")),
        Column("new", "persons", gettext_lazy("New")),
    ]
    rows = [
        [report.programme.code, report.period.label, c.citizenship, c.served, c.children, c.new]
        for c in report.countries
    ]
    return Table("countries", columns, rows, gettext_lazy("Countries"))


def end_reasons_table(report: MonthlyReport) -> Table:
    names = {reason.code: reason.name for reason in report.end_reasons}
    return Table(
        "end_reasons",
        [
            PROGRAMME,
            PERIOD,
            Column("end_reason", "text", gettext_lazy("End reason"), show=names.get),
            ENDED,
        ],
        [
            [report.programme.code, report.period.label, reason.code, n]
            for reason, n in report.ended_by_reason()
        ],
        gettext_lazy("End reasons"),
    )


def municipalities_table(programme, period, figures) -> Table:
    names = {row.municipality.code: row.municipality.name for row in figures}
    columns = [
        PROGRAMME,
        PERIOD,
        Column("municipality", "text", gettext_lazy("Municipality"), show=names.get),
        Column("referrals_filed", "persons", gettext_lazy("Referrals filed")),
        Column("referrals_accepted", "persons", gettext_lazy("Referrals accepted")),
        Column("median_days_to_acceptance", "number", gettext_lazy("Median days to acceptance")),
        Column("median_days_to_first_visit", "number", gettext_lazy("Median days to the first visit")),
    ]
    rows = [
        [
            programme.code,
            period.label,
            row.municipality.code,
            row.filed,
            row.accepted,
            row.median_days_to_acceptance,
            row.median_days_to_first_visit,
        ]
        for row in figures
    ]
    return Table("municipalities", columns, rows, gettext_lazy("Municipalities"))


WARNINGS = {
    "under_capacity": gettext_lazy("Served under 80 percent of the capacity"),
    "referrals_waiting": gettext_lazy("Referrals waiting too long"),
    "past_limit": gettext_lazy("Open episodes past their time limit"),
    "no_contact": gettext_lazy("Clients with no contact"),
}


def _warning_name(code: str) -> str:
    return str(WARNINGS.get(code, code))


def warnings_table(programme, warnings, under_capacity) -> Table:
    """One row per warning: a month of a run under capacity (served and the capacity), or a provider's
    referrals waiting, episodes past their limit, clients with no contact (how many persons)."""
    columns = [
        PROGRAMME,
        PROVIDER,
        CONTRACT,
        Column("warning", "text", gettext_lazy("Warning"), show=_warning_name),
        MONTH,
        Column("persons", "persons", gettext_lazy("Persons")),
        MONTHLY_CAPACITY,
    ]
    rows = []
    for contract, run in under_capacity:
        for figures in run:
            rows.append(
                [
                    programme.code,
                    contract.provider.code,
                    contract.number,
                    "under_capacity",
                    f"{figures.month:%Y-%m}",
                    figures.served,
                    contract.monthly_capacity,
                ]
            )
    for warning in warnings:
        for code in ("referrals_waiting", "past_limit", "no_contact"):
            if getattr(warning, code):
                rows.append(
                    [programme.code, warning.provider.code, "", code, "", getattr(warning, code), None]
                )
    return Table("warnings", columns, rows, gettext_lazy("Early warnings"))


def press_table(press) -> Table:
    """The press figures: counts of persons in one column (suppressed for publication), the other
    numbers (the number of countries, the average per month) in another."""
    year = press.year

    def figure_name(code: str) -> str:
        if code.startswith("country_"):
            return _("Served, citizens of %(country)s") % {
                "country": _country_name(code.removeprefix("country_"))
            }
        return str(
            {
                "clients_since_start": _("Clients since the start"),
                "children_since_start": _("Children since the start"),
                "countries": _("Countries of origin"),
                f"first_time_{year}": _("First-time clients in %(year)s") % {"year": year},
                f"left_latvia_{year}": _("Services ended because the person left Latvia, %(year)s")
                % {"year": year},
                f"average_served_per_month_{year}": _("Average served per month, %(year)s") % {"year": year},
            }.get(code, code)
        )

    columns = [
        PROGRAMME,
        Column("figure", "text", gettext_lazy("Figure"), show=figure_name),
        Column("persons", "persons", gettext_lazy("Persons")),
        Column("number", "number", gettext_lazy("Number")),
    ]
    rows = [
        ["clients_since_start", press.clients_since_start, None],
        ["children_since_start", press.children_since_start, None],
        ["countries", None, press.countries],
        *[[f"country_{code}", n, None] for code, n in press.top_countries],
        [f"first_time_{year}", press.first_time_this_year, None],
        [f"left_latvia_{year}", press.left_latvia_this_year, None],
        [f"average_served_per_month_{year}", None, press.average_served_per_month],
    ]
    return Table(
        "press", columns, [[press.programme.code, *row] for row in rows], gettext_lazy("Press figures")
    )


def statement_table(statement, *, with_names: bool) -> Table:
    """The clients of a payment statement: client number (names only for the provider's own staff)."""
    columns = [Column("client_number", "text", gettext_lazy("Client number"))]
    if with_names:
        columns += [
            Column("given_name", "text", gettext_lazy("Given name")),
            Column("family_name", "text", gettext_lazy("Family name")),
        ]
    columns.append(Column("contacts", "count", gettext_lazy("Contacts")))
    rows = []
    for row in statement.clients:
        names = [row["client__given_name"], row["client__family_name"]] if with_names else []
        rows.append([row["number"], *names, row["contacts"]])
    return Table("statement", columns, rows, gettext_lazy("Clients served"))


def _status_name(code: str) -> str:
    return str(ContractMonth.Status(code).label)


def payment_table(statement) -> Table:
    """The payment of a statement: served × rate, the split by funding source, the month's status."""
    contract = statement.contract
    columns = [
        CONTRACT,
        PROVIDER,
        PROGRAMME,
        MONTH,
        Column("served", "persons", gettext_lazy("Clients served")),
        RATE,
        PAYABLE,
        *_payable_columns([source for source, _amount in statement.split]),
        Column("status", "text", gettext_lazy("Status"), show=_status_name),
    ]
    row = [
        contract.number,
        contract.provider.code,
        contract.programme.code,
        f"{statement.month:%Y-%m}",
        statement.served,
        statement.rate_eur,
        statement.payable_eur,
        *[amount for _source, amount in statement.split],
        statement.status,
    ]
    return Table("payment", columns, [row], gettext_lazy("Payment"))


def signature_rows(statement) -> list[list]:
    """The approval lines of a paper statement: who prepared it and who approved it, each with a
    name, a date and a signature (the fund's approver and date filled in once the month is locked)."""
    approved = statement.approval
    return [
        [_("Prepared by (provider)"), _("Name, surname"), "", _("Date"), "", _("Signature"), ""],
        [
            _("Approved by (the fund)"),
            _("Name, surname"),
            approved.by_name if approved else "",
            _("Date"),
            approved.on if approved else "",
            _("Signature"),
            "",
        ],
    ]
