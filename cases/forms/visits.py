"""The visit form: a contact logged in a few taps on a phone."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout
from django import forms
from django.db.models import Q
from django.utils import timezone
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
    activities = forms.ModelMultipleChoiceField(
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
