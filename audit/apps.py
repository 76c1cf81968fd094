from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Change and read logs")

    def ready(self):
        # The payment data of the apps below this one; `cases` registers its own models (cases/apps.py).
        from mentors.models import Contract, ContractMonth, ContractMonthShare, FundingShare

        from .registry import track

        track(Contract, m2m_fields=("municipalities", "accommodation_centres"))
        track(FundingShare)
        track(ContractMonth)
        track(ContractMonthShare)
