"""The consent rule other services ask before they record anything about a person."""

from django.utils.formats import date_format

from ..selectors.clients import consent_withdrawals
from .errors import ServiceError


def refuse_if_consent_withdrawn(client, message: str) -> None:
    """Raise `message` (with %(date)s, the withdrawal day) if the person withdrew their consent."""
    withdrawn_on = consent_withdrawals([client.pk]).get(client.pk)
    if withdrawn_on is not None:
        raise ServiceError(message % {"date": date_format(withdrawn_on, "SHORT_DATE_FORMAT")})
