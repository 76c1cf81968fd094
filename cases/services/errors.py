"""How a case service refuses: `ServiceError` when a rule of the domain refuses the action, and
`ServiceDenied` when the acting user may not do it at all (asked of `mentors.access` by `authorize`)."""

from django.core.exceptions import ValidationError

from mentors import access


class ServiceError(ValidationError):
    """A rule of the domain refused the action; the message is translated and shown to the person."""


class ServiceDenied(ServiceError, access.AccessDenied):
    """The acting user may not do this. A refusal like any other to the services' callers, and a 403
    to the views, which never show it on a form (`cases.views.mixins.show_refusal`)."""


def authorize(by, action: access.Action, obj=None, *, message=None) -> None:
    """Every service asks this before it writes: raise `ServiceDenied` unless `by` may do `action`."""
    access.require(by, action, obj, error=ServiceDenied, message=message)
