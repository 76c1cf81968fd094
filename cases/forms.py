"""Forms of the cases app: validate and lay out (crispy FormHelper); take `user=` to scope choices."""

from crispy_forms.bootstrap import InlineCheckboxes, InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Div, Field, Layout, Row, Submit
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from mentors.models import Contract, Programme, Provider, ProviderStaff
from mentors.roles import role_for
from municipalities.models import AccommodationCentre

from . import selectors, services
from .models import (
    Activity,
    Client,
    Consent,
    EndReason,
    Episode,
    GoalArea,
    LegalStatus,
    LegalStatusRecord,
    PlanGoal,
    Referral,
    Visit,
)
from .selectors import client_duplicate_candidates, covering_contracts, mentor_suggestions
from .services import CLIENT_FIELDS, INTAKE_SOURCES
from .validators import normalise_personal_code, personal_code_birth_date, validate_personal_code

User = get_user_model()


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


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _ToggleCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes drawn as large toggle buttons (Bootstrap `btn-check`) for a thumb on a phone."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "btn-check", "autocomplete": "off", **(attrs or {})}, choices)


class _ToggleRadios(forms.RadioSelect):
    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "btn-check", "autocomplete": "off", **(attrs or {})}, choices)


TOGGLES = "cases/visit_toggle_buttons.html"
DURATION_RANGE = _("The duration must be between 1 minute and 12 hours.")


class VisitForm(forms.Form):
    """The mentor's most frequent form: one phone screen, sensible defaults, a few taps."""

    visited_on = forms.DateField(label=_("Date"), widget=_date_input())
    duration_minutes = forms.IntegerField(
        label=_("Minutes"),
        min_value=1,
        max_value=Visit.MAX_MINUTES,
        error_messages={"min_value": DURATION_RANGE, "max_value": DURATION_RANGE},
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 5}),
    )
    place = forms.ChoiceField(
        label=_("Place"), choices=[(value, capfirst(label)) for value, label in Visit.Place.choices]
    )
    activities = forms.ModelMultipleChoiceField(
        label=_("Activities"),
        queryset=Activity.objects.none(),
        widget=_ToggleCheckboxes,
        error_messages={"required": _("Choose at least one activity.")},
    )
    attendees = forms.ModelMultipleChoiceField(
        label=_("People present"),
        queryset=Client.objects.none(),
        widget=_ToggleCheckboxes,
        error_messages={"required": _("Tick at least one person present.")},
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Plan goals worked on"),
        queryset=PlanGoal.objects.none(),
        required=False,
        widget=_ToggleCheckboxes,
    )
    interpreter_used = forms.BooleanField(label=_("Interpreter used"), required=False)
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Seen by your provider's staff only."),
    )

    def __init__(self, *args, user, episode, visit=None, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        activities = selectors.activities_for_visit_form(user=user, today=today)
        self.fields["activities"].queryset = Activity.objects.filter(pk__in=[a.pk for a in activities])
        # Keep the "most used first" order of the selector; the queryset above is only for validation.
        self.fields["activities"].choices = [(a.pk, a.name) for a in activities]
        people = services.visit_people(episode).order_by("date_of_birth", "pk")
        self.fields["attendees"].queryset = people
        self.fields["attendees"].label_from_instance = lambda person: (
            f"{person}" if person.pk != episode.client_id else _("%(name)s (client)") % {"name": person}
        )
        goals = PlanGoal.objects.filter(plan__episode=episode, plan__is_current=True).select_related("area")
        open_goals = Q(status__in=[PlanGoal.Status.PLANNED, PlanGoal.Status.IN_PROGRESS])
        if visit is not None:
            open_goals |= Q(pk__in=visit.goals.values("pk"))
        self.fields["goals"].queryset = goals.filter(open_goals)
        self.fields["goals"].label_from_instance = lambda goal: f"{goal.area}: {goal.description[:60]}"
        if not self.fields["goals"].queryset.exists():
            del self.fields["goals"]
        if len(people) < 2:
            self.fields["attendees"].widget = forms.MultipleHiddenInput()
        if not self.is_bound and visit is None:
            self.initial.setdefault("visited_on", today)
            self.initial.setdefault("duration_minutes", 60)
            self.initial.setdefault("place", selectors.default_visit_place(episode))
            self.initial.setdefault("attendees", [episode.client_id])
        self._fold_activities(activities)
        self.details_open = bool(self["notes"].value() or self["interpreter_used"].value())
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Div(
                Div("visited_on", css_class="col-7"),
                Div("duration_minutes", css_class="col-5"),
                css_class="row g-2",
            ),
            "place",
            Field("activities", template=TOGGLES),
            Field("attendees", template=TOGGLES) if len(people) > 1 else Field("attendees"),
            *([Field("goals", template=TOGGLES)] if "goals" in self.fields else []),
            HTML(
                '{% load i18n %}<details class="mb-3"{% if form.details_open %} open{% endif %}>'
                '<summary class="py-2">{% translate "Interpreter and notes" %}</summary>'
            ),
            "interpreter_used",
            "notes",
            HTML("</details>"),
        )

    def _fold_activities(self, activities):
        """The most used activities stay in view; the rest fold under "More activities" — open when one
        of them is chosen (editing, or the form came back with an error)."""
        field = self.fields["activities"]
        field.fold_after = (
            selectors.COMMON_ACTIVITIES if len(activities) > selectors.COMMON_ACTIVITIES else None
        )
        chosen = {
            str(pk)
            for pk in (
                self.data.getlist("activities") if self.is_bound else self.initial.get("activities", [])
            )
        }
        folded = {str(a.pk) for a in activities[selectors.COMMON_ACTIVITIES :]}
        field.fold_open = bool(chosen & folded)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "visited_on": data["visited_on"],
            "duration_minutes": data["duration_minutes"],
            "place": data["place"],
            "activities": list(data["activities"]),
            "attendees": list(data["attendees"]),
            "goals": list(data.get("goals") or []),
            "interpreter_used": data["interpreter_used"],
            "notes": data["notes"],
        }


def _action_helper(*fields, submit_label) -> FormHelper:
    helper = FormHelper()
    helper.layout = Layout(*fields, Submit("submit", submit_label, css_class="btn-primary"))
    return helper


class EpisodeEndForm(forms.Form):
    end_reason = forms.ModelChoiceField(label=_("End reason"), queryset=EndReason.objects.none())
    ended_on = forms.DateField(label=_("End date"), widget=_date_input())
    closing_summary = forms.CharField(
        label=_("Closing summary"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The municipal social worker who referred the client sees this summary."),
    )

    def __init__(self, *args, user, episode, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["end_reason"].queryset = services.episode_end_reasons(episode, today=today)
        self.initial.setdefault("ended_on", today)
        self.helper = _action_helper(
            "end_reason", "ended_on", "closing_summary", submit_label=_("End episode")
        )


class EpisodeReassignForm(forms.Form):
    mentor = forms.ModelChoiceField(label=_("Social mentor"), queryset=ProviderStaff.objects.none())
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, episode, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = mentor_choices(provider_id=episode.contract.provider_id)
        self.fields["mentor"].label_from_instance = mentor_label
        self.helper = _action_helper("mentor", "note", submit_label=_("Reassign"))


def mentor_choices(*, provider_id: int):
    """The provider's active mentors with their open caseload, for choosing who takes an episode."""
    return (
        ProviderStaff.objects.mentors()
        .filter(provider_id=provider_id)
        .select_related("user")
        .annotate(
            open_count=Count("mentored_episodes", filter=Q(mentored_episodes__status=Episode.Status.ACTIVE))
        )
        .order_by("user__last_name", "user__first_name", "pk")
    )


def mentor_label(mentor) -> str:
    return _("%(name)s (%(open)s of %(max)s)") % {
        "name": mentor,
        "open": mentor.open_count,
        "max": mentor.max_caseload,
    }


class EpisodeExtendForm(forms.Form):
    length = forms.TypedChoiceField(label=_("New time limit"), coerce=int)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    requested_by = forms.ModelChoiceField(label=_("Requested by"), queryset=User.objects.none())
    approved_on = forms.DateField(label=_("Approved on"), widget=_date_input())

    def __init__(self, *args, user, episode, **kwargs):
        super().__init__(*args, **kwargs)
        programme = episode.programme
        unit = programme.get_limit_unit_display()
        current = max([programme.limit_length or 0, *(ext.length for ext in episode.extensions.all())])
        self.fields["length"].choices = [
            (n, f"{n} {unit}") for n in range(current + 1, (programme.extension_max_length or 0) + 1)
        ]
        self.fields["requested_by"].queryset = User.objects.filter(
            provider_staff__provider_id=episode.contract.provider_id, provider_staff__is_active=True
        ).order_by("last_name", "first_name", "pk")
        self.fields["requested_by"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.initial.setdefault("approved_on", timezone.localdate())
        if episode.mentor_id:
            self.initial.setdefault("requested_by", episode.mentor.user_id)
        self.helper = _action_helper(
            "length", "reason", "requested_by", "approved_on", submit_label=_("Approve extension")
        )


class EpisodeTransferForm(forms.Form):
    contract = forms.ModelChoiceField(label=_("New provider's contract"), queryset=Contract.objects.none())
    transferred_on = forms.DateField(label=_("Transferred on"), widget=_date_input())
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, episode, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["contract"].queryset = (
            Contract.objects.filter(programme_id=episode.programme_id)
            .active_on(today)
            .exclude(provider_id=episode.contract.provider_id)
            .select_related("provider", "programme")
            .order_by("provider__name", "number")
        )
        self.fields["contract"].label_from_instance = lambda c: f"{c.provider} — {c.number}"
        self.initial.setdefault("transferred_on", today)
        self.helper = _action_helper("contract", "transferred_on", "note", submit_label=_("Transfer"))


class PlanGoalForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Goal area"), queryset=GoalArea.objects.filter(is_active=True))
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}))
    target_on = forms.DateField(label=_("Target date"), required=False, widget=_date_input())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _action_helper("area", "description", "target_on", submit_label=_("Save goal"))


class GoalProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PlanGoal.Status.choices, widget=_ToggleRadios)
    achieved_on = forms.DateField(
        label=_("Achieved on"),
        required=False,
        widget=_date_input(),
        help_text=_("Only for an achieved goal; today if left empty."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _action_helper(
            Field("status", template=TOGGLES), "achieved_on", submit_label=_("Save progress")
        )


class HandoverForm(forms.Form):
    """Fund staff move every open episode of an ending contract to another; contracts and counts only."""

    from_contract = forms.ModelChoiceField(label=_("From contract"), queryset=Contract.objects.none())
    to_contract = forms.ModelChoiceField(label=_("To contract"), queryset=Contract.objects.none())
    handed_over_on = forms.DateField(label=_("Handed over on"), widget=_date_input())
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        contracts = (
            Contract.objects.for_user(user)
            .select_related("provider", "programme")
            .annotate(open_count=Count("episodes", filter=Q(episodes__status=Episode.Status.ACTIVE)))
        )
        self.fields["from_contract"].queryset = contracts.filter(open_count__gt=0)
        self.fields["from_contract"].label_from_instance = lambda c: (
            ngettext(
                "%(contract)s — %(count)s open episode",
                "%(contract)s — %(count)s open episodes",
                c.open_count,
            )
            % {"contract": c, "count": c.open_count}
        )
        self.fields["to_contract"].queryset = contracts
        self.fields["to_contract"].label_from_instance = str
        self.initial.setdefault("handed_over_on", timezone.localdate())
        self.helper = _action_helper(
            "from_contract", "to_contract", "handed_over_on", "note", submit_label=_("Hand over")
        )
