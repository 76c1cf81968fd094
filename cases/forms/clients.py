"""Forms about people: registration and edits, consent, legal status, households."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from mentors.access import role_for
from municipalities.models import AccommodationCentre

from ..models import (
    Client,
    Consent,
    LegalStatus,
    LegalStatusRecord,
)
from ..rules.personal_codes import normalise_personal_code, personal_code_birth_date, validate_personal_code
from ..selectors import client_duplicate_candidates
from ..services import CLIENT_FIELDS
from .layout import date_input, form_helper, not_in_future


class ClientForm(forms.ModelForm):
    """A person's record: `mode` is "register", "member" (a new member of a household) or "edit".

    A municipal social worker's clients live in their municipality (not a field); provider staff choose
    the municipality. On registration the people the user can see who are probably the same person are
    shown first (`candidates`), and the form is accepted once the user confirms a new person."""

    status_decided_on = forms.DateField(
        label=capfirst(_("status decision date")),
        required=False,
        widget=date_input(),
        help_text=_(
            "For refugee or alternative status, the day it was granted: the time limit runs from it."
        ),
    )
    household_relation = forms.ChoiceField(
        label=capfirst(_("relation in the household")), choices=Client.Relation.choices
    )
    confirmed_new = forms.BooleanField(
        label=_("None of these is the person: register a new person"), required=False
    )

    class Meta:
        model = Client
        fields = [
            "given_name",
            "family_name",
            "given_name_original",
            "family_name_original",
            "date_of_birth",
            "sex",
            "citizenship",
            "languages",
            "preferred_language",
            "phone",
            "personal_code",
            "id_document",
            "residence_municipality",
            "street_address",
            "locality",
            "accommodation_centre",
            "legal_status",
        ]
        widgets = {
            "date_of_birth": date_input(),
            "languages": forms.CheckboxSelectMultiple,
            "sex": forms.RadioSelect,
        }
        help_texts = {
            "given_name_original": _("As written in the person's own script, e.g. Cyrillic or Arabic."),
            "personal_code": _("DDMMYY-NNNNN, or 32NNNN-NNNNN for new codes."),
            "street_address": _("Where the mentor visits the person, e.g. Brīvības iela 12-5."),
        }

    def __init__(self, *args, user, mode: str = "register", **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.mode = mode
        self.candidates = []
        role = role_for(user)
        if role.municipality_id is not None:  # a municipality registers its own residents
            del self.fields["residence_municipality"]
            centres = AccommodationCentre.objects.filter(municipality_id=role.municipality_id)
            if centres.exists():
                self.fields["accommodation_centre"].queryset = centres
            else:
                del self.fields["accommodation_centre"]
        else:
            self.fields["residence_municipality"].required = True
        if mode == "edit":
            for name in ("legal_status", "status_decided_on", "confirmed_new"):
                del self.fields[name]
        else:
            self.fields["legal_status"].queryset = LegalStatus.objects.filter(is_active=True)
        if mode != "member":
            del self.fields["household_relation"]
        self.fields["sex"].choices = Client.Sex.choices
        self.fields["sex"].error_messages["required"] = _("Choose the person's sex.")
        self.helper = form_helper(
            self,
            "household_relation",
            ("given_name", "family_name"),
            ("given_name_original", "family_name_original"),
            ("date_of_birth", "personal_code"),
            "sex",
            ("citizenship", "id_document"),
            "languages",
            ("preferred_language", "phone"),
            ("street_address", "locality"),
            ("residence_municipality", "accommodation_centre"),
            ("legal_status", "status_decided_on"),
        )

    def clean_date_of_birth(self):
        day = self.cleaned_data["date_of_birth"]
        not_in_future(day, _("The date of birth cannot be in the future."))
        if day.year < 1900:
            raise ValidationError(_("Check the date of birth: the year is before 1900."))
        return day

    def clean_personal_code(self):
        code = normalise_personal_code(self.cleaned_data["personal_code"])
        if code:
            validate_personal_code(code)
            # Only among the people the user may see: whether anyone else has the code is not theirs
            # to know (the service marks such a registration for the fund to merge).
            taken = Client.objects.for_user(self.user).filter(personal_code=code).exclude(pk=self.instance.pk)
            if taken.exists():
                raise ValidationError(_("A person with this personal code is already registered."))
        return code

    def clean_status_decided_on(self):
        return not_in_future(
            self.cleaned_data["status_decided_on"], _("The decision date cannot be in the future.")
        )

    def clean(self):
        data = super().clean()
        born, code = data.get("date_of_birth"), data.get("personal_code")
        code_date = personal_code_birth_date(code) if code else None
        if born and code_date and code_date != born:
            self.add_error("personal_code", _("The personal code does not match the date of birth."))
        decided = data.get("status_decided_on")
        if born and decided and decided < born:
            self.add_error("status_decided_on", _("The decision date cannot be before the date of birth."))
        if self.mode != "edit" and not self.errors and not data.get("confirmed_new"):
            self.candidates = list(
                client_duplicate_candidates(
                    self.user,
                    names=tuple(
                        data.get(name, "")
                        for name in (
                            "given_name",
                            "family_name",
                            "given_name_original",
                            "family_name_original",
                        )
                    ),
                    date_of_birth=born,
                    personal_code=code or "",
                )
            )
            if self.candidates:
                raise ValidationError(
                    _("This person may already be registered: check the people below."), code="candidates"
                )
        return data

    def validate_unique(self):
        """The personal code is checked above with a clear message; the service guards the rest."""

    def person_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in CLIENT_FIELDS if name in self.cleaned_data}


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["given_on", "scope"]
        widgets = {"given_on": date_input(), "scope": forms.RadioSelect}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = Consent.Scope.choices
        self.helper = form_helper(self, "given_on", "scope")

    def clean_given_on(self):
        return not_in_future(self.cleaned_data["given_on"], _("The consent date cannot be in the future."))


class ConsentWithdrawalForm(forms.Form):
    """When and how the person said they withdraw their consent to processing."""

    withdrawn_on = forms.DateField(label=capfirst(_("withdrawn on")), widget=date_input())
    how = forms.ChoiceField(
        label=capfirst(_("how the person withdrew it")),
        choices=Consent.Withdrawal.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=capfirst(_("note on the withdrawal")),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example who brought a written withdrawal, or what the person asked for."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(self, "withdrawn_on", "how", "note")

    def clean_withdrawn_on(self):
        return not_in_future(
            self.cleaned_data["withdrawn_on"], _("The withdrawal date cannot be in the future.")
        )


class LegalStatusForm(forms.ModelForm):
    class Meta:
        model = LegalStatusRecord
        fields = ["status", "decided_on"]
        widgets = {"decided_on": date_input()}
        help_texts = {
            "decided_on": _(
                "For refugee or alternative status, the day it was granted: the time limit runs from it."
            )
        }

    def __init__(self, *args, user, client, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client
        self.fields["status"].queryset = LegalStatus.objects.filter(is_active=True)
        self.helper = form_helper(self, ("status", "decided_on"))

    def clean_decided_on(self):
        day = not_in_future(self.cleaned_data["decided_on"], _("The decision date cannot be in the future."))
        if day and day < self.client.date_of_birth:
            raise ValidationError(_("The decision date cannot be before the date of birth."))
        return day


class HouseholdLinkForm(forms.Form):
    """Add a person already registered (one of the candidates) to a household."""

    member = forms.ModelChoiceField(queryset=Client.objects.none(), widget=forms.HiddenInput)
    household_relation = forms.ChoiceField(
        label=capfirst(_("relation in the household")), choices=Client.Relation.choices
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Client.objects.for_user(user)
