"""Forms of the cases app: validate and lay out (crispy FormHelper); take `user=` to scope choices."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout, Submit
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mentors.models import Contract, ProviderStaff

from . import selectors, services
from .models import Activity, Client, EndReason, Episode, GoalArea, PlanGoal, Visit

User = get_user_model()


# --- Clients and referrals (issue 3) -------------------------------------------------------------


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
