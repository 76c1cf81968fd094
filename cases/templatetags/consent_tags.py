"""Whether the person on a page withdrew their consent to processing (for the notice every case page shows)."""

from django import template

from cases.selectors.clients import withdrawn_consent as withdrawn_consent_of

register = template.Library()


@register.simple_tag
def withdrawn_consent(client):
    """The consent the person withdrew, if they have none in force now; else None."""
    return withdrawn_consent_of(client)
