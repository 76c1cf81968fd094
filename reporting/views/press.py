"""The figures the fund's announcements quote."""

from django.views.generic import TemplateView
from django_countries import countries

from mentors.access import Action

from .. import exports
from ..forms import PressForm
from ..press import press_figures
from .base import ReportMixin, download, refused_download


class PressView(ReportMixin, TemplateView):
    """The figures the fund's announcements quote, for a programme and a year."""

    area = Action.SEE_PRESS
    template_name = "reporting/press.html"

    def get_form(self):
        return PressForm(self.request.GET, user=self.request.user, today=self.today)

    def figures(self, form) -> dict:
        press = press_figures(
            form.cleaned_data["programme"], year=form.cleaned_data["year"], today=self.today
        )
        return dict(press=press, top_countries=[(countries.name(code), n) for code, n in press.top_countries])


class PressExportView(PressView):
    def get(self, request, fmt):
        form = self.get_form()
        if not form.is_valid():
            return refused_download(form)
        programme, year = form.cleaned_data["programme"], form.cleaned_data["year"]
        press = press_figures(programme, year=year, today=self.today)
        publication = form.cleaned_data["publication"]
        return download(
            [exports.press_table(press)],
            fmt=fmt,
            filename=f"press-{programme.code}-{year}{'-publication' if publication else ''}",
            publication=publication,
        )
