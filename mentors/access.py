"""Who may see and do what: every access decision of the application is made here.

Views, services, template tags and reports all ask this module, and nothing else compares roles.

- `role_for(user)`: the user's `Role` and organisation, from their membership rows. A user with no
  membership has `Role.NONE`. Superusers are administrators: they use the Django admin and see no
  case data in the application pages.
- `can(user, action, obj=None)`: may the user do `action` (to `obj`)? Decided by the role and, for an
  object, by its organisation facts read duck-typed (its provider, its municipality), so that this
  module imports nothing of the apps above it. Deny by default: an action no rule names is refused.
- `require(...)`: the same, raising `AccessDenied` (a 403). Every service calls it for every write.
- Scopes: the rows of each kind a user may see, as `Q` objects over field paths; each model's
  `QuerySet.for_user(user)` is `scoped(self, user, <scope>)`. What is out of scope answers 404.
- `get_for_user(queryset, user, pk=...)` and `get_for_action(queryset, user, action, pk=...)`: one
  object from the user's scope (404 outside it) that the user may act on (403 otherwise).

Access follows the need (issue 10):
- A mentor sees a client, their household, the episode, its referral, plans and visits while an
  episode of the client with that mentor is open, and for `ACCESS_AFTER_EPISODE_END_DAYS` days (30 by
  default) after it ended, to finish the notes; after that the client is gone from their pages. A
  mentor replaced on an open episode loses it at once (the episode names its current mentor only).
- Provider staff see a client through a referral only while the referral is submitted or accepted:
  a withdrawn referral gives the provider nothing, and neither does a returned one (the municipality
  is correcting it; it comes back when re-sent). The referral itself is out of their scope then too.
- Coordinators and provider social workers keep seeing every episode of their provider, ended ones
  included, with its client: the provider's statements and payments rest on that history. A person
  the provider registered itself (intake) stays in its scope.
"""

import datetime
import enum
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    NONE = "none", _("no role")
    MUNICIPAL_SOCIAL_WORKER = "municipal_social_worker", _("municipal social worker")
    COORDINATOR = "coordinator", _("provider coordinator")
    PROVIDER_SOCIAL_WORKER = "provider_social_worker", _("provider social worker")
    MENTOR = "mentor", _("social mentor")
    FUND_STAFF = "fund_staff", _("fund staff")
    DATA_PROTECTION_OFFICER = "data_protection_officer", _("data protection officer")
    ADMINISTRATOR = "administrator", _("administrator")


PROVIDER_ROLES = frozenset({Role.COORDINATOR, Role.PROVIDER_SOCIAL_WORKER, Role.MENTOR})


@dataclass(frozen=True)
class UserRole:
    """A user's role and the organisation it belongs to (a municipality, or a provider and the user's
    membership row there). The `is_…` properties are for templates choosing what to show."""

    role: Role
    municipality_id: int | None = None
    provider_id: int | None = None
    provider_staff_id: int | None = None

    @property
    def is_fund(self) -> bool:
        return self.role == Role.FUND_STAFF

    @property
    def is_data_protection_officer(self) -> bool:
        """The fund's data protection officer: the change and read logs, never a record's content."""
        return self.role == Role.DATA_PROTECTION_OFFICER

    @property
    def is_municipal(self) -> bool:
        return self.role == Role.MUNICIPAL_SOCIAL_WORKER

    @property
    def is_provider(self) -> bool:
        return self.role in PROVIDER_ROLES

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    @property
    def is_mentor(self) -> bool:
        return self.role == Role.MENTOR

    @property
    def is_provider_social_worker(self) -> bool:
        return self.role == Role.PROVIDER_SOCIAL_WORKER

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMINISTRATOR


NO_ROLE = UserRole(Role.NONE)
_PROVIDER_STAFF_ROLES = {
    "coordinator": Role.COORDINATOR,
    "social_worker": Role.PROVIDER_SOCIAL_WORKER,
    "mentor": Role.MENTOR,
}


def role_for(user) -> UserRole:
    """The user's role, computed once per user object (one query at most per request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_ROLE
    cached = getattr(user, "_atbalsts_role", None)
    if cached is not None:
        return cached
    role = _load_role(user)
    user._atbalsts_role = role
    return role


def role_columns() -> dict:
    """The annotations of a user query that carry the user's role: their first active provider
    membership, municipality and fund staff kind, each the first in its model's order (a subquery
    apiece). `role_remember` turns a user loaded with them into their role, with no query more."""
    from mentors.models import FundStaff, ProviderStaff
    from municipalities.models import MunicipalStaff

    def first(rows, name: str) -> Subquery:
        return Subquery(rows.filter(user=OuterRef("pk")).values(name)[:1])

    staff = ProviderStaff.objects.filter(is_active=True)
    return {
        "role_staff_pk": first(staff, "pk"),
        "role_staff_provider_id": first(staff, "provider_id"),
        "role_staff_role": first(staff, "role"),
        "role_municipality_id": first(MunicipalStaff.objects.all(), "municipality_id"),
        "role_fund_kind": first(FundStaff.objects.all(), "kind"),
    }


def role_remember(user) -> None:
    """Keep on `user` (loaded with `role_columns`) the role they carry, for `role_for`."""
    user._atbalsts_role = _role_from({name: getattr(user, name) for name in role_columns()}, user)


def _load_role(user) -> UserRole:
    """One query: the user's `role_columns`."""
    from django.contrib.auth import get_user_model

    columns = role_columns()
    row = get_user_model().objects.filter(pk=user.pk).annotate(**columns).values(*columns).first()
    return _role_from(row or {}, user)


def _role_from(row: dict, user) -> UserRole:
    from mentors.models import FundStaff

    if row.get("role_staff_pk"):
        return UserRole(
            _PROVIDER_STAFF_ROLES[row["role_staff_role"]],
            provider_id=row["role_staff_provider_id"],
            provider_staff_id=row["role_staff_pk"],
        )
    if row.get("role_municipality_id"):
        return UserRole(Role.MUNICIPAL_SOCIAL_WORKER, municipality_id=row["role_municipality_id"])
    kind = row.get("role_fund_kind")
    if kind == FundStaff.Kind.DATA_PROTECTION_OFFICER:
        return UserRole(Role.DATA_PROTECTION_OFFICER)
    if kind:
        return UserRole(Role.FUND_STAFF)
    if user.is_superuser:
        return UserRole(Role.ADMINISTRATOR)
    return NO_ROLE


class Action(enum.StrEnum):
    """Everything the application asks permission for. The page-level ones (`SEE_…`) decide whether
    a page exists for the user at all (404 otherwise); the others whether they may act (403)."""

    SEE_CLIENTS = "see_clients"  # the clients and referrals area
    SEE_PERSONAL_DATA = "see_personal_data"  # names in statements and exports (fund staff: numbers only)
    REGISTER_CLIENT = "register_client"
    CHANGE_CLIENT = "change_client"  # the record, household, consent, legal status
    FILE_REFERRAL = "file_referral"
    WITHDRAW_REFERRAL = "withdraw_referral"
    RESUBMIT_REFERRAL = "resubmit_referral"
    ACCEPT_REFERRAL = "accept_referral"
    RETURN_REFERRAL = "return_referral"
    OPEN_EPISODE = "open_episode"  # on accepting a referral, or by provider intake
    SEE_EPISODE_WORK = "see_episode_work"  # an episode's plans and visits, beyond its outcome
    MANAGE_EPISODE = "manage_episode"  # end, reassign, extend, transfer
    WRITE_PLAN = "write_plan"  # draw up and revise plans, add and edit goals
    SET_GOAL_PROGRESS = "set_goal_progress"
    WRITE_VISIT = "write_visit"  # log, correct, delete visits
    PLAN_CONTACT = "plan_contact"  # set an episode's next planned contact
    SEE_CASELOAD = "see_caseload"
    SEE_TEAM = "see_team"
    HAND_OVER = "hand_over"  # move every open episode of an ending contract
    SEE_REPORTS = "see_reports"  # dashboard, exports, statements
    SEE_EVERY_PROVIDER = "see_every_provider"  # figures of every provider, not one's own
    SEE_REFERRAL_FIGURES = "see_referral_figures"
    SEE_STATEMENT = "see_statement"
    LOCK_MONTH = "lock_month"  # approve and lock a payment month, or unlock it
    SEE_PRESS = "see_press"
    CHANGE_REFERENCE_DATA = "change_reference_data"  # programmes and their rules (the admin)
    HANDLE_DATA_REQUEST = "handle_data_request"  # subject access, erasure, merging probable duplicates
    SEE_AUDIT_LOG = "see_audit_log"  # who changed and who read whose record (never the content)


@dataclass(frozen=True)
class Rule:
    """The roles allowed an action and, for an object, the organisation facts that must be the
    user's own: `provider` (provider staff act on their provider's objects only) and `municipality`
    (a municipal social worker on their municipality's)."""

    roles: frozenset
    provider: bool = False
    municipality: bool = False


_CLIENT_EDITORS = frozenset({Role.MUNICIPAL_SOCIAL_WORKER, Role.COORDINATOR, Role.PROVIDER_SOCIAL_WORKER})
_TEAM = frozenset({Role.COORDINATOR, Role.PROVIDER_SOCIAL_WORKER})
_FUND = frozenset({Role.FUND_STAFF})
_FUND_AND_COORDINATORS = frozenset({Role.FUND_STAFF, Role.COORDINATOR})

RULES: dict[Action, Rule] = {
    Action.SEE_CLIENTS: Rule(PROVIDER_ROLES | {Role.MUNICIPAL_SOCIAL_WORKER}),
    Action.SEE_PERSONAL_DATA: Rule(PROVIDER_ROLES | {Role.MUNICIPAL_SOCIAL_WORKER}),
    Action.REGISTER_CLIENT: Rule(_CLIENT_EDITORS),
    Action.CHANGE_CLIENT: Rule(_CLIENT_EDITORS),
    # With a client: only the social service of the municipality the person lives in refers them.
    Action.FILE_REFERRAL: Rule(frozenset({Role.MUNICIPAL_SOCIAL_WORKER}), municipality=True),
    Action.WITHDRAW_REFERRAL: Rule(frozenset({Role.MUNICIPAL_SOCIAL_WORKER}), municipality=True),
    Action.RESUBMIT_REFERRAL: Rule(frozenset({Role.MUNICIPAL_SOCIAL_WORKER}), municipality=True),
    Action.ACCEPT_REFERRAL: Rule(frozenset({Role.COORDINATOR}), provider=True),
    Action.RETURN_REFERRAL: Rule(frozenset({Role.COORDINATOR}), provider=True),
    Action.OPEN_EPISODE: Rule(_TEAM, provider=True),
    Action.SEE_EPISODE_WORK: Rule(PROVIDER_ROLES, provider=True),
    Action.MANAGE_EPISODE: Rule(frozenset({Role.COORDINATOR}), provider=True),
    Action.WRITE_PLAN: Rule(_TEAM, provider=True),
    Action.SET_GOAL_PROGRESS: Rule(PROVIDER_ROLES, provider=True),
    Action.WRITE_VISIT: Rule(PROVIDER_ROLES, provider=True),
    Action.PLAN_CONTACT: Rule(PROVIDER_ROLES, provider=True),
    Action.SEE_CASELOAD: Rule(PROVIDER_ROLES),
    Action.SEE_TEAM: Rule(_TEAM),
    Action.HAND_OVER: Rule(_FUND),
    Action.SEE_REPORTS: Rule(_FUND_AND_COORDINATORS),
    Action.SEE_EVERY_PROVIDER: Rule(_FUND),
    Action.SEE_REFERRAL_FIGURES: Rule(_FUND_AND_COORDINATORS | {Role.MUNICIPAL_SOCIAL_WORKER}),
    Action.SEE_STATEMENT: Rule(_FUND_AND_COORDINATORS, provider=True),
    Action.LOCK_MONTH: Rule(_FUND),
    Action.SEE_PRESS: Rule(_FUND),
    Action.CHANGE_REFERENCE_DATA: Rule(frozenset({Role.ADMINISTRATOR})),
    Action.HANDLE_DATA_REQUEST: Rule(frozenset({Role.ADMINISTRATOR})),
    Action.SEE_AUDIT_LOG: Rule(frozenset({Role.DATA_PROTECTION_OFFICER})),
}


class AccessDenied(PermissionDenied):
    """The acting user may not do this: a 403 wherever it is raised."""


def provider_of(obj) -> int | None:
    """The provider an object belongs to: its own `provider_id`, else that of its contract (a visit's
    is the contract it was logged under, an episode's its current one), episode, plan or goal."""
    if hasattr(obj, "provider_id"):
        return obj.provider_id
    for parent in ("contract", "episode", "plan", "goal"):
        related = getattr(obj, parent, None)
        if related is not None:
            return provider_of(related)
    return None


def municipality_of(obj) -> int | None:
    """The municipality an object belongs to: a referral's referring municipality, or the
    municipality a person lives in."""
    if hasattr(obj, "municipality_id"):
        return obj.municipality_id
    return getattr(obj, "residence_municipality_id", None)


def can(user, action: Action, obj=None) -> bool:
    """Whether `user` may do `action` (to `obj`, when given)."""
    rule = RULES.get(action)
    role = role_for(user)
    if rule is None or role.role not in rule.roles:
        return False
    if obj is None:
        return True
    own_provider = not rule.provider or role.provider_id is None or provider_of(obj) == role.provider_id
    own_municipality = (
        not rule.municipality or role.municipality_id is None or municipality_of(obj) == role.municipality_id
    )
    return own_provider and own_municipality


def require(
    user, action: Action, obj=None, *, error: type[AccessDenied] = AccessDenied, message=None
) -> None:
    """Raise `error` (an `AccessDenied`, with `message`) unless `can(user, action, obj)`."""
    if not can(user, action, obj):
        raise error(message or _("You may not do this."))


def permissions(user, obj=None, actions=tuple(Action)) -> dict[str, bool]:
    """`can` for several actions at once, keyed by the action's value: for templates showing buttons."""
    return {action.value: can(user, action, obj) for action in actions}


Scope = Callable[[UserRole, type], Q | None]


def _through(model, **lookup) -> Q:
    """Rows of `model` reached through a relation, as a subquery (a join would repeat rows)."""
    return Q(pk__in=model._base_manager.filter(**lookup).values("pk"))


def _any_of(model, *arms) -> Q:
    """Rows of `model` in any of `arms` (each a condition on `model` or a queryset of its ids), as one
    subquery: the UNION ALL of the arms' ids.

    An OR of `pk IN (subquery)` conditions can only be checked row by row, so PostgreSQL reads every
    row of the table; each arm of the union is an index scan instead (an id twice does not matter to
    IN). The shape for a small scope and for finding one row; `_either` is the one for a long list."""
    first, *rest = (
        (model._base_manager.filter(arm).values("pk") if isinstance(arm, Q) else arm).order_by()
        for arm in arms
    )
    return Q(pk__in=first.union(*rest, all=True))


def _either(*arms) -> Q:
    """Rows in any of `arms` (see `_any_of`) as an OR: each arm's ids are collected once (a hashed
    subplan), and a list can be read along an index in its order, each row checked against them, up
    to the end of its page."""
    condition = Q(pk__in=[])
    for arm in arms:
        condition |= arm if isinstance(arm, Q) else Q(pk__in=arm)
    return condition


def _related_ids(model, relation: str, *conditions: Q, **lookup):
    """The ids of the rows of `model` that rows of its reverse `relation` matching `conditions` and
    `lookup` point to, read from the related table alone (an arm of `_any_of`: no join to `model`)."""
    rel = model._meta.get_field(relation)
    return rel.related_model._base_manager.filter(*conditions, **lookup).values(rel.field.attname)


# The referral statuses in which the provider needs to see the person: deciding on it, or working
# with them (string values: this module imports nothing of the apps above it).
PROVIDER_REFERRAL_STATUSES = ("submitted", "accepted")


def mentor_access_from() -> datetime.date:
    """The earliest end date of an episode its mentor still sees (ACCESS_AFTER_EPISODE_END_DAYS ago)."""
    return timezone.localdate() - datetime.timedelta(days=settings.ACCESS_AFTER_EPISODE_END_DAYS)


def _mentor_episodes(role: UserRole) -> Q:
    """The mentor's episodes they still need: open, or ended within the grace period."""
    return Q(mentor_id=role.provider_staff_id) & (
        Q(ended_on__isnull=True) | Q(ended_on__gte=mentor_access_from())
    )


def _client_arms(role: UserRole, model) -> list | None:
    """Municipal social worker: residents of their municipality and people their municipality
    referred. Provider coordinator / social worker: people with a submitted or accepted referral to,
    an episode with, or registered by their provider. Mentor: the clients of their episodes still
    needed (open or lately ended) and those clients' household members. Fund staff and everyone
    else: none (fund staff see no personal data). Each arm a condition or a queryset of ids."""
    if role.role == Role.MUNICIPAL_SOCIAL_WORKER:
        return [
            Q(residence_municipality_id=role.municipality_id),
            _related_ids(model, "referrals", municipality_id=role.municipality_id),
        ]
    if role.role == Role.MENTOR:
        own = _related_ids(model, "episodes", _mentor_episodes(role))
        households = model._base_manager.filter(pk__in=own, household__isnull=False)
        return [own, Q(household_id__in=households.values("household_id"))]
    if role.role in PROVIDER_ROLES:
        return [
            Q(registered_by_provider_id=role.provider_id),
            _related_ids(
                model,
                "referrals",
                provider_id=role.provider_id,
                status__in=PROVIDER_REFERRAL_STATUSES,
            ),
            _related_ids(model, "episodes", contract__provider_id=role.provider_id),
        ]
    return None


def client_scope(role: UserRole, model) -> Q | None:
    """The clients the user may see (`_client_arms`), as the union of the arms' ids (`_any_of`)."""
    arms = _client_arms(role, model)
    return None if arms is None else _any_of(model, *arms)


def client_list_scope(role: UserRole, model) -> Q | None:
    """`client_scope` shaped for a page of a list that can hold tens of thousands of people (a
    municipality's or a provider's, `_either`): the list's order is walked on an index until the
    page is full, where a union would be collected, joined and sorted whole first (PostgreSQL cannot
    tell how many ids a union gives). A mentor's scope is a caseload: the union serves it."""
    arms = _client_arms(role, model)
    if arms is None or role.role == Role.MENTOR:
        return client_scope(role, model)
    return _either(*arms)


def referral_scope(role: UserRole, model) -> Q | None:
    """Municipal social workers: their municipality's referrals. Provider staff: submitted and
    accepted referrals to their provider (mentors: only those that became their episodes still
    needed). Others: none."""
    if role.role == Role.MUNICIPAL_SOCIAL_WORKER:
        return Q(municipality_id=role.municipality_id)
    if role.role == Role.MENTOR:
        return _prefixed(_mentor_episodes(role), "episode")
    if role.role in PROVIDER_ROLES:
        return Q(provider_id=role.provider_id, status__in=PROVIDER_REFERRAL_STATUSES)
    return None


def episode_scope(role: UserRole, model) -> Q | None:
    """Mentors: their own episodes, while open and for ACCESS_AFTER_EPISODE_END_DAYS after they end.
    Coordinators and provider social workers: all their provider's, ended ones too. Municipal social
    workers: episodes that came from their municipality's referrals or belong to its residents (the
    outcome only — views never show them visits). Others: none."""
    if role.role == Role.MENTOR:
        return _mentor_episodes(role)
    if role.role in PROVIDER_ROLES:
        return Q(contract__provider_id=role.provider_id)
    if role.role == Role.MUNICIPAL_SOCIAL_WORKER:
        return Q(referral__municipality_id=role.municipality_id) | Q(
            client__residence_municipality_id=role.municipality_id
        )
    return None


def visit_scope(role: UserRole, model) -> Q | None:
    """Visits and their notes are for the staff of the provider they were logged under: mentors see
    those of their own episodes still needed, coordinators and provider social workers all of their
    provider's. A visit logged under an earlier provider (before a transfer or a handover) stays with
    that provider. Municipal and fund staff: none."""
    if role.role == Role.MENTOR:
        return _prefixed(_mentor_episodes(role), "episode") & Q(contract__provider_id=role.provider_id)
    if role.role in PROVIDER_ROLES:
        return Q(contract__provider_id=role.provider_id)
    return None


def plan_scope(role: UserRole, model) -> Q | None:
    """Inclusion plans: the provider staff who see the episode (municipal staff see outcomes only)."""
    episodes = episode_scope(role, None) if role.role in PROVIDER_ROLES else None
    return None if episodes is None else _prefixed(episodes, "episode")


def goal_scope(role: UserRole, model) -> Q | None:
    """Plan goals: those of the plans the user may see."""
    plans = plan_scope(role, None)
    return None if plans is None else _prefixed(plans, "plan")


def step_scope(role: UserRole, model) -> Q | None:
    """Steps towards plan goals: those of the goals the user may see."""
    goals = goal_scope(role, None)
    return None if goals is None else _prefixed(goals, "goal")


def handover_scope(role: UserRole, model) -> Q | None:
    """Handovers (contracts and counts, no personal data): fund staff only."""
    return Q() if role.role == Role.FUND_STAFF else None


def provider_scope(role: UserRole, model) -> Q | None:
    """Fund staff see every provider; provider staff their own; others none."""
    if role.role == Role.FUND_STAFF:
        return Q()
    if role.role in PROVIDER_ROLES:
        return Q(pk=role.provider_id)
    return None


def by_provider_scope(role: UserRole, model) -> Q | None:
    """Contracts and provider staff: fund staff see all; provider staff their provider's; others none."""
    if role.role == Role.FUND_STAFF:
        return Q()
    if role.role in PROVIDER_ROLES:
        return Q(provider_id=role.provider_id)
    return None


def programme_scope(role: UserRole, model) -> Q | None:
    """Fund staff: every programme; provider staff: the programmes of their provider's contracts;
    municipal social workers: the programmes that take municipal referrals; others none."""
    if role.role == Role.FUND_STAFF:
        return Q()
    if role.role in PROVIDER_ROLES:
        return _through(model, contracts__provider_id=role.provider_id)
    if role.role == Role.MUNICIPAL_SOCIAL_WORKER:
        return Q(referred_by=model.Referrer.MUNICIPALITY)
    return None


def _prefixed(q: Q, prefix: str) -> Q:
    """`q` with every field path under `prefix` (a scope of episodes as a scope of their plans)."""
    children = [
        _prefixed(child, prefix) if isinstance(child, Q) else (f"{prefix}__{child[0]}", child[1])
        for child in q.children
    ]
    return Q(*children, _connector=q.connector, _negated=q.negated)


def scoped(queryset, user, scope: Scope):
    """`queryset` narrowed to what `user` may see under `scope` (none for a user it names no rows for)."""
    condition = scope(role_for(user), queryset.model)
    return queryset.none() if condition is None else queryset.filter(condition)


def get_for_user(queryset, user, *, seen_with: Action | None = None, **lookup):
    """The object of `queryset.for_user(user)` matching `lookup`; Http404 when the user may not see
    it, or (with `seen_with`) may not do that action to it, so that for them it does not exist."""
    try:
        obj = queryset.for_user(user).get(**lookup)
    except queryset.model.DoesNotExist as missing:
        raise Http404 from missing
    if seen_with is not None and not can(user, seen_with, obj):
        raise Http404
    return obj


def get_for_action(queryset, user, action: Action, **lookup):
    """The object as `get_for_user` finds it (404), if the user may do `action` to it (else 403)."""
    obj = get_for_user(queryset, user, **lookup)
    require(user, action, obj)
    return obj


def role_context(request):
    """Template context: `role` (who the user is) and `may` (`can` for every action, by its value:
    `{% if may.see_reports %}`) for navigation."""
    user = getattr(request, "user", None)
    return {"role": role_for(user), "may": permissions(user)}


class ScopedViewMixin(AccessMixin):
    """The one scoping mixin of the class-based views. Anonymous users are sent to log in; `area` is
    the action that makes the pages exist for a user (everyone else gets a 404); `get_subject()`
    loads the page's object from the user's scope (a 404 outside it); `action` is what the page does
    to that object (or, without one, at all): those in scope who may not do it get a 403."""

    area: Action | None = None
    action: Action | None = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.area is not None and not can(request.user, self.area):
            raise Http404
        self.subject = self.get_subject()
        if self.action is not None:
            require(request.user, self.action, self.action_object())
        return super().dispatch(request, *args, **kwargs)

    def get_subject(self):
        """The object the page is about, from the user's scope (`get_for_user`); none by default."""
        return None

    def action_object(self):
        """What `action` is done to: the subject, unless the page acts on something chosen in it."""
        return self.subject
