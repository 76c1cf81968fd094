"""Forms about referrals: filing, returning, withdrawing, re-sending and accepting."""

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from mentors.access import role_for
from mentors.models import Contract, Programme, Provider, SpokenLanguage

from ..models import (
    GoalArea,
    Referral,
)
from ..selectors import covering_contracts
from .episodes import TeamForm
from .layout import form_helper

ASSESSMENT_REQUIRED = {
    "needs_areas": _("Choose at least one assessed need area."),
    "needs_text": _("Write the assessment of the person's needs."),
}


def require_assessment(form) -> None:
    """The assessed need areas and the assessment text are required (the service's rule, asked before
    the summary is shown)."""
    for name, message in ASSESSMENT_REQUIRED.items():
        form.fields[name].required = True
        form.fields[name].error_messages["required"] = message


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
        require_assessment(self)
        self.fields["urgency"].choices = Referral.Urgency.choices
        self.fields["contact_language"].initial = client.preferred_language_id
        self.helper = form_helper(
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
        self.helper = form_helper(self, "reason")


class ReferralWithdrawForm(forms.Form):
    note = forms.CharField(
        label=capfirst(_("note")), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="withdraw", **kwargs)
        self.helper = form_helper(self, "note")


class ReferralResubmitForm(forms.Form):
    """Send a returned referral again: the assessment as it was, to correct, and another covering
    provider where there is one."""

    provider = forms.ModelChoiceField(label=capfirst(_("provider")), queryset=Provider.objects.none())
    needs_areas = forms.ModelMultipleChoiceField(
        label=capfirst(_("assessed needs")),
        queryset=GoalArea.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
    )
    needs_text = forms.CharField(
        label=capfirst(_("assessment of needs")), widget=forms.Textarea(attrs={"rows": 4})
    )
    urgency = forms.ChoiceField(
        label=capfirst(_("urgency")), choices=Referral.Urgency.choices, widget=forms.RadioSelect
    )
    contact_language = forms.ModelChoiceField(
        label=capfirst(_("contact language")), queryset=SpokenLanguage.objects.all(), required=False
    )
    notes_for_provider = forms.CharField(
        label=capfirst(_("notes for the provider")),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
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
        require_assessment(self)
        self.initial.update(
            needs_areas=[area.pk for area in referral.needs_areas.all()],
            needs_text=referral.needs_text,
            urgency=referral.urgency,
            contact_language=referral.contact_language_id,
            notes_for_provider=referral.notes_for_provider,
        )
        self.helper = form_helper(
            self,
            "provider",
            "needs_areas",
            "needs_text",
            "urgency",
            "contact_language",
            "notes_for_provider",
            "note",
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
        self.helper = form_helper(self, "mentor", "social_worker")
