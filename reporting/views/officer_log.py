"""The data protection officer's log: who changed and who read whose records."""

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils import timezone
from django.views.generic import TemplateView

from audit.history import log_rows
from audit.selectors import officer_log
from cases.models import Client, Visit, VisitAttendance
from cases.selectors.search import client_search
from mentors.access import Action, ScopedViewMixin

from ..forms import LogFilterForm

LOG_PAGE_SIZE = 50
PERSON_MATCHES = 20


class OfficerLogView(ScopedViewMixin, TemplateView):
    """Who changed and who read whose records: by person, user, organisation and period. The officer
    sees the kind of record, its number, the person's client number and the fields changed — never a
    record's content, and no case page (those are 404 for this role)."""

    area = Action.SEE_AUDIT_LOG
    template_name = "reporting/audit_log.html"

    def get_context_data(self, **kwargs):
        form = LogFilterForm(self.request.GET, user=self.request.user, today=timezone.localdate())
        context = super().get_context_data(form=form, person=None, matches=[], page=None, **kwargs)
        if not form.is_valid():
            return context
        person, matches = self._person(form)
        context.update(
            person=person, matches=matches[:PERSON_MATCHES], more_matches=len(matches) > PERSON_MATCHES
        )
        if form.cleaned_data.get("person") and person is None:
            return context  # nobody (or several people) found: no entries until one is chosen
        kind = form.cleaned_data.get("kind")
        entries = officer_log(
            person_id=person.pk if person else None,
            also_records=[(Visit, VisitAttendance.objects.filter(client=person).values("visit_id"))]
            if person
            else (),
            actor_ids=self._users(form.cleaned_data.get("user")),
            start=form.cleaned_data.get("start"),
            end=form.cleaned_data.get("end"),
            reads={"reads": True, "changes": False}.get(kind),
            **form.organisation_filter(),
        )
        page = Paginator(entries, LOG_PAGE_SIZE).get_page(self.request.GET.get("page"))
        rows = log_rows(page.object_list, person_label=lambda pk: Client(pk=pk).pseudonym)
        context.update(page=page, rows=rows)
        return context

    @staticmethod
    def _person(form):
        """The person chosen (by the lookup's link or a client number), or the people the name matches."""
        people = Client.objects.only("pk", "given_name", "family_name")
        if form.cleaned_data.get("client"):
            return people.filter(pk=form.cleaned_data["client"]).first(), []
        text = form.cleaned_data.get("person")
        if not text:
            return None, []
        number = form.client_number()
        if number is not None:
            return people.filter(pk=number).first(), []
        matches = list(client_search(people, text)[: PERSON_MATCHES + 1])
        if len(matches) == 1:
            return matches[0], []
        return None, matches

    @staticmethod
    def _users(text):
        if not text:
            return None
        return (
            get_user_model()
            .objects.filter(
                Q(username__icontains=text) | Q(first_name__icontains=text) | Q(last_name__icontains=text)
            )
            .values("pk")
        )
