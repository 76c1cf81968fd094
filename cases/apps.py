from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self):
        from django.db.backends.signals import connection_created

        from .rules.collation import install_sqlite_collation

        connection_created.connect(install_sqlite_collation, dispatch_uid="latvian_collation")
        self.track_changes()

    @staticmethod
    def track_changes():
        """Every record of personal and payment data is in the change log (`audit`), with the person
        and the episode it belongs to. Events (referral, episode) are their own history already."""
        from audit.registry import track

        from . import models as m

        track(
            m.Client,
            person="pk",
            m2m_fields=("languages",),
            # duplicate_of names a person who may be outside the viewer's scope (the existence oracle)
            exclude_fields=("name_key", "duplicate_of"),
        )
        track(m.Household)
        track(m.LegalStatusRecord, person="client_id")
        track(m.Consent, person="client_id")
        track(m.ImportedClientRef, person="client_id")
        track(m.Referral, person="client_id", episode="episode_id", m2m_fields=("needs_areas",))
        track(m.Episode, person="client_id", episode="pk")
        track(m.EpisodeContract, person="episode.client_id", episode="episode_id")
        track(m.EpisodeExtension, person="episode.client_id", episode="episode_id")
        track(m.InclusionPlan, person="episode.client_id", episode="episode_id")
        track(m.PlanGoal, person="plan.episode.client_id", episode="plan.episode_id")
        track(m.PlanAssessment, person="plan.episode.client_id", episode="plan.episode_id")
        track(m.PlanStep, person="goal.plan.episode.client_id", episode="goal.plan.episode_id")
        track(
            m.Visit,
            person="episode.client_id",
            episode="episode_id",
            m2m_fields=("activities", "goals", "attendees"),
        )
