"""The query-string filters of the list pages (GET forms). What a link carries or a user types is
checked here: what does not fit (a NUL byte, a number in another script, an unknown status) is
refused with a message on the page and the filter left out, instead of reaching the database."""

from django import forms
from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from cases.models import Referral

SEARCH_MAX_LENGTH = 200
PK_MAX = 2**31 - 1  # every primary key fits a PostgreSQL integer


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


def _search_field():
    return forms.CharField(label=_lazy("Search"), required=False, max_length=SEARCH_MAX_LENGTH, initial="")


class ClientSearchForm(QueryFilterForm):
    q = _search_field()


class ReferralFilterForm(QueryFilterForm):
    status = forms.ChoiceField(
        label=_lazy("status"), choices=[("", "")] + Referral.Status.choices, required=False, initial=""
    )
    q = _search_field()
    overdue = forms.BooleanField(label=_lazy("overdue"), required=False, initial=False)

    def __init__(self, data, *, default_status: str = "", **kwargs):
        if "status" not in data:
            data = data.copy()
            data["status"] = default_status
        super().__init__(data, **kwargs)
        self.fields["status"].initial = default_status


class CaseloadFilterForm(QueryFilterForm):
    """`?mentor=<pk>`: one mentor's caseload (the view finds the mentor in the user's scope)."""

    mentor = forms.IntegerField(label=_lazy("social mentor"), required=False, min_value=1, max_value=PK_MAX)
