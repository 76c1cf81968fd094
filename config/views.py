"""Project-wide pages: the home page per role, the language switch, the health probes."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from config.accounts.services import preferences_update
from config.accounts.views import remember_language
from mentors.access import Role, role_for
from mentors.models import Contract

CONTRACTS_ENDING_DAYS = 90


def _administrator_home() -> dict:
    """The administrator's first question: who cannot work yet (an account with no role) and which
    contracts end soon (the users and the handover to prepare)."""
    today = timezone.localdate()
    without_role = (
        get_user_model()
        .objects.filter(
            is_active=True, is_superuser=False, municipal_staff__isnull=True, fund_staff__isnull=True
        )
        .exclude(provider_staff__is_active=True)
        .order_by("last_name", "first_name", "username")
    )
    return {
        "without_role": without_role[:20],
        "without_role_count": without_role.count(),
        "contracts_ending": Contract.objects.filter(
            terminated_on__isnull=True,
            ends_on__gte=today,
            ends_on__lte=today + datetime.timedelta(days=CONTRACTS_ENDING_DAYS),
        )
        .select_related("provider", "programme")
        .order_by("ends_on", "pk"),
        "ending_days": CONTRACTS_ENDING_DAYS,
    }


@login_required
def home(request):
    """Each role's start page; the role's template fills it (`templates/home/<role>.html`) with the
    panels of its app's template tags (the administrator's with `_administrator_home`)."""
    role = role_for(request.user)
    context = {"home_template": f"home/{role.role}.html"}
    if role.role == Role.ADMINISTRATOR:
        context |= _administrator_home()
    return render(request, "home.html", context)


@require_POST
def set_language(request):
    """Switch the interface language and remember it (cookie; and the signed-in person's settings, which
    their notifications and e-mails follow)."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language and check_for_language(language) and language in dict(settings.LANGUAGES):
        remember_language(response, language)
        if request.user.is_authenticated:  # notifications and e-mails follow it
            preferences_update(user=request.user, language=language)
    return response


# --- Probes for a load balancer: no login, no session, no personal data ------------------------------


@never_cache
def healthz(request):
    """The process answers (the database is not asked)."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Ready to serve: the database answers and every migration is applied; 503 otherwise."""
    try:
        executor = MigrationExecutor(connection)
        unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "reason": "database"}, status=503)
    if unapplied:
        return JsonResponse({"status": "unavailable", "reason": "migrations"}, status=503)
    return JsonResponse({"status": "ok"})
