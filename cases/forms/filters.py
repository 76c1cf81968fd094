"""The query-string filters and the order of the list pages (GET forms). What a link carries or a user
types is checked here: what does not fit (a NUL byte, a number in another script, an unknown status or
sort key) is refused with a message on the page and the filter left out, instead of reaching the
database. Every list page sorts and filters through a `ListFilterForm`: its `sorts` name the columns a
header link may order by (`?sort=client`, `?sort=-client`), its fields the filters; both stay in the
query string, so paging keeps them and a link can be shared."""

import datetime

from django import forms
from django.contrib import messages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Case, F, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentors.access import role_for
from mentors.models import Programme, Provider, ProviderStaff, Team
from municipalities.models import Municipality

from ..models import Referral
from ..rules.collation import latvian

SEARCH_MAX_LENGTH = 200
PK_MAX = 2**31 - 1  # every primary key fits a PostgreSQL integer
FIRST_DAY, LAST_DAY = datetime.date(2000, 1, 1), datetime.date(2099, 12, 31)


class QueryFilterForm(forms.Form):
    """A GET filter: bound to the query string; `values(request)` are the cleaned filters, or, where
    the input is refused, the defaults of the refused fields, with a message saying what was left out."""

    def values(self, request) -> dict:
        if self.is_valid():
            return self.cleaned_data
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            for error in errors:
                messages.error(
                    request,
                    _("The filter “%(field)s” was left out: %(error)s") % {"field": label, "error": error},
                )
        return {name: self.cleaned_data.get(name, field.initial) for name, field in self.fields.items()}


class ListFilterForm(QueryFilterForm):
    """A list's filters and its order. `sorts` maps a sort key to what it orders by (ascending; the
    key with a leading minus sign orders the other way); no `sort` in the query keeps the list's own
    default order. The fields are laid out by `templates/_filter_form.html`."""

    sorts: dict[str, tuple] = {}
    # Sort keys whose columns are never null: ordered without NULLS LAST, so that an index read
    # backwards serves the descending order too (PostgreSQL matches the nulls' place literally).
    not_null_sorts: frozenset = frozenset()

    sort = forms.ChoiceField(
        label=gettext_lazy("order"), required=False, initial="", widget=forms.HiddenInput
    )

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        keys = [key for name in self.sorts for key in (name, f"-{name}")]
        self.fields["sort"].choices = [("", "")] + [(key, key) for key in keys]
        for field in self.fields.values():
            _name_the_empty_choice(field)
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select form-select-sm")
            elif not isinstance(widget, forms.HiddenInput):
                widget.attrs.setdefault("class", "form-control form-control-sm")

    def ordering(self, sort: str, default) -> list:
        """What `order_by` takes for the sort key `sort` (one of `sorts`, checked by the form), ending in
        the primary key so that pages never overlap; `default` without one."""
        if not sort:
            return list(default)
        descending, key = sort.startswith("-"), sort.lstrip("-")
        nulls_last = None if key in self.not_null_sorts else True
        expressions = []
        for expression in self.sorts[key]:
            expression = F(expression) if isinstance(expression, str) else expression
            expressions.append(
                expression.desc(nulls_last=nulls_last)
                if descending
                else expression.asc(nulls_last=nulls_last)
            )
        return [*expressions, "-pk" if descending else "pk"]


# What a select offers for "no filter": one word in the reader's language, never Django's "---------".
EVERYTHING = gettext_lazy("All")
DJANGO_EMPTY_LABELS = ("", "---------")


def _name_the_empty_choice(field) -> None:
    """A filter's empty choice named `EVERYTHING`, unless the form names it itself ("everything")."""
    if isinstance(field.widget, forms.HiddenInput):
        return
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label in DJANGO_EMPTY_LABELS:
            field.empty_label = EVERYTHING
    elif isinstance(field, forms.ChoiceField):
        field.choices = [
            (value, EVERYTHING if value == "" and label in DJANGO_EMPTY_LABELS else label)
            for value, label in field.choices
        ]


def _search_field():
    return forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        initial="",
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": gettext_lazy("Name in any script, date of birth or personal code"),
            }
        ),
    )


def _choice(queryset, label):
    return forms.ModelChoiceField(queryset, label=label, required=False, initial=None)


def _day(label):
    """A day filter, within the years the service can have records of (a day at the end of the
    calendar would have no next day to end the range with)."""
    return forms.DateField(
        label=label,
        required=False,
        initial=None,
        validators=[MinValueValidator(FIRST_DAY), MaxValueValidator(LAST_DAY)],
        widget=forms.DateInput(attrs={"type": "date"}),
    )


def _person_name(prefix: str) -> tuple:
    return (latvian(f"{prefix}family_name"), latvian(f"{prefix}given_name"))


class ClientSearchForm(ListFilterForm):
    sorts = {
        "name": _person_name(""),
        "born": ("date_of_birth",),
        # The statuses in the reference data's order (DOMAIN.md's), along `client_status_idx`.
        "status": ("legal_status_id",),
        "municipality": (latvian("residence_municipality__name"),),
    }
    not_null_sorts = frozenset({"name", "born", "status"})

    q = _search_field()
    programme = _choice(Programme.objects.all(), gettext_lazy("programme"))
    municipality = _choice(Municipality.objects.all(), gettext_lazy("municipality of residence"))

    field_order = ["q", "programme", "municipality"]


URGENCY_RANK = Case(
    When(urgency=Referral.Urgency.URGENT, then=Value(0)),
    When(urgency=Referral.Urgency.SOON, then=Value(1)),
    default=Value(2),
)


class ReferralFilterForm(ListFilterForm):
    """The referral lists' filters. The status and the overdue flag are the tabs above the list
    (hidden here); a provider's staff filter by municipality and mentor, a municipality by provider."""

    sorts = {
        "client": _person_name("client__"),
        "programme": ("programme__code",),
        "provider": (latvian("provider__name"),),
        "municipality": (latvian("municipality__name"),),
        "submitted": ("submitted_at",),
        "urgency": (URGENCY_RANK,),
        "status": ("status",),
        "mentor": (latvian("episode__mentor__user__last_name"), latvian("episode__mentor__user__first_name")),
    }

    status = forms.ChoiceField(
        label=gettext_lazy("status"),
        choices=[("", "")] + Referral.Status.choices,
        required=False,
        initial="",
        widget=forms.HiddenInput,
    )
    overdue = forms.BooleanField(
        label=gettext_lazy("overdue"), required=False, initial=False, widget=forms.HiddenInput
    )
    q = _search_field()
    programme = _choice(Programme.objects.all(), gettext_lazy("programme"))
    municipality = _choice(Municipality.objects.all(), gettext_lazy("referring municipality"))
    provider = _choice(Provider.objects.all(), gettext_lazy("provider"))
    mentor = _choice(ProviderStaff.objects.none(), gettext_lazy("social mentor"))
    submitted_from = _day(gettext_lazy("submitted from"))
    submitted_to = _day(gettext_lazy("submitted until"))

    def __init__(self, data, *, user, default_status: str = "", **kwargs):
        if "status" not in data:
            data = data.copy()
            data["status"] = default_status
        super().__init__(data, **kwargs)
        self.fields["status"].initial = default_status
        role = role_for(user)
        if role.is_provider:
            del self.fields["provider"]
            self.fields["mentor"].queryset = (
                ProviderStaff.objects.for_user(user).mentors().select_related("user")
            )
        else:
            del self.fields["mentor"]
        if role.is_municipal:
            del self.fields["municipality"]

    def clean(self):
        data = super().clean()
        start, end = data.get("submitted_from"), data.get("submitted_to")
        if start and end and start > end:
            self.add_error("submitted_to", _("The end is before the start."))
        return data


DUE_CHOICES = [
    ("", gettext_lazy("everything")),
    ("contact_overdue", gettext_lazy("planned contact overdue")),
    ("contact_today", gettext_lazy("planned contact today")),
    ("past_limit", gettext_lazy("past the limit")),
    ("limit_soon", gettext_lazy("limit within 7 days")),
    ("no_recent_contact", gettext_lazy("no contact in 14 days")),
    ("no_mentor", gettext_lazy("without a mentor")),
]


class CaseloadFilterForm(ListFilterForm):
    """The caseload's filters: what is due (the flags of `episodes_with_flags`), the programme, the
    client; `?mentor=<pk>` (from the team view) is one mentor's caseload, which the view finds in the
    user's scope (404 otherwise). Without a sort, the most urgent first."""

    sorts = {
        "client": _person_name("client__"),
        "programme": ("programme__code",),
        "next_contact": ("next_contact_on", "next_contact_at"),
        "limit": ("limit_on",),
        "last_contact": ("contact_since",),
        "mentor": (latvian("mentor__user__last_name"), latvian("mentor__user__first_name")),
    }

    mentor = forms.IntegerField(
        label=gettext_lazy("social mentor"),
        required=False,
        min_value=1,
        max_value=PK_MAX,
        initial=None,
        widget=forms.HiddenInput,
    )
    q = _search_field()
    due = forms.ChoiceField(
        label=gettext_lazy("what is due"), choices=DUE_CHOICES, required=False, initial=""
    )
    programme = _choice(Programme.objects.all(), gettext_lazy("programme"))

    field_order = ["q", "due", "programme"]


class TeamFilterForm(ListFilterForm):
    """The team view's mentors: by team, ordered by name (Latvian order) or by any of the counts."""

    sorts = {
        "mentor": (latvian("user__last_name"), latvian("user__first_name")),
        "open": ("open_count", "max_caseload"),
        "contact_overdue": ("contact_overdue_count",),
        "past_limit": ("past_limit_count",),
        "limit_soon": ("limit_soon_count",),
        "no_recent_contact": ("no_recent_contact_count",),
    }

    team = _choice(Team.objects.none(), gettext_lazy("team"))

    def __init__(self, data, *, user, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(provider_id=role_for(user).provider_id)
