"""Episode pages: intake, an episode's page and its actions, the caseload, the team view, handovers."""

from django.core.paginator import Paginator
from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import DetailView, ListView

from audit.reads import LogsReads
from mentors.access import Action, ScopedViewMixin, can, get_for_user, role_for
from mentors.models import ProviderStaff
from mentors.services import month_is_locked

from .. import forms, selectors, services
from ..forms import (
    IntakeEpisodeForm,
)
from ..forms.filters import CaseloadFilterForm, TeamFilterForm
from ..models import (
    Client,
    Episode,
    EpisodeContract,
    Handover,
    PlanGoal,
    Referral,
    Visit,
    VisitAttendance,
)
from ..selectors.history import episode_history
from .clients import ClientFormView
from .mixins import FilteredListMixin, ServiceFormView, episode_permissions, safe_next


class IntakeEpisodeView(ClientFormView):
    """Provider intake (AS-ESF, AS-OSA): open an episode without a municipal referral."""

    action = Action.OPEN_EPISODE
    template_name = "cases/intake_form.html"
    form_class = IntakeEpisodeForm
    success_message = gettext_lazy("The episode is opened.")

    def action_object(self):
        return None  # the contract is chosen in the form; the service checks it

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "client": self.client}

    def perform(self, form):
        return services.intake_episode_open(client=self.client, **form.cleaned_data, by=self.request.user)


class EpisodeActionView(ServiceFormView):
    """A workflow form on one episode: the episode is looked up among those the user may see (404) and
    the user must be allowed the `action` on it (403)."""

    action = Action.MANAGE_EPISODE
    template_name = "cases/episode_action.html"
    title = ""
    intro = ""

    def get_subject(self):
        self.episode = get_for_user(
            Episode.objects.select_related("client", "programme", "contract__provider", "mentor__user"),
            self.request.user,
            pk=self.kwargs["pk"],
        )
        self.check_episode(self.episode)
        return self.episode

    def check_episode(self, episode) -> None:
        """Refuse pages that do not apply to this episode (raise Http404)."""

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"episode": self.episode}

    def get_context_data(self, **kwargs):
        return super().get_context_data(episode=self.episode, title=self.title, intro=self.intro, **kwargs)

    def get_success_url(self):
        return safe_next(self.request, reverse("cases:episode_detail", args=[self.episode.pk]))


class EpisodeEndView(EpisodeActionView):
    form_class = forms.EpisodeEndForm
    title = gettext_lazy("End episode")
    success_message = gettext_lazy("The episode has ended.")

    def perform(self, form):
        return services.episode_end(episode=self.episode, by=self.request.user, **form.cleaned_data)


class EpisodeReassignView(EpisodeActionView):
    form_class = forms.EpisodeReassignForm
    title = gettext_lazy("Reassign the mentor")
    success_message = gettext_lazy("The episode has a new mentor.")

    def perform(self, form):
        return services.episode_reassign(episode=self.episode, by=self.request.user, **form.cleaned_data)


class EpisodeExtendView(EpisodeActionView):
    form_class = forms.EpisodeExtendForm
    title = gettext_lazy("Extend the time limit")
    intro = gettext_lazy("Record an approved extension. The limit counts from the episode start.")
    success_message = gettext_lazy("The time limit has been extended.")

    def check_episode(self, episode) -> None:
        if not episode.programme.extension_max_length:
            raise Http404

    def perform(self, form):
        return services.episode_extend(episode=self.episode, by=self.request.user, **form.cleaned_data)


class EpisodePlanContactView(EpisodeActionView):
    """Set, change or clear the next planned contact of an open episode."""

    action = Action.PLAN_CONTACT
    form_class = forms.PlannedContactForm
    title = gettext_lazy("Next contact")
    intro = gettext_lazy(
        "The day of the next contact with the client, and a time and a note if you wish. "
        "Leave the day empty when no contact is planned."
    )
    success_message = gettext_lazy("The next contact is saved.")

    def check_episode(self, episode) -> None:
        if episode.status != Episode.Status.ACTIVE:
            raise Http404

    def perform(self, form):
        return services.episode_plan_contact(
            episode=self.episode, planned=form.planned_contact(), by=self.request.user
        )


class EpisodeTransferView(EpisodeActionView):
    form_class = forms.EpisodeTransferForm
    title = gettext_lazy("Transfer to another provider")
    intro = gettext_lazy(
        "The episode continues under the other provider's contract; its coordinator assigns a mentor. "
        "Visits already logged stay with your provider."
    )
    success_message = gettext_lazy("The episode has been transferred.")

    def perform(self, form):
        return services.episode_transfer(episode=self.episode, by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        # After a transfer the episode belongs to the other provider and is no longer visible here.
        return reverse("cases:team") if can(self.request.user, Action.SEE_TEAM) else reverse("home")


LATEST_VISITS = 5  # the episode page shows the latest visits; the rest on request (?visits=all)


def _count(rows) -> Coalesce:
    """The number of `rows` (a queryset with an outer reference), as a subquery of the outer query."""
    counted = rows.order_by().annotate(one=Value(1)).values("one").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _goals_shown(plan, visits, *, worked_on: bool) -> list:
    """The current plan's goals, returned, and the goals each of `visits` worked on, set on it as
    `goals_worked_on`, read in one query (none where there are neither: no plan, and `worked_on` false
    where no visit of the episode worked on any): mostly the same goals, so each row of the visits'
    part carries its visit (`worked_on_in`) and a goal read twice is one object."""
    for visit in visits:
        visit.goals_worked_on = []
    goals = (
        PlanGoal.objects.select_related("area")
        .annotate(plan_version=F("plan__version"), area_order=F("area__order"))
        .order_by()
    )
    parts = []
    if plan is not None:
        parts.append(goals.filter(plan=plan).annotate(worked_on_in=Value(None, output_field=IntegerField())))
    if worked_on and visits:
        parts.append(goals.filter(visits__in=visits).annotate(worked_on_in=F("visits")))
    if not parts:
        return []
    first, *rest = parts
    rows = first.union(*rest, all=True) if rest else first
    # `PlanGoal.Meta.ordering` within one episode: the latest plan version first, then by area.
    rows = rows.order_by("-plan_version", "area_order", "pk")
    visits_by_pk = {visit.pk: visit for visit in visits}
    read: dict[int, PlanGoal] = {}
    plan_goals = []
    for row in rows:
        goal = read.setdefault(row.pk, row)
        if row.worked_on_in is None:
            plan_goals.append(goal)
        else:
            visits_by_pk[row.worked_on_in].goals_worked_on.append(goal)
    return plan_goals


class EpisodeDetailView(ScopedViewMixin, LogsReads, DetailView):
    """The episode with its limit, plan, visits and history; municipal social workers see the outcome only
    (status, mentor, limit, end reason, closing summary) — never visits, notes or the plan."""

    context_object_name = "episode"

    def get_queryset(self):
        user = self.request.user
        # What the page's parts ask of the episode, answered in the query that loads it.
        return (
            Episode.objects.for_user(user)
            .annotate(
                current_plan=FilteredRelation("plans", condition=Q(plans__is_current=True)),
                # A row for each extension (an episode has a few at most), one row without any.
                extension=FilteredRelation("extensions"),
            )
            .select_related(
                "client__residence_municipality",
                "programme",
                "contract__provider",
                "mentor__user",
                "social_worker__user",
                "end_reason",
                "created_by",
                "current_plan",  # at most one: a plan has one current version
                "extension__requested_by",
                "extension__approved_by",
            )
            .annotate(
                # The way to the person's page and the referral, where the user may see them.
                client_visible=Exists(Client.objects.for_user(user).filter(pk=OuterRef("client_id"))),
                referral_pk=Subquery(
                    Referral.objects.for_user(user).filter(episode=OuterRef("pk")).values("pk")[:1]
                ),
                consent_in_force=selectors.consent_in_force("client_id"),
                # The visits logged under the episode's provider; those of an earlier one stay theirs.
                own_visit_count=_count(Visit.objects.for_user(user).filter(episode=OuterRef("pk"))),
                other_provider_visits=_count(
                    Visit.objects.filter(episode=OuterRef("pk")).exclude(
                        contract__provider_id=OuterRef("contract__provider_id")
                    )
                ),
                # Whether the visits' goals and anyone present besides the person are there to look up.
                has_visit_goals=Exists(Visit.objects.filter(episode=OuterRef("pk"), goals__isnull=False)),
                others_present=Exists(
                    VisitAttendance.objects.filter(visit__episode=OuterRef("pk")).exclude(
                        client_id=OuterRef("client_id")
                    )
                ),
                transfer_possible=selectors.transfer_possible(today=timezone.localdate()),
                has_earlier_contracts=Exists(
                    EpisodeContract.objects.filter(episode=OuterRef("pk"), until_on__isnull=False)
                ),
            )
            .order_by("extension__approved_on", "extension__pk")  # `EpisodeExtension.Meta.ordering`
        )

    def get_object(self, queryset=None):
        """The episode, with its extensions (`extensions_read`) from the rows that load it."""
        rows = list(self.get_queryset().filter(pk=self.kwargs["pk"]))
        if not rows:
            raise Http404
        episode = rows[0]
        episode.extensions_read = [row.extension for row in rows if getattr(row, "extension", None)]
        for extension in episode.extensions_read:
            extension.episode = episode  # its length reads the programme's unit
        episode.client.consent_in_force = episode.consent_in_force
        if episode.contract.programme_id == episode.programme_id:
            episode.contract.programme = episode.programme  # the contract's name shows it
        return episode

    def get_template_names(self):
        if can(self.request.user, Action.SEE_EPISODE_WORK, self.object):
            return ["cases/episode_detail.html"]
        return ["cases/episode_outcome.html"]

    def get_context_data(self, **kwargs):
        user, episode = self.request.user, self.object
        work = self.work_context(user, episode) if can(user, Action.SEE_EPISODE_WORK, episode) else {}
        loaded = [
            work.get("plan"),
            *work.get("plan_goals", ()),
            *work.get("visits", ()),
            *(goal for visit in work.get("visits", ()) for goal in visit.goals_worked_on),
            *work.get("extensions", ()),
            *work.get("earlier_contracts", ()),
        ]
        return super().get_context_data(
            # Read after the page's parts: the history does not look up again the records they loaded.
            history=episode_history(user, episode, loaded=loaded),
            client_visible=episode.client_visible,
            referral_pk=episode.referral_pk,
            **work,
            **kwargs,
        )

    def work_context(self, user, episode) -> dict:
        """The plan, the visits, the extensions and the events, for those who see the episode's work."""
        # Every visit has someone present: with no one but the person ever, the page names the person
        # and asks for no one.
        own_visits = (
            Visit.objects.for_user(user)
            .filter(episode=episode)
            .annotate(payment_month=TruncMonth("visited_on"))
            .annotate(
                month_locked=month_is_locked(
                    contract=OuterRef("contract_id"), month=OuterRef("payment_month")
                )
            )
            .select_related("logged_by")
            .prefetch_related("activities", *(["attendees"] if episode.others_present else []))
        )
        plan = getattr(episode, "current_plan", None)  # select_related sets no attribute for no plan
        visit_count = episode.own_visit_count
        permissions = episode_permissions(user, episode)
        show_all = self.request.GET.get("visits") == "all"
        visits = list(own_visits if show_all else own_visits[:LATEST_VISITS])
        return {
            "can": permissions,
            "visits": visits,
            "visit_count": visit_count,
            "visits_hidden": 0 if show_all else max(visit_count - LATEST_VISITS, 0),
            "today": timezone.localdate(),
            "other_provider_visits": episode.other_provider_visits,
            "plan": plan,
            "plan_goals": _goals_shown(plan, visits, worked_on=episode.has_visit_goals),
            "events": episode.events.select_related("by"),
            "extensions": episode.extensions_read,
            "earlier_contracts": list(
                episode.contract_history.filter(until_on__isnull=False).select_related("contract__provider")
            )
            if episode.has_earlier_contracts
            else [],
            "is_open": episode.status == Episode.Status.ACTIVE,
            # Offered only where another provider holds a contract of the programme.
            "can_transfer": permissions["manage"] and episode.transfer_possible,
        }


class CaseloadView(ScopedViewMixin, FilteredListMixin, ListView):
    """Open episodes, the most urgent first: a mentor's own; a coordinator's or social worker's whole
    provider, optionally one mentor's (`?mentor=`); filtered by what is due, the programme, the client."""

    area = Action.SEE_CASELOAD
    template_name = "cases/caseload.html"
    context_object_name = "episodes"
    filter_form_class = CaseloadFilterForm
    default_ordering = selectors.BY_URGENCY

    def filtered(self, filters):
        episodes = Episode.objects.for_user(self.request.user)
        self.mentor = None
        if filters["mentor"] is not None and can(self.request.user, Action.SEE_TEAM):
            self.mentor = get_for_user(
                ProviderStaff.objects.select_related("user"), self.request.user, pk=filters["mentor"]
            )
            episodes = episodes.filter(mentor=self.mentor)
        self.today = timezone.localdate()
        self.scoped_episodes = episodes
        caseload = selectors.open_caseload(episodes, today=self.today)
        if filters["q"]:
            caseload = caseload.filter(client__in=selectors.client_search(Client.objects.all(), filters["q"]))
        if filters["programme"] is not None:
            caseload = caseload.filter(programme=filters["programme"])
        if filters["due"] == "no_mentor":
            caseload = caseload.filter(mentor__isnull=True)
        elif filters["due"]:
            caseload = caseload.filter(**{filters["due"]: True})
        return caseload

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            mentor=self.mentor,
            can=episode_permissions(self.request.user),
            today=self.today,
            planned_today=selectors.contacts_planned(self.scoped_episodes, day=self.today),
            **kwargs,
        )


TEAM_PAGE_SIZE = 25  # episodes to act on per page of the team view
ATTENTION_PAGE = "attention_page"  # the page of the episodes to act on; `page` is the mentors'


class TeamView(ScopedViewMixin, FilteredListMixin, ListView):
    """The coordinator's team: the mentors' caseloads against their maximum (a list sorted by its
    columns and filtered by team, a page at a time), the referrals waiting, the episodes to act on (a
    page at a time of their own, `?attention_page=`)."""

    area = Action.SEE_TEAM
    template_name = "cases/team.html"
    context_object_name = "mentors"
    filter_form_class = TeamFilterForm
    default_ordering = selectors.MENTORS_BY_NAME

    def get_filter_form(self):
        return TeamFilterForm(self.request.GET, user=self.request.user)

    def filtered(self, filters):
        self.provider_id = role_for(self.request.user).provider_id
        self.today = timezone.localdate()
        mentors = selectors.team_mentors(provider_id=self.provider_id, today=self.today, with_languages=True)
        if filters["team"] is not None:
            mentors = mentors.filter(team=filters["team"])
        return mentors

    def get_queryset(self):
        # A provider's mentors are its staff, a few dozen however many clients it has: read whole, in
        # one query with their languages, they need no count for the pager and serve each episode's
        # reassignment choices too, every mentor by name.
        shown = super().get_queryset()
        if self.filters["team"] is None and not self.filters["sort"]:
            self.everyone = list(shown)
            return self.everyone
        self.everyone = list(
            selectors.team_mentors(provider_id=self.provider_id, today=self.today, with_languages=True)
        )
        # A team's, or in another order: which of them and in what order is asked of the database (the
        # names in Latvian order), the mentors themselves are those read.
        by_pk = {mentor.pk: mentor for mentor in self.everyone}
        return [by_pk[pk] for pk in shown.prefetch_related(None).values_list("pk", flat=True) if pk in by_pk]

    def get_context_data(self, **kwargs):
        overview = selectors.team_overview(provider_id=self.provider_id, today=self.today)
        attention = Paginator(overview.attention, TEAM_PAGE_SIZE)
        attention.count = overview.totals["attention"]  # counted with the totals: the pager asks no more
        return super().get_context_data(
            overview=overview,
            # The episodes to act on, each with a choice of every mentor, a page at a time.
            attention_page=attention.get_page(self.request.GET.get(ATTENTION_PAGE)),
            attention_page_param=ATTENTION_PAGE,
            everyone=self.everyone,
            can=episode_permissions(self.request.user),
            **kwargs,
        )


class HandoverListView(ScopedViewMixin, ListView):
    area = Action.HAND_OVER
    template_name = "cases/handover_list.html"
    context_object_name = "handovers"

    def get_queryset(self):
        return (
            Handover.objects.for_user(self.request.user)
            .select_related(
                "from_contract__provider",
                "from_contract__programme",
                "to_contract__provider",
                "to_contract__programme",
            )
            .annotate(moved=Count("episodes"))
        )


class HandoverCreateView(ServiceFormView):
    area = Action.HAND_OVER
    template_name = "cases/handover_form.html"
    form_class = forms.HandoverForm
    success_message = gettext_lazy("The open episodes have been handed over.")
    confirm_question = gettext_lazy("Hand over the open episodes?")
    confirm_label = gettext_lazy("Hand over")

    def consequences(self, form) -> list[str]:
        data = form.cleaned_data
        old, new = data["from_contract"], data["to_contract"]
        count = Episode.objects.filter(contract=old, status=Episode.Status.ACTIVE).count()
        moved = ngettext(
            "%(count)s open episode moves from contract %(from)s (%(old)s) to contract %(to)s (%(new)s) "
            "on %(date)s.",
            "%(count)s open episodes move from contract %(from)s (%(old)s) to contract %(to)s (%(new)s) "
            "on %(date)s.",
            count,
        ) % {
            "count": count,
            "from": old.number,
            "old": old.provider.name,
            "to": new.number,
            "new": new.provider.name,
            "date": date_format(data["handed_over_on"], "SHORT_DATE_FORMAT"),
        }
        said = [
            moved,
            _("The visits logged and the months already served stay with %(old)s.")
            % {"old": old.provider.name},
        ]
        if old.provider_id != new.provider_id:
            said.append(
                _("Their mentors cannot follow: the coordinator of %(new)s assigns new ones.")
                % {"new": new.provider.name}
            )
        return said

    def perform(self, form):
        return services.handover_run(by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return reverse("cases:handover_detail", args=[self.result.pk])


HANDOVER_PAGE_SIZE = 100  # episodes moved per page of a handover


class HandoverDetailView(ScopedViewMixin, DetailView):
    """What one handover moved: the episodes by number and client pseudonym, never names."""

    area = Action.HAND_OVER
    template_name = "cases/handover_detail.html"
    context_object_name = "handover"

    def get_queryset(self):
        return Handover.objects.for_user(self.request.user).select_related(
            "from_contract__provider", "from_contract__programme", "to_contract__provider", "by"
        )

    def get_context_data(self, **kwargs):
        moved = self.object.episodes.only("pk", "client_id", "started_on", "limit_on").order_by("pk")
        page = Paginator(moved, HANDOVER_PAGE_SIZE).get_page(self.request.GET.get("page"))
        return super().get_context_data(moved=page.object_list, page_obj=page, **kwargs)
