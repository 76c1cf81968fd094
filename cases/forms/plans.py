"""Forms about inclusion plans: the revision and its reason, the situation assessment, the client's
agreement, a goal and its progress, a step towards a goal, and the language of the printed plan."""

from crispy_forms.layout import Field
from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from mentors.models import SpokenLanguage

from ..models import (
    GoalArea,
    PlanGoal,
    PlanStep,
)
from .layout import TOGGLES, ToggleRadios, date_input, form_helper


class PlanGoalForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Goal area"), queryset=GoalArea.objects.filter(is_active=True))
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}))
    target_on = forms.DateField(label=_("Target date"), required=False, widget=date_input())

    def __init__(self, *args, user, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan_date = timezone.localdate(plan.created_at)
        self.helper = form_helper(self, "area", "description", "target_on", submit_label=_("Save goal"))

    def clean_target_on(self):
        """Not before the plan was drawn up; a date the goal already had (copied into a revision) stays."""
        target_on = self.cleaned_data["target_on"]
        if target_on and target_on < self.plan_date and target_on != self.initial.get("target_on"):
            raise forms.ValidationError(
                _("The target date cannot be before the plan was drawn up (%(date)s).")
                % {"date": date_format(self.plan_date, "SHORT_DATE_FORMAT")}
            )
        return target_on


class GoalProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PlanGoal.Status.choices, widget=ToggleRadios)
    achieved_on = forms.DateField(
        label=_("Achieved on"),
        required=False,
        widget=date_input(),
        help_text=_("Only for an achieved goal; today if left empty."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            self, Field("status", template=TOGGLES), "achieved_on", submit_label=_("Save progress")
        )


class PlanReviseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the revision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What changed in the person's situation or in the goals; it is shown beside the versions."
        ),
        error_messages={"required": _("Give the reason for revising the plan.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(self, "reason", submit_label=_("Start the new version"))


class PlanAssessmentForm(forms.Form):
    """One text per goal area: the person's situation in it (an empty area is not assessed)."""

    def __init__(self, *args, user, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(areas)
        for area in self.areas:
            self.fields[f"area_{area.pk}"] = forms.CharField(
                label=area.name, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
        self.helper = form_helper(self, *self.fields, submit_label=_("Save the assessment"))

    def situations(self) -> dict:
        return {area: self.cleaned_data[f"area_{area.pk}"] for area in self.areas}


class PlanAgreementForm(forms.Form):
    agreed_on = forms.DateField(label=_("Agreed with the client on"), required=False, widget=date_input())
    agreement_language = forms.ModelChoiceField(
        label=_("Language of the conversation"), queryset=SpokenLanguage.objects.all(), required=False
    )
    interpreter_used = forms.BooleanField(label=_("An interpreter was used"), required=False)
    review_on = forms.DateField(label=_("Next review"), required=False, widget=date_input())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            self,
            ("agreed_on", "agreement_language"),
            "interpreter_used",
            "review_on",
            submit_label=_("Save the agreement"),
        )


class PlanStepForm(forms.Form):
    description = forms.CharField(label=_("Step"), widget=forms.Textarea(attrs={"rows": 2}))
    done_by = forms.ChoiceField(
        label=_("Who does it"), choices=PlanStep.DoneBy.choices, widget=forms.RadioSelect
    )
    done_by_other = forms.CharField(
        label=_("Who else"),
        required=False,
        max_length=200,
        help_text=_("An institution or a person, when someone else."),
    )
    due_on = forms.DateField(label=_("Due by"), required=False, widget=date_input())
    done_on = forms.DateField(label=_("Done on"), required=False, widget=date_input())

    def __init__(self, *args, user, with_done=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_done:
            del self.fields["done_on"]
        self.helper = form_helper(
            self,
            "description",
            "done_by",
            "done_by_other",
            ("due_on", "done_on"),
            submit_label=_("Save step"),
        )


PRINT_LANGUAGES = (
    ("lv", _("Latvian")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("en", _("English")),
)
