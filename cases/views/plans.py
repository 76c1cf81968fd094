"""Inclusion plan pages: drawing up and revising a plan (with the reason), the situation assessment,
the client's agreement, goals, the steps towards them and their progress, the printable plan in the
client's language, and two versions side by side."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import DetailView

from audit.reads import LogsReads, record_read
from mentors.access import Action, ScopedViewMixin, get_for_user, require

from .. import forms, services
from ..models import Episode, GoalArea, InclusionPlan, PlanGoal, PlanStep
from ..selectors import plan_comparison
from ..selectors.history import plan_history
from ..services import ServiceError
from .mixins import ServiceFormView, episode_permissions, safe_next, show_refusal

PLAN_RELATED = (
    "episode__client__preferred_language",
    "episode__programme",
    "episode__contract__provider",
    "episode__mentor__user",
    "episode__social_worker__user",
    "drawn_up_by",
    "agreement_language",
)


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


class PlanDetailView(ScopedViewMixin, LogsReads, DetailView):
    """One version of an inclusion plan with its goals, and the list of all versions."""

    template_name = "cases/plan_detail.html"
    context_object_name = "plan"

    def get_queryset(self):
        return InclusionPlan.objects.for_user(self.request.user).select_related(*PLAN_RELATED)

    def get_context_data(self, **kwargs):
        plan = self.object
        return super().get_context_data(
            episode=plan.episode,
            goals=plan.goals.select_related("area").prefetch_related("steps"),
            assessments=plan.assessments.select_related("area"),
            versions=plan.episode.plans.select_related("drawn_up_by"),
            print_languages=forms.PRINT_LANGUAGES,
            print_language=print_language_for(plan),
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
    """A page about one goal (and its plan): editing it, its progress, adding a step to it."""

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


class PlanFormView(ServiceFormView):
    """A form page about one plan version (the current one, of an open episode: the service refuses
    otherwise), shown under the episode's header, back to the plan when done."""

    template_name = "cases/plan_goal_form.html"
    action = Action.WRITE_PLAN
    title = ""

    def get_subject(self):
        self.plan = get_for_user(
            InclusionPlan.objects.select_related(*PLAN_RELATED), self.request.user, pk=self.kwargs["pk"]
        )
        return self.plan

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.plan, episode=self.plan.episode, title=self.title, **kwargs)

    def get_success_url(self):
        return reverse("cases:plan_detail", args=[self.plan.pk])


class PlanReviseView(PlanFormView):
    """Start a new version of the plan, giving the reason (the old version is kept as it was); what will
    happen is confirmed first."""

    form_class = forms.PlanReviseForm
    title = gettext_lazy("Revise the plan")
    confirm_question = gettext_lazy("Start a new version of the plan?")
    confirm_label = gettext_lazy("Start the new version")

    def consequences(self, form) -> list[str]:
        versions = {"next": self.plan.version + 1, "version": self.plan.version}
        return [
            _(
                "Version %(next)s will be started from version %(version)s: its situation assessment, "
                "goals and steps are copied."
            )
            % versions,
            _("Version %(version)s is kept as it is and can no longer be changed.") % versions,
            _("The client agrees to the new version anew."),
            _("The reason is recorded: %(reason)s") % {"reason": form.cleaned_data["reason"]},
        ]

    def perform(self, form):
        self.revision = services.plan_revise(
            plan=self.plan, reason=form.cleaned_data["reason"], by=self.request.user
        )
        messages.success(
            self.request,
            _("Version %(version)s of the plan has been started.") % {"version": self.revision.version},
        )
        return self.revision

    def get_success_url(self):
        return reverse("cases:plan_detail", args=[self.revision.pk])


class PlanAssessmentView(PlanFormView):
    form_class = forms.PlanAssessmentForm
    title = gettext_lazy("Situation assessment")
    success_message = gettext_lazy("The situation assessment has been saved.")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"areas": GoalArea.objects.filter(is_active=True)}

    def get_initial(self):
        return {f"area_{row.area_id}": row.situation for row in self.plan.assessments.all()}

    def perform(self, form):
        return services.plan_assessment_set(
            plan=self.plan, situations=form.situations(), by=self.request.user
        )


class PlanAgreementView(PlanFormView):
    form_class = forms.PlanAgreementForm
    title = gettext_lazy("The client's agreement")
    success_message = gettext_lazy("The agreement has been saved.")

    def get_initial(self):
        plan = self.plan
        return {
            "agreed_on": plan.agreed_on,
            "interpreter_used": plan.interpreter_used,
            "agreement_language": plan.agreement_language or plan.episode.client.preferred_language,
            "review_on": plan.review_on,
        }

    def perform(self, form):
        return services.plan_agreement_record(plan=self.plan, by=self.request.user, **form.cleaned_data)


class StepCreateView(GoalChangeView):
    form_class = forms.PlanStepForm
    title = gettext_lazy("Add a step")
    success_message = gettext_lazy("The step has been added.")

    def perform(self, form):
        return services.plan_step_add(goal=self.goal, by=self.request.user, **form.cleaned_data)


class StepEditView(GoalFormView):
    form_class = forms.PlanStepForm
    title = gettext_lazy("Edit step")
    success_message = gettext_lazy("The step has been saved.")

    def get_subject(self):
        self.step = get_for_user(
            PlanStep.objects.select_related(
                "goal__area",
                "goal__plan__episode__client",
                "goal__plan__episode__programme",
                "goal__plan__episode__contract",
            ),
            self.request.user,
            pk=self.kwargs["pk"],
        )
        self.goal = self.step.goal
        self.plan = self.goal.plan
        return self.step

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"with_done": True}

    def get_context_data(self, **kwargs):
        return super().get_context_data(goal=self.goal, **kwargs)

    def get_initial(self):
        step = self.step
        return {
            "description": step.description,
            "done_by": step.done_by,
            "done_by_other": step.done_by_other,
            "due_on": step.due_on,
            "done_on": step.done_on,
        }

    def perform(self, form):
        return services.plan_step_edit(step=self.step, by=self.request.user, **form.cleaned_data)


def print_language_for(plan) -> str:
    """The language the plan is printed in unless another is chosen: the client's, when the plan can
    be printed in it, else Latvian."""
    codes = [code for code, _name in forms.PRINT_LANGUAGES]
    for language in (plan.agreement_language, plan.episode.client.preferred_language):
        if language is not None and language.code in codes:
            return language.code
    return codes[0]


@login_required
def plan_print(request, pk):
    """The plan to print and sign, in the language chosen (`?language=`: lv, uk, ru or en), whatever
    the language of the interface: the client reads and signs it."""
    plan = get_for_user(InclusionPlan.objects.select_related(*PLAN_RELATED), request.user, pk=pk)
    codes = [code for code, _name in forms.PRINT_LANGUAGES]
    language = request.GET.get("language") or print_language_for(plan)
    if language not in codes:
        raise Http404
    with translation.override(language):
        html = render_to_string(
            "cases/plan_print.html",
            {
                "plan": plan,
                "episode": plan.episode,
                "client": plan.episode.client,
                "assessments": plan.assessments.select_related("area"),
                "goals": plan.goals.select_related("area").prefetch_related("steps"),
                "language": language,
                "print_codes": codes,
            },
            request=request,
        )
    record_read(plan, what="print")
    return HttpResponse(html)


class PlanCompareView(ScopedViewMixin, LogsReads, DetailView):
    """A version of the plan beside the version before it: what changed and why."""

    template_name = "cases/plan_compare.html"
    context_object_name = "plan"

    def get_queryset(self):
        return InclusionPlan.objects.for_user(self.request.user).select_related(*PLAN_RELATED)

    def get_object(self, queryset=None):
        plan = super().get_object(queryset)
        self.previous = (
            InclusionPlan.objects.select_related("drawn_up_by", "agreement_language")
            .filter(episode_id=plan.episode_id, version=plan.version - 1)
            .first()
        )
        if self.previous is None:
            raise Http404
        return plan

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            episode=self.object.episode,
            comparison=plan_comparison(self.previous, self.object),
            versions=self.object.episode.plans.all(),
            **kwargs,
        )
