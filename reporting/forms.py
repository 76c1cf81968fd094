"""Pickers of the reporting pages (GET forms) and the lock / unlock forms of a payment statement."""

import datetime
import re

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms.filters import ListFilterForm
from cases.forms.layout import date_input
from cases.rules.limits import add_months
from mentors.access import Action, can
from mentors.models import Programme, Provider
from municipalities.models import Municipality

from .periods import FIRST_MONTH, LAST_MONTH, Period, month_start, parse_month
from .press import programme_life
from .statements import awaits_approval

MAX_MONTHS = 120
DEFAULT_MONTHS = 12


class MonthInput(forms.TextInput):
    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__({"placeholder": "YYYY-MM", "pattern": r"\d{4}-\d{2}", **(attrs or {})})


class MonthField(forms.CharField):
    widget = MonthInput

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_month(value)
        except ValueError:
            raise forms.ValidationError(
                _("Enter a month as YYYY-MM, from %(first)s to %(last)s."),
                code="invalid",
                params={"first": f"{FIRST_MONTH:%Y-%m}", "last": f"{LAST_MONTH:%Y-%m}"},
            ) from None

    def prepare_value(self, value):
        return f"{value:%Y-%m}" if isinstance(value, datetime.date) else value


class CodeChoiceField(forms.ModelChoiceField):
    """A choice by code that refuses text the database cannot hold (a NUL byte) as an invalid choice."""

    def to_python(self, value):
        if isinstance(value, str) and "\x00" in value:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


def programmes_for(user) -> list[Programme]:
    """Fund staff: every programme; a coordinator: the programmes of their provider's contracts;
    a municipal social worker: the programmes that take municipal referrals (`mentors.access`).
    Read once per form: its choices, its default and the chosen one come from this list."""
    return list(Programme.objects.for_user(user).order_by("code"))


def default_programme(programmes: list[Programme], today: datetime.date) -> Programme | None:
    """The longest-running programme that runs today, else the first."""
    running = [p for p in programmes if p.starts_on <= today and (p.ends_on is None or p.ends_on >= today)]
    return min(running, key=lambda p: (p.starts_on, p.code), default=None) or next(iter(programmes), None)


class ProgrammeChoiceField(forms.ChoiceField):
    """A programme chosen by code among those the form has loaded (`programmes_for`): the choices,
    the validation and the cleaned value from that one list (a code not in it, or text the database
    cannot hold, is an invalid choice)."""

    def __init__(self, **kwargs):
        super().__init__(label=_("Programme"), **kwargs)
        self.programmes: dict[str, Programme] = {}

    def offer(self, programmes: list[Programme]) -> None:
        self.programmes = {programme.code: programme for programme in programmes}
        self.choices = [(programme.code, str(programme)) for programme in programmes]

    def clean(self, value):
        return self.programmes[super().clean(value)]


def _show_button():
    return StrictButton(_("Show"), type="submit", css_class="btn-primary w-100")


class _GetForm(forms.Form):
    """A GET picker: bound to the query string, with defaults for what it leaves out. `publication`
    (`?publication=1`, downloads only) suppresses counts from 1 to 4."""

    publication = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, *, user, today: datetime.date, **kwargs):
        self.user = user
        self.today = today
        super().__init__(self._with_defaults(data), **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_tag = True
        self.helper.disable_csrf = True
        self.helper.form_class = "row g-2 align-items-end no-print"
        self.helper.attrs = {"data-testid": "period-form", "novalidate": ""}

    def _with_defaults(self, data):
        return data


class ReportForm(_GetForm):
    """Programme and period (months); fund staff may narrow the figures to one provider."""

    programme = ProgrammeChoiceField()
    start = MonthField(label=_("From month"))
    end = MonthField(label=_("To month"))
    provider = CodeChoiceField(
        label=_("Provider"),
        queryset=Provider.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All providers"),
    )

    def __init__(self, data=None, *, user, today, **kwargs):
        self.programmes = programmes_for(user)
        super().__init__(data, user=user, today=today, **kwargs)
        self.fields["programme"].offer(self.programmes)
        if can(user, Action.SEE_EVERY_PROVIDER):
            self.fields["provider"].queryset = Provider.objects.filter(contracts__isnull=False).distinct()
            provider_field = [Div(Field("provider"), css_class="col-12 col-md-3")]
        else:
            del self.fields["provider"]
            provider_field = []
        self.helper.layout = Layout(
            Div(Field("programme"), css_class="col-12 col-md-3"),
            Div(Field("start"), css_class="col-6 col-md-2"),
            Div(Field("end"), css_class="col-6 col-md-2"),
            *provider_field,
            Div(_show_button(), css_class="col-12 col-md-2 mb-3"),
        )

    def _with_defaults(self, data):
        data = data.copy() if data is not None else {}
        programme = None
        if data.get("programme"):
            programme = next((p for p in self.programmes if p.code == data["programme"]), None)
        programme = programme or default_programme(self.programmes, self.today)
        if not data.get("programme") and programme:
            data["programme"] = programme.code
        if not data.get("end"):
            last = programme_life(programme, self.today).last_month if programme else month_start(self.today)
            data["end"] = f"{last:%Y-%m}"
        if not data.get("start"):
            try:
                end = parse_month(data["end"])
            except ValueError:
                end = month_start(self.today)
            start = add_months(end, -(DEFAULT_MONTHS - 1))
            data["start"] = f"{start:%Y-%m}"
        return data

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if start > end:
                self.add_error("end", _("The last month cannot come before the first."))
            elif len(Period(start, end).months) > MAX_MONTHS:
                self.add_error("start", _("Choose at most %(count)s months.") % {"count": MAX_MONTHS})
        return cleaned

    @property
    def period(self) -> Period:
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])


class StatementListForm(ReportForm):
    """The payment statements' picker, with the status of each contract month ("awaiting approval": the
    month is over and not yet approved) and the column the list is sorted by (`?sort=`, as on every
    list: the key, or the key with a minus sign for the other way)."""

    STATUSES = [
        ("", _("every status")),
        ("awaiting", _("awaiting approval")),
        ("approved", _("approved and locked")),
        ("open", _("open")),
    ]
    SORTS = ("provider", "contract", "month", "served", "capacity", "payable", "status")

    status = forms.ChoiceField(label=_("Status"), choices=STATUSES, required=False)
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, *, user, today, **kwargs):
        super().__init__(data, user=user, today=today, **kwargs)
        self.fields["sort"].validators = []  # any sort key but a column's, a NUL byte too, is ignored
        self.helper.layout.insert(-1, Div(Field("status"), css_class="col-6 col-md-2"))
        self.helper.layout.append(Field("sort"))

    def clean_sort(self) -> str:
        """A sort key no column has (a crafted link) keeps the report's own order."""
        sort = self.cleaned_data["sort"]
        return sort if sort.lstrip("-") in self.SORTS and sort.count("-") <= 1 else ""

    def row_status(self, figures) -> str:
        if figures.payment.approved:
            return "approved"
        return "awaiting" if awaits_approval(figures, today=self.today) else "open"

    def rows(self, contract_months) -> list:
        """The contract months of the chosen status, in the chosen order (the report's order without
        one); a refused status or sort is left out."""
        status = self.cleaned_data.get("status") or ""
        rows = [row for row in contract_months if not status or self.row_status(row) == status]
        sort = self.cleaned_data.get("sort") or ""
        if not sort:
            return rows
        keys = {
            "provider": lambda row: row.contract.provider.code,
            "contract": lambda row: row.contract.number,
            "month": lambda row: row.month,
            "served": lambda row: row.payment.served,
            "capacity": lambda row: row.capacity_use if row.capacity_use is not None else -1,
            "payable": lambda row: row.payable_eur,
            "status": self.row_status,
        }
        key = keys[sort.lstrip("-")]
        return sorted(
            rows, key=lambda row: (key(row), row.contract.number, row.month), reverse=sort.startswith("-")
        )


class PressForm(_GetForm):
    programme = ProgrammeChoiceField()
    year = forms.IntegerField(label=_("Year"), min_value=2000)

    def __init__(self, data=None, *, user, today, **kwargs):
        self.programmes = programmes_for(user)
        super().__init__(data, user=user, today=today, **kwargs)
        self.fields["programme"].offer(self.programmes)
        self.fields["year"] = forms.IntegerField(label=_("Year"), min_value=2000, max_value=today.year)
        self.helper.layout = Layout(
            Div(Field("programme"), css_class="col-12 col-md-4"),
            Div(Field("year"), css_class="col-6 col-md-2"),
            Div(_show_button(), css_class="col-6 col-md-2 mb-3"),
        )

    def _with_defaults(self, data):
        data = data.copy() if data is not None else {}
        if not data.get("programme"):
            programme = default_programme(self.programmes, self.today)
            if programme:
                data["programme"] = programme.code
        data.setdefault("year", str(self.today.year))
        return data


class LockForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class UnlockForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for unlocking"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason for unlocking the month.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class LogFilterForm(_GetForm):
    """The data protection officer's log: by person (client number or name), user, organisation,
    period and kind of entry. The person lookup names matching people and nothing of their records."""

    KINDS = [("", _("Changes and reads")), ("changes", _("Changes")), ("reads", _("Reads"))]
    CLIENT_NUMBER = re.compile(r"^\s*[Kk]?-?\s*(\d{1,12})\s*$")

    person = forms.CharField(
        label=_("Person"), required=False, max_length=200, help_text=_("Client number or name")
    )
    client = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    user = forms.CharField(label=_("User"), required=False, max_length=150)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    start = forms.DateField(label=_("From"), required=False, widget=date_input())
    end = forms.DateField(label=_("To"), required=False, widget=date_input())
    kind = forms.ChoiceField(label=_("Entries"), choices=KINDS, required=False)

    def __init__(self, data=None, *, user, today, **kwargs):
        super().__init__(data, user=user, today=today, **kwargs)
        self.fields["organisation"].choices = [
            ("", _("All organisations")),
            (_("Providers"), [(f"p{p.pk}", p.name) for p in Provider.objects.order_by("name")]),
            (_("Municipalities"), [(f"m{m.pk}", m.name) for m in Municipality.objects.order_by("name")]),
        ]
        self.helper.attrs = {"data-testid": "log-filter", "novalidate": ""}
        self.helper.layout = Layout(
            Div(Field("person"), css_class="col-12 col-md-3"),
            Field("client"),
            Div(Field("user"), css_class="col-12 col-md-2"),
            Div(Field("organisation"), css_class="col-12 col-md-2"),
            Div(Field("start"), css_class="col-6 col-md-1"),
            Div(Field("end"), css_class="col-6 col-md-1"),
            Div(Field("kind"), css_class="col-6 col-md-1"),
            Div(_show_button(), css_class="col-6 col-md-2 mb-3"),
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("The last day cannot come before the first."))
        return cleaned

    def client_number(self) -> int | None:
        """The client number typed in the person box (K-0000123, or its digits), if that is what it is."""
        match = self.CLIENT_NUMBER.match(self.cleaned_data.get("person") or "")
        return int(match.group(1)) if match else None

    def organisation_filter(self) -> dict:
        value = self.cleaned_data.get("organisation") or ""
        if value.startswith("p"):
            return {"provider_id": int(value[1:])}
        if value.startswith("m"):
            return {"municipality_id": int(value[1:])}
        return {}


class AwaitingApprovalFilterForm(ListFilterForm):
    """The fund's home page: which statements waiting for approval to list (GET)."""

    programme = forms.ModelChoiceField(
        Programme.objects.order_by("code"), label=_("programme"), required=False, to_field_name="code"
    )
    provider = forms.ModelChoiceField(
        Provider.objects.order_by("code"), label=_("provider"), required=False, to_field_name="code"
    )


def statement_key(contract_id: int, month: datetime.date) -> str:
    """How a contract's month is named in a form: `<contract id>:<YYYY-MM>`."""
    return f"{contract_id}:{month:%Y-%m}"


class ApproveStatementsForm(forms.Form):
    """The statements chosen for approval (`statement_key` values among those awaiting it), and a note
    recorded with each approval."""

    months = forms.MultipleChoiceField(
        label=_("Statements"),
        widget=forms.MultipleHiddenInput,
        error_messages={"required": _("Choose the statements to approve.")},
    )
    note = forms.CharField(label=_("Note (recorded with each approval)"), required=False, max_length=500)

    def __init__(self, *args, awaiting, **kwargs):
        super().__init__(*args, **kwargs)
        self.awaiting = {statement_key(f.contract.pk, f.month): f for f in awaiting}
        self.fields["months"].choices = [(key, key) for key in self.awaiting]
        self.fields["months"].error_messages["invalid_choice"] = _(
            "A statement chosen is no longer waiting for approval; choose again."
        )

    def chosen(self) -> list:
        """The chosen statements (ContractMonthFigures), in the order they are listed."""
        keys = set(self.cleaned_data["months"])
        return [figures for key, figures in self.awaiting.items() if key in keys]
