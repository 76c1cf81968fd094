"""The data protection desk: find a person, download what is held about them (Art. 15), erase them on
request (Art. 17), see the people registered twice under one personal code. Only for those who answer
such requests (`cases.services.privacy.answers_data_requests`); everyone else gets a 404."""

import io
import json
import zipfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from ..models import Client
from ..rules.personal_codes import normalise_personal_code
from ..selectors.retention import clients_past_retention, retention_ends_on
from ..selectors.subject_access import subject_access_data, subject_access_language
from ..services import ServiceError
from ..services.privacy import (
    answers_data_requests,
    client_erase,
    client_merge,
    erasure_refusal,
    subject_access_record,
)

FOUND_AT_MOST = 20


class DataProtectionMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not answers_data_requests(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def _find(query: str):
    """People by client number (K-0000123 or 123) or by personal code, exactly: the desk looks up the
    person who made a request, it does not browse."""
    query = query.strip()
    number = query.upper().removeprefix("K-").lstrip("0")
    condition = Q(pk=int(number)) if number.isdigit() else Q(pk__in=[])
    code = normalise_personal_code(query)
    if code:
        condition |= Q(personal_code=code)
    return (
        Client.objects.filter(condition)
        .select_related("residence_municipality")
        .order_by("pk")[:FOUND_AT_MOST]
    )


class PrivacyDeskView(DataProtectionMixin, TemplateView):
    template_name = "cases/privacy_desk.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "")
        return super().get_context_data(
            query=query,
            found=_find(query) if query.strip() else None,
            duplicates=Client.objects.filter(duplicate_of__isnull=False, anonymised_at__isnull=True)
            .select_related("duplicate_of", "registered_by_provider", "residence_municipality")
            .order_by("pk"),
            past_retention=clients_past_retention(today=timezone.localdate()).count(),
            **kwargs,
        )


class ClientEraseView(DataProtectionMixin, TemplateView):
    """Confirm (GET) and carry out (POST) a person's erasure request."""

    template_name = "cases/privacy_erase.html"

    @cached_property
    def person(self) -> Client:
        return get_object_or_404(Client, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            person=self.person,
            refusal=erasure_refusal(self.person, today=timezone.localdate()),
            retention_ends_on=retention_ends_on(self.person),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            client_erase(client=self.person, by=request.user)
        except ServiceError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("cases:client_erase", pk=self.person.pk)
        messages.success(request, _("%(number)s is anonymised.") % {"number": self.person.pseudonym})
        return redirect(f"{reverse('cases:privacy_desk')}?q={self.person.pseudonym}")


@login_required
def subject_access_download(request, pk):
    """One zip with everything held about the person: JSON, and a readable document in their language.
    The download is logged."""
    if not answers_data_requests(request.user):
        raise Http404
    person = get_object_or_404(Client.objects.select_related("preferred_language"), pk=pk)
    subject_access_record(client=person, by=request.user)
    language = subject_access_language(person)
    with translation.override(language):
        data = subject_access_data(person) | {"language": language}
        document = render_to_string("cases/subject_access.html", {"data": data, "language": language})
    name = f"{person.pseudonym}-{timezone.localdate().isoformat()}"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{name}.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive.writestr(f"{name}.html", document)
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="subject-access-{name}.zip"'
    return response


@login_required
@require_POST
def merge_duplicate(request, pk):
    """Merge a person registered twice under one personal code into their first record."""
    if not answers_data_requests(request.user):
        raise Http404
    duplicate = get_object_or_404(Client, pk=pk, duplicate_of__isnull=False)
    try:
        original = client_merge(duplicate=duplicate, by=request.user)
    except ServiceError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("cases:privacy_desk")
    messages.success(
        request,
        _("%(duplicate)s is merged into %(original)s.")
        % {"duplicate": duplicate.pseudonym, "original": original.pseudonym},
    )
    return redirect("cases:privacy_desk")
