"""Planning units of UA-MENTOR: a municipal referral of Ukrainian civilians, and its episode."""

import datetime

from cases.models import (
    Consent,
    Episode,
    Referral,
)
from cases.rules.calendar import working_days_after, working_days_before

from .countries import UA_MENTOR_COUNTRIES
from .parameters import (
    NEEDS_TEXTS,
    PROVIDER_NOTES,
    RETURN_REASONS,
    TEMPORARY_PROTECTION_FROM,
    UA,
    WITHDRAW_NOTES,
)
from .records import _Contract, _EpisodePlan, _ReferralPlan, _Unit


class _UkrainianUnits:
    """UA-MENTOR units: the referral, its outcome, its episode."""

    def _ua_unit(self, room: int, current: _Contract | None = None) -> _Unit:
        """A UA-MENTOR referral; `current`: a person of that contract served now (an open episode)."""
        rng, today = self.rng, self.today
        guaranteed = False
        if current is not None:
            outcome = "accepted"
            municipality = rng.choice(self.ua_municipalities_of[current.pk])
        else:
            guaranteed = bool(self.guaranteed)
            outcome = (
                self.guaranteed.pop(0)
                if guaranteed
                else rng.choices(self.outcomes, cum_weights=self.outcomes_cum)[0]
            )
            municipality = rng.choices(self.ua_municipalities, cum_weights=self.ua_municipality_cum)[0]
        contract = self.ua_contract_of[municipality.pk]
        window = (contract.first_day, min(today, contract.last_day))
        start = None
        if current is not None:
            start = max(window[0], today - datetime.timedelta(days=rng.randint(0, 50)))
            submitted_on = max(window[0], start - datetime.timedelta(days=rng.randint(0, 6)))
        elif outcome == "accepted":
            start = self._start(window, recent=True)
            submitted_on = max(window[0], start - datetime.timedelta(days=rng.randint(0, 6)))
        elif outcome in ("submitted", "overdue"):
            back = rng.randint(0, 2) if outcome == "submitted" else rng.randint(4, 15)
            if outcome == "submitted" and guaranteed:
                back = 0  # filed today: the coordinator's inbox and bell have something new
            submitted_on = max(window[0], working_days_before(today, back))
        elif outcome == "returned":
            submitted_on = max(window[0], today - datetime.timedelta(days=rng.randint(3, 40)))
        else:
            submitted_on = self._start(window, recent=True)
        country = rng.choices(UA_MENTOR_COUNTRIES, cum_weights=self.ua_countries_cum)[0]
        filed_by = rng.choice(self.municipal_users[municipality.pk])
        unit = _Unit(
            group="UA",
            people=self._people(country, group="UA", on=submitted_on, room=room),
            registered_on=submitted_on,
            municipality_id=municipality.pk,
            registered_by=filed_by,
            consent_scope=rng.choices(
                (Consent.Scope.MENTORING, Consent.Scope.MENTORING_AND_SHARING), (60, 40)
            )[0],
        )
        protected_on = self._day_between(
            min(TEMPORARY_PROTECTION_FROM, submitted_on), submitted_on - datetime.timedelta(days=3)
        )
        unit.status_history.append(("ua_civilian", protected_on, filed_by, submitted_on))
        episode = self._ua_referral(unit, contract, municipality.pk, filed_by, submitted_on, outcome, start)
        # A few come back later with a new referral for a new episode.
        if episode and episode.ended_on and rng.random() < 0.06:
            again = episode.ended_on + datetime.timedelta(days=rng.randint(30, 240))
            if again <= window[1]:
                self._ua_referral(unit, contract, municipality.pk, filed_by, again, "accepted", again)
        self._maybe_withdraw_consent(unit)
        return unit

    def _ua_referral(self, unit, contract, municipality_id, filed_by, submitted_on, outcome, start):
        rng, today = self.rng, self.today
        coordinator = contract.coordinator_user_id
        submitted_at = self._at(submitted_on, 8, 15)
        events = [("", Referral.Status.SUBMITTED, filed_by, submitted_at, "")]
        referral = _ReferralPlan(
            status=Referral.Status.SUBMITTED,
            contract=contract,
            municipality_id=municipality_id,
            filed_by=filed_by,
            submitted_at=submitted_at,
            events=events,
            urgency=rng.choices(Referral.Urgency.values, (60, 30, 10))[0],
            needs_areas=self._areas(UA, rng.randint(1, 4), children=len(unit.people) > 1),
            needs_text=rng.choice(NEEDS_TEXTS),
            notes_for_provider=rng.choice(PROVIDER_NOTES) if rng.random() < 0.3 else "",
            decided_by=None,
        )
        unit.referrals.append(referral)
        last_at = submitted_at

        def after(day) -> datetime.datetime:
            moment = self._at(day, 9, 17)
            return max(moment, last_at + datetime.timedelta(hours=1))

        if outcome == "accepted":
            if (start - submitted_on).days >= 2 and rng.random() < 0.1:
                reason = rng.choice(RETURN_REASONS)
                returned_at = after(submitted_on + datetime.timedelta(days=1))
                events.append(
                    (Referral.Status.SUBMITTED, Referral.Status.RETURNED, coordinator, returned_at, reason)
                )
                last_at = returned_at
                resubmitted_at = after(min(start, submitted_on + datetime.timedelta(days=2)))
                events.append(
                    (Referral.Status.RETURNED, Referral.Status.SUBMITTED, filed_by, resubmitted_at, "")
                )
                last_at = resubmitted_at
            decided_at = after(start)
            events.append((Referral.Status.SUBMITTED, Referral.Status.ACCEPTED, coordinator, decided_at, ""))
            referral.status, referral.decided_at, referral.decided_by = "accepted", decided_at, coordinator
            referral.episode = self._ua_episode(unit, contract, start, coordinator)
            return referral.episode
        if outcome in ("returned", "withdrawn") and (outcome == "returned" or rng.random() < 0.4):
            returned_on = min(today, working_days_after(submitted_on, rng.randint(1, 3)))
            reason = rng.choice(RETURN_REASONS)
            decided_at = after(max(returned_on, submitted_on))
            events.append(
                (Referral.Status.SUBMITTED, Referral.Status.RETURNED, coordinator, decided_at, reason)
            )
            last_at = decided_at
            referral.status, referral.return_reason = Referral.Status.RETURNED, reason
            referral.decided_at, referral.decided_by = decided_at, coordinator
        if outcome == "withdrawn":
            withdrawn_on = min(today, last_at.date() + datetime.timedelta(days=rng.randint(1, 10)))
            events.append(
                (
                    referral.status,
                    Referral.Status.WITHDRAWN,
                    filed_by,
                    after(withdrawn_on),
                    rng.choice(WITHDRAW_NOTES),
                )
            )
            referral.status = Referral.Status.WITHDRAWN
        return None

    def _ua_episode(self, unit, contract, start, coordinator) -> _EpisodePlan:
        limit = self._limit(UA, start, None)
        reason, end = self._natural_end(UA, start, limit, status_holder=True)
        episode = self._episode(
            unit,
            UA,
            [contract],
            start,
            end=end,
            reason=reason,
            limit=limit,
            intake=Episode.IntakeSource.MUNICIPAL_REFERRAL,
            created_by=coordinator,
        )
        episode.with_plan = self.rng.random() < 0.2
        return episode
