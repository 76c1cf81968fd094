"""Forms of the cases app: validate and lay out (crispy FormHelper); take `user=` to scope choices."""

from crispy_forms.bootstrap import InlineCheckboxes, InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mentors.models import Contract, Programme, Provider, ProviderStaff
from mentors.roles import role_for
from municipalities.models import AccommodationCentre

from .models import Client, Consent, GoalArea, LegalStatus, LegalStatusRecord, Referral
from .selectors import client_duplicate_candidates, covering_contracts, mentor_suggestions
from .services import CLIENT_FIELDS, INTAKE_SOURCES
from .validators import normalise_personal_code, personal_code_birth_date, validate_personal_code

# --- Clients and referrals (issue 3) -------------------------------------------------------------

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _layout(form, *rows) -> Layout:
    """A responsive layout of the rows (tuples of field names side by side on wide screens) whose fields
    the form has."""
    parts = []
    for row in rows:
        names = [name for name in (row if isinstance(row, tuple) else (row,)) if name in form.fields]
        if not names:
            continue
        if len(names) == 1:
            parts.append(_field(form, names[0]))
        else:
            parts.append(Row(*(Column(_field(form, name), css_class="col-12 col-md") for name in names)))
    return Layout(*parts)


def _field(form, name):
    widget = form.fields[name].widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return InlineCheckboxes(name)
    if isinstance(widget, forms.RadioSelect) and name != "mentor":
        return InlineRadios(name)
    return Field(name)


def _helper(form, *rows) -> FormHelper:
    """The forms are laid out by crispy; the page writes the <form> tag and the buttons."""
    helper = FormHelper(form)
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = _layout(form, *rows)
    return helper


def _not_in_future(day, message):
    if day is not None and day > timezone.localdate():
        raise ValidationError(message)
    return day


class ClientForm(forms.ModelForm):
    """A person's record: `mode` is "register", "member" (a new member of a household) or "edit".

    A municipal social worker's clients live in their municipality (not a field); provider staff choose
    the municipality. On registration the people the user can see who are probably the same person are
    shown first (`candidates`), and the form is accepted once the user confirms a new person."""

    status_decided_on = forms.DateField(
        label=capfirst(_("status decision date")),
        required=False,
        widget=DATE_INPUT,
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
            "accommodation_centre",
            "legal_status",
        ]
        widgets = {
            "date_of_birth": DATE_INPUT,
            "languages": forms.CheckboxSelectMultiple,
            "sex": forms.RadioSelect,
        }
        help_texts = {
            "given_name_original": _("As written in the person's own script, e.g. Cyrillic or Arabic."),
            "personal_code": _("DDMMYY-NNNNN, or 32NNNN-NNNNN for new codes."),
        }

    def __init__(self, *args, user, mode: str = "register", **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.mode = mode
        self.candidates = []
        role = role_for(user)
        if role.is_municipal:
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
        self.helper = _helper(
            self,
            "household_relation",
            ("given_name", "family_name"),
            ("given_name_original", "family_name_original"),
            ("date_of_birth", "personal_code"),
            "sex",
            ("citizenship", "id_document"),
            "languages",
            ("preferred_language", "phone"),
            ("residence_municipality", "accommodation_centre"),
            ("legal_status", "status_decided_on"),
        )

    def clean_date_of_birth(self):
        day = self.cleaned_data["date_of_birth"]
        _not_in_future(day, _("The date of birth cannot be in the future."))
        if day.year < 1900:
            raise ValidationError(_("Check the date of birth: the year is before 1900."))
        return day

    def clean_personal_code(self):
        code = normalise_personal_code(self.cleaned_data["personal_code"])
        if code:
            validate_personal_code(code)
            if Client.objects.filter(personal_code=code).exclude(pk=self.instance.pk).exists():
                raise ValidationError(_("A person with this personal code is already registered."))
        return code

    def clean_status_decided_on(self):
        return _not_in_future(
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
        widgets = {"given_on": DATE_INPUT, "scope": forms.RadioSelect}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = Consent.Scope.choices
        self.helper = _helper(self, "given_on", "scope")

    def clean_given_on(self):
        return _not_in_future(self.cleaned_data["given_on"], _("The consent date cannot be in the future."))


class LegalStatusForm(forms.ModelForm):
    class Meta:
        model = LegalStatusRecord
        fields = ["status", "decided_on"]
        widgets = {"decided_on": DATE_INPUT}
        help_texts = {
            "decided_on": _(
                "For refugee or alternative status, the day it was granted: the time limit runs from it."
            )
        }

    def __init__(self, *args, user, client, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client
        self.fields["status"].queryset = LegalStatus.objects.filter(is_active=True)
        self.helper = _helper(self, ("status", "decided_on"))

    def clean_decided_on(self):
        day = _not_in_future(self.cleaned_data["decided_on"], _("The decision date cannot be in the future."))
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


class ReferralForm(forms.ModelForm):
    """A municipal referral: the programme, the provider where several cover the municipality, and the
    assessment."""

    provider = forms.ModelChoiceField(
        label=capfirst(_("provider")),
        queryset=Provider.objects.none(),
        required=False,
        help_text=_("Several providers cover your municipality: choose one."),
    )

    class Meta:
        model = Referral
        fields = [
            "programme",
            "needs_areas",
            "needs_text",
            "urgency",
            "contact_language",
            "notes_for_provider",
        ]
        widgets = {
            "needs_areas": forms.CheckboxSelectMultiple,
            "urgency": forms.RadioSelect,
            "needs_text": forms.Textarea(attrs={"rows": 4}),
            "notes_for_provider": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, client, **kwargs):
        super().__init__(*args, **kwargs)
        role = role_for(user)
        today = timezone.localdate()
        self.contracts = list(
            Contract.objects.active_on(today)
            .filter(
                municipalities=role.municipality_id, programme__referred_by=Programme.Referrer.MUNICIPALITY
            )
            .select_related("provider", "programme")
        )
        programme_ids = {contract.programme_id for contract in self.contracts}
        self.fields["programme"].queryset = Programme.objects.filter(pk__in=programme_ids)
        self.fields["programme"].empty_label = None
        provider_ids = {contract.provider_id for contract in self.contracts}
        if len(provider_ids) > 1:
            self.fields["provider"].queryset = Provider.objects.filter(pk__in=provider_ids)
        else:
            del self.fields["provider"]
        self.fields["needs_areas"].queryset = GoalArea.objects.filter(is_active=True)
        self.fields["urgency"].choices = Referral.Urgency.choices
        self.fields["contact_language"].initial = client.preferred_language_id
        self.helper = _helper(
            self,
            ("programme", "provider"),
            "needs_areas",
            "needs_text",
            "urgency",
            "contact_language",
            "notes_for_provider",
        )

    def validate_unique(self):
        """One open referral per person and programme is the service's rule, with its own message."""


class ReferralReturnForm(forms.Form):
    reason = forms.CharField(
        label=capfirst(_("reason for returning")),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for returning the referral.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="return", **kwargs)
        self.helper = _helper(self, "reason")


class ReferralWithdrawForm(forms.Form):
    note = forms.CharField(
        label=capfirst(_("note")), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="withdraw", **kwargs)
        self.helper = _helper(self, "note")


class ReferralResubmitForm(forms.Form):
    """Send a returned referral again, to another covering provider where there is one."""

    provider = forms.ModelChoiceField(label=capfirst(_("provider")), queryset=Provider.objects.none())
    note = forms.CharField(
        label=capfirst(_("note")), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, prefix="resubmit", **kwargs)
        contracts = covering_contracts(
            municipality=referral.client.residence_municipality or referral.municipality,
            programme=referral.programme,
            day=timezone.localdate(),
        )
        self.fields["provider"].queryset = Provider.objects.filter(
            pk__in=[contract.provider_id for contract in contracts]
        )
        self.fields["provider"].initial = referral.provider_id
        self.fields["provider"].empty_label = None
        self.helper = _helper(self, "provider", "note")


class MentorChoiceField(forms.ModelChoiceField):
    """Mentors from `mentor_suggestions`: the label says what the suggestion is based on."""

    def label_from_instance(self, mentor):
        languages = ", ".join(str(language) for language in mentor.languages.all())
        parts = [str(mentor), languages or gettext("no languages recorded")]
        parts.append(
            gettext("%(caseload)s of %(maximum)s clients")
            % {"caseload": mentor.caseload, "maximum": mentor.max_caseload}
        )
        if mentor.speaks_first or mentor.speaks_any:
            parts.append(gettext("speaks the client's language"))
        if not mentor.has_room:
            parts.append(gettext("caseload full"))
        return " · ".join(parts)


class TeamForm(forms.Form):
    """The mentor (suggestions first) and the provider social worker for a new episode."""

    mentor = MentorChoiceField(
        label=capfirst(_("social mentor")),
        queryset=ProviderStaff.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose an active social mentor of this provider."),
            "invalid_choice": _("Choose an active social mentor of this provider."),
        },
    )
    social_worker = forms.ModelChoiceField(
        label=capfirst(_("social worker")),
        queryset=ProviderStaff.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Choose an active social worker of this provider.")},
    )

    def set_team(self, *, provider, programme, languages, first_language):
        self.fields["mentor"].queryset = mentor_suggestions(
            provider=provider, languages=languages, first_language=first_language
        )
        self.fields["social_worker"].queryset = (
            ProviderStaff.objects.social_workers().filter(provider=provider).select_related("user")
        )
        if programme is not None and programme.social_worker_required:
            self.fields["social_worker"].required = True
            self.fields["social_worker"].error_messages["required"] = _(
                "This programme needs a provider social worker: choose one."
            )


class ReferralAcceptForm(TeamForm):
    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, prefix="accept", **kwargs)
        client = referral.client
        self.set_team(
            provider=referral.provider,
            programme=referral.programme,
            languages=list(client.languages.all()),
            first_language=referral.contact_language or client.preferred_language,
        )
        self.helper = _helper(self, "mentor", "social_worker")


class IntakeEpisodeForm(TeamForm):
    """Provider intake: the contract (an AS-ESF or AS-OSA one of the user's provider), where the person
    came from, the start date and the team."""

    contract = forms.ModelChoiceField(
        label=capfirst(_("contract")), queryset=Contract.objects.none(), empty_label=None
    )
    intake_source = forms.ChoiceField(
        label=capfirst(_("came from")), choices=[(source.value, source.label) for source in INTAKE_SOURCES]
    )
    started_on = forms.DateField(label=capfirst(_("start date")), widget=DATE_INPUT)
    field_order = ["contract", "intake_source", "started_on", "mentor", "social_worker"]

    def __init__(self, *args, user, client, **kwargs):
        super().__init__(*args, **kwargs)
        role = role_for(user)
        today = timezone.localdate()
        self.fields["contract"].queryset = (
            Contract.objects.active_on(today)
            .filter(provider_id=role.provider_id, programme__referred_by=Programme.Referrer.PROVIDER_INTAKE)
            .select_related("provider", "programme")
        )
        self.fields["started_on"].initial = today
        self.set_team(
            provider=Provider.objects.get(pk=role.provider_id),
            programme=None,
            languages=list(client.languages.all()),
            first_language=client.preferred_language,
        )
        if role.is_provider_social_worker:
            self.fields["social_worker"].initial = role.provider_staff_id
        self.helper = _helper(self, "contract", ("intake_source", "started_on"), "mentor", "social_worker")

    def clean_started_on(self):
        return _not_in_future(self.cleaned_data["started_on"], _("The start date cannot be in the future."))

    def clean(self):
        data = super().clean()
        contract, social_worker = data.get("contract"), data.get("social_worker")
        if contract and contract.programme.social_worker_required and not social_worker:
            self.add_error("social_worker", _("This programme needs a provider social worker: choose one."))
        return data


# --- Episodes, plans, visits (issue 4) -----------------------------------------------------------
