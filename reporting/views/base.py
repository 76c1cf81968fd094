"""What every reporting page shares: the programme/period picker with the provider the figures are
narrowed to, and downloads (CSV, XLSX) in the language of the person downloading."""

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from mentors.access import Action, ScopedViewMixin, can, role_for
from mentors.models import Provider
from municipalities.models import Municipality

from .. import exports
from ..forms import ReportForm
from ..referral_figures import referral_figures


class ReportMixin(ScopedViewMixin):
    """The programme/period picker and the provider the figures are narrowed to. Sets `self.today`."""

    area = Action.SEE_REPORTS

    def dispatch(self, request, *args, **kwargs):
        self.today = timezone.localdate()
        return super().dispatch(request, *args, **kwargs)

    def get_form(self) -> ReportForm:
        return ReportForm(self.request.GET, user=self.request.user, today=self.today)

    def get_context_data(self, **kwargs):
        """The picker, and the page's figures once the choice is valid (`figures`)."""
        form = self.get_form()
        context = super().get_context_data(form=form, **kwargs)
        if form.is_valid():
            context.update(self.figures(form), query=self.request.GET.urlencode())
        return context

    def figures(self, form) -> dict:
        """The page's figures for a valid choice: the template's context."""
        raise NotImplementedError

    def provider_for(self, form):
        """Fund staff: the provider picked (or every provider); provider staff: their own."""
        if can(self.request.user, Action.SEE_EVERY_PROVIDER):
            return form.cleaned_data.get("provider")
        provider_id = role_for(self.request.user).provider_id
        return Provider.objects.get(pk=provider_id) if provider_id else None

    def municipality_figures(self, programme, period, provider):
        """Referral figures: a municipal social worker's own municipality; fund staff every
        municipality (for a programme of municipal referrals); a coordinator their provider's."""
        municipality_id = role_for(self.request.user).municipality_id
        if municipality_id:
            municipality = Municipality.objects.get(pk=municipality_id)
            return referral_figures(programme, period, municipality=municipality)
        every = (
            can(self.request.user, Action.SEE_EVERY_PROVIDER)
            and provider is None
            and programme.takes_municipal_referrals
        )
        return referral_figures(programme, period, provider=provider, all_municipalities=every)


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download(
    tables: list, *, fmt: str, filename: str, publication: bool, title_rows=None, footer_rows=None
) -> HttpResponse:
    """A download in the language of the person downloading it: an XLSX, or a CSV as Excel opens it
    with Latvian regional settings (`exports.excel_csv_bytes`)."""
    if publication:
        tables = [table.for_publication() for table in tables]
    if fmt == "csv":
        if len(tables) != 1:
            raise Http404
        body = exports.excel_csv_bytes(tables[0])
    else:
        body = exports.xlsx_bytes(*tables, title_rows=title_rows, footer_rows=footer_rows)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def refused_download(form) -> HttpResponse:
    """A download asked for with a programme or period the form refuses: a 400 saying why, in the
    user's language (the file's link is built by the page, so only a crafted address gets here)."""
    lines = [_("The download could not be made:")]
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        lines += [f"{label}: {error}" if label else str(error) for error in errors]
    return HttpResponse("\n".join(lines), status=400, content_type="text/plain; charset=utf-8")
