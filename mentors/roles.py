"""Who a user is in the system, derived from their membership rows — the one place roles are decided.

Every queryset's `for_user(user)` starts from `role_for(user)`. A user with no membership has
`Role.NONE` and sees nothing (deny by default). Superusers are administrators: they use the Django
admin and see no case data in the application pages.
"""

from dataclasses import dataclass

from django.db import models
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


@dataclass(frozen=True)
class UserRole:
    role: Role
    municipality_id: int | None = None
    provider_id: int | None = None
    provider_staff_id: int | None = None

    @property
    def has_role(self) -> bool:
        return self.role != Role.NONE

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
        return self.provider_id is not None

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


_NO_ROLE = UserRole(Role.NONE)
_PROVIDER_ROLES = {
    "coordinator": Role.COORDINATOR,
    "social_worker": Role.PROVIDER_SOCIAL_WORKER,
    "mentor": Role.MENTOR,
}


def role_for(user) -> UserRole:
    """The user's role, computed once per user object (one query at most per request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return _NO_ROLE
    cached = getattr(user, "_atbalsts_role", None)
    if cached is not None:
        return cached
    role = _load_role(user)
    user._atbalsts_role = role
    return role


def _load_role(user) -> UserRole:
    from mentors.models import FundStaff, ProviderStaff
    from municipalities.models import MunicipalStaff

    staff = (
        ProviderStaff.objects.filter(user=user, is_active=True).values("pk", "provider_id", "role").first()
    )
    if staff:
        return UserRole(
            _PROVIDER_ROLES[staff["role"]], provider_id=staff["provider_id"], provider_staff_id=staff["pk"]
        )
    municipality_id = (
        MunicipalStaff.objects.filter(user=user).values_list("municipality_id", flat=True).first()
    )
    if municipality_id:
        return UserRole(Role.MUNICIPAL_SOCIAL_WORKER, municipality_id=municipality_id)
    kind = FundStaff.objects.filter(user=user).values_list("kind", flat=True).first()
    if kind == FundStaff.Kind.DATA_PROTECTION_OFFICER:
        return UserRole(Role.DATA_PROTECTION_OFFICER)
    if kind:
        return UserRole(Role.FUND_STAFF)
    if user.is_superuser:
        return UserRole(Role.ADMINISTRATOR)
    return _NO_ROLE


def role_context(request):
    """Template context: `role` for navigation."""
    return {"role": role_for(getattr(request, "user", None))}
