"""Planning units of AS-ESF and AS-OSA: a provider intake of asylum seekers and status holders,
and their episodes."""

import datetime

from cases.models import (
    Consent,
    Episode,
)
from cases.rules.limits import add_months

from .countries import ASYLUM_COUNTRIES
from .parameters import (
    ESF,
    EXTENSION_REASONS,
    LIEPNA_OPENED,
    OSA,
    OSA_CONTINUES_NOTE,
)
from .records import _EpisodePlan, _Unit


class _AsylumUnits:
    """AS-ESF and AS-OSA units: the intake, its episodes, a consent withdrawn."""

    def _asylum_unit(self, programme: str, room: int, current: bool = False) -> _Unit:
        """An asylum seeker or status holder taken in by the provider; `current`: served now."""
        rng, today = self.rng, self.today
        window = self.windows[programme]
        if current:
            start = max(window[0], today - datetime.timedelta(days=rng.randint(0, 240)))
        else:
            start = self._asylum_start(programme, window)
        country = rng.choices(ASYLUM_COUNTRIES, cum_weights=self.as_countries_cum)[0]
        first_status = rng.choices(("asylum_seeker", "refugee", "alternative_status"), (60, 13, 27))[0]
        granted_status = (
            first_status
            if first_status != "asylum_seeker"
            else rng.choices(("refugee", "alternative_status"), (1, 2))[0]
        )
        granted_on = None
        if first_status != "asylum_seeker":
            granted_on = start - datetime.timedelta(days=rng.randint(0, 90 if current else 300))
        elif rng.random() < 0.45:
            granted_on = start + datetime.timedelta(days=rng.randint(30, 420))
            if granted_on > today:
                granted_on = None
        unit = _Unit(
            group="AS",
            people=self._people(country, group="AS", on=start, room=room, minor=rng.random() < 0.02),
            registered_on=start,
            legal_status=granted_status if granted_on else "asylum_seeker",
            granted_on=granted_on,
            consent_scope=rng.choices(
                (Consent.Scope.MENTORING, Consent.Scope.MENTORING_AND_SHARING), (20, 80)
            )[0],
        )
        if first_status == "asylum_seeker" and rng.random() < 0.85:
            unit.at_centre = True
            liepna = "LIEPNA" in self.centres and start >= LIEPNA_OPENED and rng.random() < 0.35
            centre = self.centres["LIEPNA" if liepna else "MUCENIEKI"]
        else:
            centre = None
        if granted_on or centre is None:
            municipality = rng.choices(self.as_municipalities, cum_weights=self.as_municipality_cum)[0]
            unit.municipality_id = municipality.pk
        else:
            unit.municipality_id, unit.centre_id = centre.municipality_id, centre.pk
        intake = (
            rng.choices(
                (
                    Episode.IntakeSource.ACCOMMODATION_CENTRE,
                    Episode.IntakeSource.SELF,
                    Episode.IntakeSource.INSTITUTION,
                ),
                (60, 20, 20),
            )[0]
            if unit.at_centre
            else rng.choice((Episode.IntakeSource.SELF, Episode.IntakeSource.INSTITUTION))
        )
        episode = self._as_episode(unit, programme, start, intake)
        unit.registered_by = episode.created_by
        unit.registered_by_provider_id = episode.segments[0].contract.provider_id
        if episode.continues_elsewhere and self.osa and rng.random() < 0.7:
            again = self.osa[0].first_day + datetime.timedelta(days=rng.randint(0, 20))
            osa_window = self.windows.get(OSA)
            if osa_window and again <= osa_window[1]:
                self._as_episode(unit, OSA, again, Episode.IntakeSource.INSTITUTION, note=OSA_CONTINUES_NOTE)
        if first_status == "asylum_seeker":
            applied_on = start - datetime.timedelta(days=rng.randint(5, 120))
            unit.status_history.append(("asylum_seeker", applied_on, episode.created_by, start))
            if granted_on:
                # Recorded by the social worker of the episode running then (perhaps at the agency).
                by = [e for e in unit.episodes if e.started_on <= granted_on][-1].created_by
                recorded_on = min(today, granted_on + datetime.timedelta(days=rng.randint(1, 10)))
                unit.status_history.append((granted_status, granted_on, by, recorded_on))
        else:
            unit.status_history.append((granted_status, granted_on, episode.created_by, start))
        self._maybe_withdraw_consent(unit)
        return unit

    def _asylum_start(self, programme: str, window) -> datetime.date:
        if programme != ESF or len(self.esf) != 2:
            return self._start(window, recent=programme == OSA)
        lsk, caritas = self.esf
        share = self.rng.random()
        if share < 0.45:  # the Caritas years (216 persons a month) were the busiest
            first, last = max(window[0], caritas.first_day), window[1]
        elif share < 0.7:  # LSK's last year, whose open cases Caritas took over in February 2022
            first, last = max(window[0], add_months(lsk.last_day, -12)), min(window[1], lsk.last_day)
        else:
            first, last = window
        if first > last:  # --today falls before that stretch
            first, last = window
        return self._day_between(first, last)

    def _as_episode(self, unit, programme, start, intake, note="") -> _EpisodePlan:
        rng, today = self.rng, self.today
        granted_on = unit.granted_on
        if programme == ESF:
            chain = self.esf if start <= self.esf[0].last_day or len(self.esf) == 1 else self.esf[1:]
        else:
            chain = self.osa
        limit = self._limit(programme, start, granted_on)
        reason, end = self._natural_end(programme, start, limit, status_holder=granted_on is not None)
        extension = None
        if programme == OSA and reason in ("plan_achieved", "limit_reached") and rng.random() < 0.25:
            approved_on = limit - datetime.timedelta(days=rng.randint(5, 40))
            if approved_on <= today:
                length = rng.choice((18, 24))
                extension = (length, rng.choice(EXTENSION_REASONS), approved_on, limit)
                limit = self._limit(programme, start, granted_on, extended=length)
                if reason == "limit_reached":
                    end = limit + datetime.timedelta(days=rng.randint(0, 10))
                else:
                    end = self._day_between(extension[3], limit)
        episode = self._episode(
            unit,
            programme,
            chain,
            start,
            end=end,
            reason=reason,
            limit=limit,
            intake=intake,
            created_by=None,
            note=note,
        )
        episode.with_plan = True
        if extension and (episode.ended_on is None or episode.ended_on >= extension[2]):
            length, why, approved_on, old_limit = extension
            requested_by = episode.segments[-1].mentor.social_worker.user_id
            approver = episode.segments[-1].contract.coordinator_user_id
            episode.extension = (length, why, requested_by, approver, approved_on)
            episode.events.append(
                ("extended", old_limit.isoformat(), limit.isoformat(), approver, self._at(approved_on), why)
            )
        elif extension:
            episode.limit_on = self._limit(programme, start, granted_on)
        if programme == ESF and granted_on and start < granted_on <= (episode.ended_on or today):
            changed_on = min(
                episode.ended_on or today, granted_on + datetime.timedelta(days=rng.randint(1, 10))
            )
            episode.events.append(
                (
                    "limit_changed",
                    "",
                    episode.limit_on.isoformat(),
                    episode.created_by,
                    self._at(changed_on),
                    "",
                )
            )
        episode.events.sort(key=lambda event: event[4])
        return episode

    def _maybe_withdraw_consent(self, unit):
        last = unit.episodes[-1] if unit.episodes else None
        if last and last.end_reason == "declined" and self.rng.random() < 0.3:
            unit.consent_withdrawn_on = last.ended_on
