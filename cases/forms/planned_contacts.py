"""The next planned contact of an episode: its own small form on the episode page, and the same fields
on the visit form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..services import PlannedContact
from .layout import date_input, form_helper, time_input


class PlannedContactForm(forms.Form):
    """The day of the next contact, optionally a time and a short note; an empty day means none planned."""

    next_contact_on = forms.DateField(label=_("Next contact"), required=False, widget=date_input())
    next_contact_at = forms.TimeField(label=_("Time"), required=False, widget=time_input())
    next_contact_note = forms.CharField(
        label=_("Note for the next contact"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. bring the rental contract")}),
    )

    PLANNED_CONTACT_ROWS = (("next_contact_on", "next_contact_at"), "next_contact_note")

    def __init__(self, *args, episode, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and episode.next_contact_on is not None:
            self.initial.setdefault("next_contact_on", episode.next_contact_on)
            self.initial.setdefault("next_contact_at", episode.next_contact_at)
            self.initial.setdefault("next_contact_note", episode.next_contact_note)
        if type(self) is PlannedContactForm:
            self.helper = form_helper(
                self, *self.PLANNED_CONTACT_ROWS, submit_label=_("Save the next contact")
            )

    def clean(self):
        data = super().clean()
        if data.get("next_contact_on") is None and (
            data.get("next_contact_at") or data.get("next_contact_note")
        ):
            self.add_error("next_contact_on", _("Choose the day of the next contact."))
        return data

    def planned_contact(self) -> PlannedContact | None:
        data = self.cleaned_data
        if data.get("next_contact_on") is None:
            return None
        return PlannedContact(
            on=data["next_contact_on"], at=data.get("next_contact_at"), note=data.get("next_contact_note", "")
        )
