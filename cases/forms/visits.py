"""The visit form: a contact logged in a few taps on a phone."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from mentors.services import contract_month_is_locked

from .. import selectors, services
from ..models import (
    Activity,
    Client,
    PlanGoal,
    Visit,
)
from ..rules.contacts import contact_date_refusal
from .layout import TOGGLES, ToggleCheckboxes, date_input
from .planned_contacts import PlannedContactForm

DURATION_RANGE = _("The duration must be between 1 minute and 12 hours.")


class FoldingActivitiesField(forms.ModelMultipleChoiceField):
    """The activities, most used first, the rest folded under "More activities". The order and the fold
    are worked out only when the form is shown (`folding`, set by the form): a form that is saved at
    once never asks how often each activity was logged."""

    chosen: set[str] = set()  # the activities ticked, as the form holds them
    folding = None  # a callable: (the activities in the order shown, the number shown before the fold)

    @cached_property
    def _folded(self):
        return self.folding()

    @property
    def fold_after(self) -> int | None:
        return self._folded[1]

    @property
    def fold_open(self) -> bool:
        """Open when one of the folded activities is chosen (editing, or the form came back with an error)."""
        activities, fold_after = self._folded
        if fold_after is None:
            return False
        return bool(self.chosen & {str(activity.pk) for activity in activities[fold_after:]})


class VisitForm(PlannedContactForm):
    """The mentor's most frequent form: one phone screen, sensible defaults, a few taps. Logging a
    visit, the next contact is planned on the same form (the fields of `PlannedContactForm`: what they
    hold when saved is the episode's next planned contact)."""

    visited_on = forms.DateField(label=_("Date"), widget=date_input())
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
    activities = FoldingActivitiesField(
        label=_("Activities"),
        queryset=Activity.objects.none(),
        widget=ToggleCheckboxes,
        error_messages={"required": _("Choose at least one activity.")},
    )
    attendees = forms.ModelMultipleChoiceField(
        label=_("People present"),
        queryset=Client.objects.none(),
        widget=ToggleCheckboxes,
        error_messages={"required": _("Tick at least one person present.")},
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Plan goals worked on"),
        queryset=PlanGoal.objects.none(),
        required=False,
        widget=ToggleCheckboxes,
    )
    interpreter_used = forms.BooleanField(label=_("Interpreter used"), required=False)
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Seen by your provider's staff only."),
    )
    # Sent by the "Save it too" button once the service found a visit like this one (same day, people).
    save_duplicate = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, episode, visit=None, **kwargs):
        super().__init__(*args, episode=episode, **kwargs)
        self.episode, self.visit = episode, visit
        today = timezone.localdate()
        if visit is not None:  # a correction: the next contact is planned from the episode page
            for name in ("next_contact_on", "next_contact_at", "next_contact_note"):
                del self.fields[name]
        elif not self.is_bound and episode.next_contact_on is not None and episode.next_contact_on <= today:
            # The planned contact is due: this visit is it. The mentor plans the one after.
            for name in ("next_contact_on", "next_contact_at", "next_contact_note"):
                self.initial.pop(name, None)
        # The active activities (the selector's), "most used first" only when the form is shown.
        self.fields["activities"].queryset = Activity.objects.filter(is_active=True)
        ordered = SimpleLazyObject(lambda: selectors.activities_for_visit_form(user=user, today=today))
        self.fields["activities"].choices = lambda: [(a.pk, a.name) for a in ordered]
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
        self._fold_activities(ordered)
        self.details_open = bool(self["notes"].value() or self["interpreter_used"].value())
        # Text of a crispy HTML() block is a template string makemessages never reads: it comes from here.
        self.details_label = _("Interpreter and notes")
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
            *(
                [
                    Div(
                        Div("next_contact_on", css_class="col-7"),
                        Div("next_contact_at", css_class="col-5"),
                        css_class="row g-2",
                    ),
                    "next_contact_note",
                ]
                if visit is None
                else []
            ),
            HTML(
                '<details class="mb-3"{% if form.details_open %} open{% endif %}>'
                '<summary class="py-2">{{ form.details_label }}</summary>'
            ),
            "interpreter_used",
            "notes",
            HTML("</details>"),
        )

    def _fold_activities(self, ordered):
        """The most used activities stay in view; the rest fold under "More activities"."""
        field = self.fields["activities"]
        field.folding = lambda: (
            ordered,
            selectors.COMMON_ACTIVITIES if len(ordered) > selectors.COMMON_ACTIVITIES else None,
        )
        field.chosen = {
            str(pk)
            for pk in (
                self.data.getlist("activities") if self.is_bound else self.initial.get("activities", [])
            )
        }

    def clean_visited_on(self):
        """The rule on a contact's date, asked with the other fields so that every error shows at once
        (the service asks again when it writes, holding the contract)."""
        day = self.cleaned_data["visited_on"]
        contract = self.visit.contract if self.visit is not None else self.episode.contract
        refusal = contact_date_refusal(
            day,
            today=timezone.localdate(),
            episode=self.episode,
            contract=contract,
            month_locked=contract_month_is_locked(contract=contract, day=day),
        )
        if refusal:
            raise forms.ValidationError(refusal)
        return day

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
            "save_duplicate": data["save_duplicate"],
            **({"next_contact": self.planned_contact()} if "next_contact_on" in self.fields else {}),
        }
