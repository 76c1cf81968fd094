"""Who is acting, from where and for which organisation: put beside every log entry of the request."""

from auditlog.middleware import AuditlogMiddleware

from mentors.access import role_for


class AuditMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware (the user, the address), plus the user's role and organisation at
    this moment. The role is looked up only when an entry is written (auditlog calls the callables)."""

    def get_extra_data(self, request):
        data = super().get_extra_data(request)
        actor = data["actor"]
        data["actor_role"] = lambda: role_for(actor).role.value if actor else ""
        data["actor_provider_id"] = lambda: role_for(actor).provider_id
        data["actor_municipality_id"] = lambda: role_for(actor).municipality_id
        return data
