"""Inclusion plan pages: drawing up and revising a plan, its goals and their progress."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import DetailView

from audit.reads import LogsReads
from mentors.access import Action, ScopedViewMixin, get_for_action, get_for_user, require

from .. import forms, services
from ..models import Episode, InclusionPlan, PlanGoal
from ..selectors.history import plan_history
from ..services import ServiceError
from .mixins import ServiceFormView, episode_permissions, safe_next, show_refusal


@login_required
@require_POST
def plan_create(request, pk):
    """Draw up the first version of the episode's inclusion plan, then add its goals."""
    # Municipal staff see the episode's outcome only: for them its plan does not exist.
    episode = get_for_user(Episode.objects, request.user, seen_with=Action.SEE_EPISODE_WORK, pk=pk)
    require(request.user, Action.WRITE_PLAN, episode)
    try:
        plan = services.plan_create(episode=episode, by=request.user)
    except ServiceError as refusal:
        show_refusal(refusal, request=request)
        return HttpResponseRedirect(reverse("cases:episode_detail", args=[episode.pk]))
    messages.success(request, _("The plan has been drawn up. Add its goals."))
    return HttpResponseRedirect(reverse("cases:plan_detail", args=[plan.pk]))


@login_required
@require_POST
def plan_revise(request, pk):
    """Start a new version of the plan (its goals copied); the old version is kept."""
    plan = get_for_action(InclusionPlan.objects, request.user, Action.WRITE_PLAN, pk=pk)
    try:
        plan = services.plan_revise(plan=plan, by=request.user)
    except ServiceError as refusal:
        show_refusal(refusal, request=request)
    else:
        messages.success(
            request, _("Version %(version)s of the plan has been started.") % {"version": plan.version}
        )
    return HttpResponseRedirect(reverse("cases:plan_detail", args=[plan.pk]))


class PlanDetailView(ScopedViewMixin, LogsReads, DetailView):
    """One version of an inclusion plan with its goals, and the list of all versions."""

    template_name = "cases/plan_detail.html"
    context_object_name = "plan"

    def get_queryset(self):
        return InclusionPlan.objects.for_user(self.request.user).select_related(
            "episode__client", "episode__programme", "episode__contract__provider", "drawn_up_by"
        )

    def get_context_data(self, **kwargs):
        plan = self.object
        return super().get_context_data(
            episode=plan.episode,
            goals=plan.goals.select_related("area"),
            versions=plan.episode.plans.select_related("drawn_up_by"),
            can=episode_permissions(self.request.user, plan.episode),
            is_open=plan.is_current and plan.episode.status == Episode.Status.ACTIVE,
            history=plan_history(plan),
            **kwargs,
        )


class GoalFormView(ServiceFormView):
    """Shared by the goal pages: the goal (or plan) is looked up among the user's provider's plans."""

    template_name = "cases/plan_goal_form.html"
    action = Action.WRITE_PLAN
    title = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.plan, episode=self.plan.episode, title=self.title, **kwargs)

    def get_success_url(self):
        return reverse("cases:plan_detail", args=[self.plan.pk])


class GoalCreateView(GoalFormView):
    form_class = forms.PlanGoalForm
    title = gettext_lazy("Add a goal")
    success_message = gettext_lazy("The goal has been added.")

    def get_subject(self):
        self.plan = get_for_user(
            InclusionPlan.objects.select_related(
                "episode__client", "episode__programme", "episode__contract"
            ),
            self.request.user,
            pk=self.kwargs["pk"],
        )
        return self.plan

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"plan": self.plan}

    def perform(self, form):
        return services.plan_goal_add(plan=self.plan, by=self.request.user, **form.cleaned_data)


class GoalChangeView(GoalFormView):
    def get_subject(self):
        self.goal = get_for_user(
            PlanGoal.objects.select_related(
                "area", "plan__episode__client", "plan__episode__programme", "plan__episode__contract"
            ),
            self.request.user,
            pk=self.kwargs["pk"],
        )
        self.plan = self.goal.plan
        return self.goal

    def get_context_data(self, **kwargs):
        return super().get_context_data(goal=self.goal, **kwargs)


class GoalEditView(GoalChangeView):
    form_class = forms.PlanGoalForm
    title = gettext_lazy("Edit goal")
    success_message = gettext_lazy("The goal has been saved.")

    def get_initial(self):
        return {
            "area": self.goal.area,
            "description": self.goal.description,
            "target_on": self.goal.target_on,
        }

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"plan": self.plan}

    def perform(self, form):
        return services.plan_goal_edit(goal=self.goal, by=self.request.user, **form.cleaned_data)


class GoalProgressView(GoalChangeView):
    form_class = forms.GoalProgressForm
    action = Action.SET_GOAL_PROGRESS
    title = gettext_lazy("Goal progress")
    success_message = gettext_lazy("The progress has been saved.")

    def get_initial(self):
        return {"status": self.goal.status, "achieved_on": self.goal.achieved_on}

    def perform(self, form):
        return services.plan_goal_set_status(goal=self.goal, by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return safe_next(self.request, super().get_success_url())
