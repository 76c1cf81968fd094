"""Case data (clients, referrals, episodes, plans, visits) in bulk, so that 100,000 clients take minutes."""

import datetime
import random

from django.db.models import Max

from cases.models import (
    Client,
    Consent,
    Episode,
    EpisodeEvent,
    EpisodeExtension,
    Handover,
    Household,
    InclusionPlan,
    LegalStatusRecord,
    PlanAssessment,
    PlanGoal,
    PlanStep,
    Referral,
    ReferralEvent,
    Visit,
    VisitAttendance,
)
from cases.services.served import served_months_rebuild
from cases.services.visit_months import first_visits_rebuild, visit_months_rebuild
from mentors.models import (
    ContractMonth,
    ContractMonthEvent,
)

from .episodes import _EpisodePlanner
from .notices import generate_notifications
from .parameters import CHUNK_CLIENTS
from .records import VISIT_COLUMNS, _historical_timestamps, _RawInsert
from .units import _UnitPlanner
from .writing import _ChunkWriter


class _CaseGenerator(_UnitPlanner, _EpisodePlanner, _ChunkWriter):
    def __init__(self, rng: random.Random, *, today: datetime.date, clients: int):
        self.rng = rng
        self.today = today
        self.summary = {"clients": 0, "households": 0, "referrals": 0, "episodes": 0, "visits": 0}
        self.personal_codes: set[str] = set()
        self._open_episodes_written = 0
        self.next_visit_id = (Visit.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
        self.visit_table = _RawInsert(Visit, VISIT_COLUMNS)
        self.visit_activity_table = _RawInsert(Visit.activities.through, ("visit", "activity"))
        self.visit_goal_table = _RawInsert(Visit.goals.through, ("visit", "plangoal"))
        self.attendance_table = _RawInsert(VisitAttendance, ("visit", "client"))
        self._load_reference_data()
        self._load_contracts()
        self.forcing_open = False
        self.open_quota = self._open_caseload_quota()
        self.current_share = self._current_share(clients)


HISTORICAL_MODELS = (
    Household,
    Client,
    LegalStatusRecord,
    Consent,
    Referral,
    ReferralEvent,
    Episode,
    EpisodeEvent,
    EpisodeExtension,
    Handover,
    InclusionPlan,
    PlanAssessment,
    PlanGoal,
    PlanStep,
    Visit,
    ContractMonth,
    ContractMonthEvent,
)


def generate_cases(rng: random.Random, *, clients: int, today: datetime.date, progress=None) -> dict:
    """Clients, households, referrals, episodes, plans, visits and locked statement months.

    Returns counts of what was made. `progress(done, total)` is called after each chunk of clients.
    """
    if clients <= 0:
        return {}
    with _historical_timestamps(*HISTORICAL_MODELS):
        generator = _CaseGenerator(rng, today=today, clients=clients)
        done = 0
        while done < clients:
            units, size = [], 0
            while size < CHUNK_CLIENTS and done + size < clients:
                unit = generator.next_unit(clients - done - size)
                if unit is None:
                    break
                units.append(unit)
                size += len(unit.people)
            if not units:
                break
            generator.write(units)
            done += size
            if progress:
                progress(done, clients)
        generator.finish_visits()
        served_months_rebuild()
        visit_months_rebuild()
        first_visits_rebuild()
        generator.lock_statement_months()
    generate_notifications(today=today)
    return generator.summary
