"""The error every case service raises when a rule of the domain refuses an action."""

from django.core.exceptions import ValidationError


class ServiceError(ValidationError):
    """A rule of the domain refused the action; the message is translated and shown to the person."""
