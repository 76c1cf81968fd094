"""Visit pages: logging, correcting and deleting a visit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.reads import LogsReads
from mentors.access import Action, get_for_action, get_for_user

from .. import forms, services
from ..models import Visit
from ..selectors.history import visit_history
from ..services import ServiceError
from .episodes import EpisodeActionView
from .mixins import ServiceFormView, show_refusal


class VisitCreateView(EpisodeActionView):
    action = Action.WRITE_VISIT
    form_class = forms.VisitForm
    template_name = "cases/visit_form.html"
    title = gettext_lazy("Log a visit")
    success_message = gettext_lazy("The visit has been logged.")

    def perform(self, form):
        return services.visit_log(episode=self.episode, by=self.request.user, **form.service_kwargs())

    def get_success_url(self):
        return reverse("cases:episode_detail", args=[self.episode.pk])


class VisitEditView(LogsReads, ServiceFormView):
    action = Action.WRITE_VISIT
    form_class = forms.VisitForm
    template_name = "cases/visit_form.html"
    success_message = gettext_lazy("The visit has been saved.")

    def get_subject(self):
        self.visit = get_for_user(
            Visit.objects.select_related(
                "contract",
                "episode__client",
                "episode__programme",
                "episode__contract__provider",
                "episode__mentor__user",
            ),
            self.request.user,
            pk=self.kwargs["pk"],
        )
        self.episode = self.visit.episode
        return self.visit

    def read_record(self):
        return self.visit

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"episode": self.episode, "visit": self.visit}

    def get_initial(self):
        visit = self.visit
        return {
            "visited_on": visit.visited_on,
            "duration_minutes": visit.duration_minutes,
            "place": visit.place,
            "activities": [a.pk for a in visit.activities.all()],
            "attendees": [c.pk for c in visit.attendees.all()],
            "goals": [g.pk for g in visit.goals.all()],
            "interpreter_used": visit.interpreter_used,
            "notes": visit.notes,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            episode=self.episode,
            visit=self.visit,
            title=_("Edit visit"),
            history=visit_history(self.visit),
            **kwargs,
        )

    def perform(self, form):
        return services.visit_edit(visit=self.visit, by=self.request.user, **form.service_kwargs())

    def get_success_url(self):
        return reverse("cases:episode_detail", args=[self.episode.pk])


@login_required
def visit_delete(request, pk):
    """Confirm (GET) and delete (POST) a visit logged by mistake."""
    visit = get_for_action(
        Visit.objects.select_related("contract", "episode__client", "episode__programme"),
        request.user,
        Action.WRITE_VISIT,
        pk=pk,
    )
    episode_url = reverse("cases:episode_detail", args=[visit.episode_id])
    refused = False
    if request.method == "POST":
        try:
            services.visit_delete(visit=visit, by=request.user)
        except ServiceError as refusal:
            show_refusal(refusal, request=request)
            refused = True
        else:
            messages.success(request, _("The visit has been deleted."))
            return HttpResponseRedirect(episode_url)
    return render(
        request,
        "cases/visit_confirm_delete.html",
        {"visit": visit, "episode": visit.episode},
        status=400 if refused else 200,
    )
