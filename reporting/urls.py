from django.urls import path, register_converter

from . import views
from .periods import parse_month


class MonthConverter:
    """`2024-03` in a URL ↔ the first day of that month."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value):
        return parse_month(value)

    def to_url(self, value):
        return f"{value:%Y-%m}" if hasattr(value, "year") else value


class FormatConverter:
    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(MonthConverter, "month")
register_converter(FormatConverter, "fmt")

app_name = "reporting"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("export/<slug:table>.<fmt:fmt>", views.ExportView.as_view(), name="export"),
    path("referrals/", views.ReferralFiguresView.as_view(), name="referrals"),
    path("statements/", views.StatementListView.as_view(), name="statements"),
    path("statements/approve/", views.statements_approve, name="statements_approve"),
    path("statements/<int:pk>/<month:month>/", views.StatementView.as_view(), name="statement"),
    path(
        "statements/<int:pk>/<month:month>/print/", views.StatementPrintView.as_view(), name="statement_print"
    ),
    path(
        "statements/<int:pk>/<month:month>/statement.<fmt:fmt>",
        views.StatementExportView.as_view(),
        name="statement_export",
    ),
    path("statements/<int:pk>/<month:month>/lock/", views.statement_lock, name="statement_lock"),
    path("statements/<int:pk>/<month:month>/unlock/", views.statement_unlock, name="statement_unlock"),
    path("press/", views.PressView.as_view(), name="press"),
    path("press/press.<fmt:fmt>", views.PressExportView.as_view(), name="press_export"),
    path("log/", views.OfficerLogView.as_view(), name="audit_log"),
]
