"""The home page panels of fund staff (this month's figures per programme, the statements waiting for
approval, filtered by the page's query string, the warnings) and of the data protection officer (the
week's log); the home view is shared by every role."""

import datetime

from django import template
from django.utils import timezone

from audit.history import log_rows
from audit.selectors import officer_log
from cases.models import Client

from ..forms import ApproveStatementsForm, AwaitingApprovalFilterForm, statement_key
from ..home import fund_home_contents

register = template.Library()

OFFICER_DAYS = 7
OFFICER_LATEST = 10


@register.inclusion_tag("reporting/_home_fund.html", takes_context=True)
def fund_home(context):
    request = context["request"]
    today = timezone.localdate()
    filter_form = AwaitingApprovalFilterForm(request.GET)
    # refused filters are shown on the form itself (this panel is drawn after the page's messages)
    filters = filter_form.cleaned_data if filter_form.is_valid() else {}
    home = fund_home_contents(
        today=today, programme=filters.get("programme"), provider=filters.get("provider")
    )
    # the bulk approval refused (bad input, or a month approved meanwhile): its message and choice
    approve_form = context.get("approve_form")
    chosen = set(approve_form.data.getlist("months")) if approve_form is not None else None
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "today": today,
        "programmes": home.programmes,
        "filter_form": filter_form,
        "approve_form": approve_form or ApproveStatementsForm(awaiting=home.awaiting),
        "awaiting": [(statement_key(f.contract.pk, f.month), f) for f in home.awaiting],
        "chosen": chosen,  # None: every statement is ticked
    }


@register.inclusion_tag("reporting/_home_officer.html")
def officer_home():
    """The data protection officer's first question: who changed and who read records this week, and
    the latest entries of the log (kinds, numbers and people's client numbers, never content)."""
    since = timezone.localdate() - datetime.timedelta(days=OFFICER_DAYS - 1)
    latest = officer_log(start=since)[:OFFICER_LATEST]
    return {
        "days": OFFICER_DAYS,
        "changes": officer_log(start=since, reads=False).count(),
        "reads": officer_log(start=since, reads=True).count(),
        "rows": log_rows(latest, person_label=lambda pk: Client(pk=pk).pseudonym),
    }
