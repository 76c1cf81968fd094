"""Forms about episodes: the team (mentor and social worker), intake, ending, reassigning, extending, transfers and handovers."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from mentors.access import role_for
from mentors.models import Contract, Provider, ProviderStaff

from .. import selectors, services
from ..models import (
    EndReason,
    Episode,
)
from ..rules.limits import episode_limit_length
from ..selectors import mentor_suggestions
from ..services import INTAKE_SOURCES
from .layout import date_input, form_helper, not_in_future

User = get_user_model()


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


class IntakeEpisodeForm(TeamForm):
    """Provider intake: the contract (an AS-ESF or AS-OSA one of the user's provider), where the person
    came from, the start date and the team."""

    contract = forms.ModelChoiceField(
        label=capfirst(_("contract")), queryset=Contract.objects.none(), empty_label=None
    )
    intake_source = forms.ChoiceField(
        label=capfirst(_("came from")), choices=[(source.value, source.label) for source in INTAKE_SOURCES]
    )
    started_on = forms.DateField(label=capfirst(_("start date")), widget=date_input())
    field_order = ["contract", "intake_source", "started_on", "mentor", "social_worker"]

    def __init__(self, *args, user, client, **kwargs):
        super().__init__(*args, **kwargs)
        role = role_for(user)
        today = timezone.localdate()
        self.fields["contract"].queryset = selectors.intake_contracts(
            provider_id=role.provider_id, client=client, today=today
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
        self.helper = form_helper(
            self, "contract", ("intake_source", "started_on"), "mentor", "social_worker"
        )

    def clean_started_on(self):
        return not_in_future(self.cleaned_data["started_on"], _("The start date cannot be in the future."))

    def clean(self):
        data = super().clean()
        contract, social_worker = data.get("contract"), data.get("social_worker")
        if contract and contract.programme.social_worker_required and not social_worker:
            self.add_error("social_worker", _("This programme needs a provider social worker: choose one."))
        return data


class EpisodeEndForm(forms.Form):
    end_reason = forms.ModelChoiceField(
        label=_("End reason"),
        queryset=EndReason.objects.none(),
        error_messages={"required": _("Choose why the episode ends.")},
    )
    ended_on = forms.DateField(label=_("End date"), widget=date_input())
    closing_summary = forms.CharField(
        label=_("Closing summary"),
        error_messages={"required": _("Write a short closing summary.")},
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The municipal social worker who referred the client sees this summary."),
    )

    def __init__(self, *args, user, episode, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["end_reason"].queryset = services.episode_end_reasons(episode, today=today)
        self.initial.setdefault("ended_on", today)
        self.helper = form_helper(
            self, "end_reason", "ended_on", "closing_summary", submit_label=_("End episode")
        )


class EpisodeReassignForm(forms.Form):
    mentor = forms.ModelChoiceField(label=_("Social mentor"), queryset=ProviderStaff.objects.none())
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, episode, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = mentor_choices(provider_id=episode.contract.provider_id)
        self.fields["mentor"].label_from_instance = mentor_label
        self.helper = form_helper(self, "mentor", "note", submit_label=_("Reassign"))


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
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for the extension.")},
    )
    requested_by = forms.ModelChoiceField(label=_("Requested by"), queryset=User.objects.none())
    approved_on = forms.DateField(label=_("Approved on"), widget=date_input())

    def __init__(self, *args, user, episode, **kwargs):
        super().__init__(*args, **kwargs)
        programme = episode.programme
        current = episode_limit_length(episode) or 0
        self.fields["length"].choices = [
            (n, programme.limit_length_label(n))
            for n in range(current + 1, (programme.extension_max_length or 0) + 1)
        ]
        self.fields["requested_by"].queryset = User.objects.filter(
            provider_staff__provider_id=episode.contract.provider_id, provider_staff__is_active=True
        ).order_by("last_name", "first_name", "pk")
        self.fields["requested_by"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.initial.setdefault("approved_on", timezone.localdate())
        if episode.mentor_id:
            self.initial.setdefault("requested_by", episode.mentor.user_id)
        self.helper = form_helper(
            self, "length", "reason", "requested_by", "approved_on", submit_label=_("Approve extension")
        )


class EpisodeTransferForm(forms.Form):
    contract = forms.ModelChoiceField(label=_("New provider's contract"), queryset=Contract.objects.none())
    transferred_on = forms.DateField(label=_("Transferred on"), widget=date_input())
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, episode, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["contract"].queryset = selectors.transfer_contracts(episode, today=today)
        self.fields["contract"].label_from_instance = lambda c: f"{c.provider} — {c.number}"
        self.initial.setdefault("transferred_on", today)
        self.helper = form_helper(self, "contract", "transferred_on", "note", submit_label=_("Transfer"))


class HandoverForm(forms.Form):
    """Fund staff move every open episode of an ending contract to another; contracts and counts only."""

    from_contract = forms.ModelChoiceField(label=_("From contract"), queryset=Contract.objects.none())
    to_contract = forms.ModelChoiceField(label=_("To contract"), queryset=Contract.objects.none())
    handed_over_on = forms.DateField(label=_("Handed over on"), widget=date_input())
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
        self.helper = form_helper(
            self, "from_contract", "to_contract", "handed_over_on", "note", submit_label=_("Hand over")
        )

    def clean(self):
        """What the handover service refuses on the contracts, asked before the confirmation step."""
        data = super().clean()
        old, new = data.get("from_contract"), data.get("to_contract")
        if old and new and old.pk == new.pk:
            self.add_error("to_contract", _("Choose two different contracts."))
        elif old and new and old.programme_id != new.programme_id:
            self.add_error("to_contract", _("The contract is for another programme."))
        return data
