"""`manage.py monthly_report` gives the scenario's figures in the documented layout."""

import io

import pytest
from django.core.management import CommandError, call_command

HEADER = (
    "programme,provider,month,served,new,active_end,children,visits,contact_minutes,ended,"
    "ended_plan_achieved,ended_limit_reached,ended_left_country,ended_declined,ended_transferred,"
    "ended_unreachable,ended_ineligible,ended_other,payable_eur"
)


def run(*args) -> str:
    out = io.StringIO()
    call_command("monthly_report", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args",
    [
        ("--programme", "NOPE", "--from", "2024-01", "--to", "2024-02"),
        ("--programme", "UA-MENTOR", "--from", "2024-13", "--to", "2024-02"),
        ("--programme", "UA-MENTOR", "--from", "2024-03", "--to", "2024-02"),
        ("--programme", "UA-MENTOR", "--from", "2024-01", "--to", "2024-02", "--provider", "NOPE"),
        ("--programme", "UA-MENTOR", "--from", "2024-01", "--to", "2024-02", "--format", "xlsx"),
    ],
)
def test_bad_arguments(args):
    with pytest.raises(CommandError):
        run(*args)
