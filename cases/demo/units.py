"""Planning a unit: a referral or an intake, the people it is about, and their dates. What each kind of
unit needs lives beside this module: the reference data and contracts (`reference`), the people
(`people`), UA-MENTOR units (`ukrainian`), AS-ESF and AS-OSA units (`asylum`)."""

from .asylum import _AsylumUnits
from .parameters import (
    CURRENT_SHARE,
    CURRENT_SHARE_SMALL,
    OPEN_CASELOAD,
    OSA,
    SMALL_DATA_SET,
    UA,
)
from .people import _PeopleDraws
from .records import _Unit
from .reference import _ReferenceData
from .ukrainian import _UkrainianUnits


class _UnitPlanner(_ReferenceData, _PeopleDraws, _UkrainianUnits, _AsylumUnits):
    """The next unit to write (a referral or an intake with its people and episodes), chosen by
    programme, and the open caseload today's mentors should have."""

    def _current_share(self, clients: int) -> float:
        return CURRENT_SHARE if clients >= SMALL_DATA_SET else CURRENT_SHARE_SMALL

    def _open_caseload_quota(self) -> list:
        """One entry per episode that the mentors of the contracts in force should have open today
        (`OPEN_CASELOAD` each), shuffled, so that the caseload and team pages look like a working day."""
        quota = []
        for contract in self.contracts.values():
            if (
                contract.programme not in (UA, OSA)
                or not contract.first_day <= self.today <= contract.last_day
            ):
                continue
            for mentor in contract.mentors:
                low, high = OPEN_CASELOAD
                quota.extend([contract] * self.rng.randint(low, min(high, max(low, mentor.max_caseload))))
        self.rng.shuffle(quota)
        return quota

    def next_unit(self, room: int) -> _Unit | None:
        if not self.programme_choice:
            return None
        if self.open_quota and self.rng.random() < self.current_share:
            contract = self.open_quota.pop()
            self.forcing_open = True
            try:
                if contract.programme == UA:
                    return self._ua_unit(room, current=contract)
                return self._asylum_unit(OSA, room, current=True)
            finally:
                self.forcing_open = False
        programme = self.rng.choices(self.programme_choice, cum_weights=self.programme_cum)[0]
        if programme == UA:
            return self._ua_unit(room)
        return self._asylum_unit(programme, room)
