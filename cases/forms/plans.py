"""Forms about inclusion plans: a goal and its progress."""

from crispy_forms.layout import Field
from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ..models import (
    GoalArea,
    PlanGoal,
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
