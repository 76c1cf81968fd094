"""Planning a unit: a referral or an intake, the people it is about, and their dates."""

import datetime

from django.contrib.auth import get_user_model

from cases.models import (
    Activity,
    Consent,
    EndReason,
    Episode,
    GoalArea,
    Handover,
    LegalStatus,
    Referral,
)
from cases.rules.calendar import working_days_after, working_days_before
from cases.rules.limits import add_months
from mentors.models import (
    Contract,
    FundStaff,
    Programme,
    ProviderStaff,
    SpokenLanguage,
)
from municipalities.models import AccommodationCentre, Municipality, MunicipalStaff

from .countries import ASYLUM_COUNTRIES, UA_MENTOR_COUNTRIES, pick_languages, pick_pool
from .organisations import CONTRACTS, UA_COVERAGE, _slug
from .parameters import (
    AS_MUNICIPALITY_WEIGHTS,
    CURRENT_SHARE,
    CURRENT_SHARE_SMALL,
    ESF,
    EXTENSION_REASONS,
    GUARANTEED_OUTCOMES,
    HANDOVER_NOTE,
    LIEPNA_OPENED,
    NEEDS_TEXTS,
    OPEN_CASELOAD,
    OSA,
    OSA_CONTINUES_NOTE,
    PROGRAMME_WEIGHTS,
    PROVIDER_NOTES,
    RECENT_DAYS,
    RECENT_SHARE,
    REFERRAL_OUTCOMES,
    RETURN_REASONS,
    SMALL_DATA_SET,
    TEMPORARY_PROTECTION_FROM,
    UA,
    UA_MUNICIPALITY_WEIGHTS,
    WITHDRAW_NOTES,
)
from .records import _Contract, _cumulative, _EpisodePlan, _moment, _Person, _ReferralPlan, _Staff, _Unit


class _UnitPlanner:
    def _load_reference_data(self):
        self.programmes = {p.code: p for p in Programme.objects.all()}
        self.statuses = dict(LegalStatus.objects.values_list("code", "pk"))
        self.activities = dict(Activity.objects.values_list("code", "pk"))
        self.goal_areas = dict(GoalArea.objects.values_list("code", "pk"))
        self.end_reasons = dict(EndReason.objects.values_list("code", "pk"))
        self.languages = dict(SpokenLanguage.objects.values_list("code", "pk"))
        self.municipalities = {m.code: m for m in Municipality.objects.all()}
        self.centres = {c.code: c for c in AccommodationCentre.objects.all()}
        self.municipal_users: dict[int, list[int]] = {}
        for municipality_id, user_id in MunicipalStaff.objects.order_by("pk").values_list(
            "municipality_id", "user_id"
        ):
            self.municipal_users.setdefault(municipality_id, []).append(user_id)
        self.fund_user_id = (
            FundStaff.objects.order_by("pk").values_list("user_id", flat=True).first()
            or get_user_model()
            .objects.filter(is_superuser=True)
            .order_by("pk")
            .values_list("pk", flat=True)[0]
        )

    def _load_contracts(self):
        """The contracts of CONTRACTS with the mentors and social workers hired for each."""
        staff = {
            s.user.username: s
            for s in ProviderStaff.objects.select_related("user", "provider").order_by("pk")
        }
        contracts = {c.number: c for c in Contract.objects.select_related("programme", "provider")}

        def person(member) -> _Staff:
            return _Staff(member.pk, member.user_id, member.user.get_full_name(), member.max_caseload or 20)

        hired: dict[str, list[int]] = {}  # provider code -> [social workers, mentors] so far
        self.contracts: dict[str, _Contract] = {}
        for row in CONTRACTS:
            contract = contracts[row.number]
            slug = _slug(row.provider)
            sw_before, mentors_before = hired.setdefault(row.provider, [0, 0])
            social_workers = [
                person(staff[f"{slug}-sw{n}"])
                for n in range(sw_before + 1, sw_before + max(row.social_workers, 1) + 1)
            ]
            mentors = []
            for n in range(mentors_before + 1, mentors_before + row.mentors + 1):
                mentor = person(staff[f"{slug}-mentor{n}"])
                mentor.social_worker = social_workers[(n - mentors_before - 1) % len(social_workers)]
                mentors.append(mentor)
            hired[row.provider] = [sw_before + len(social_workers), mentors_before + row.mentors]
            self.contracts[row.number] = _Contract(
                pk=contract.pk,
                number=contract.number,
                label=str(contract),
                programme=row.programme,
                provider_id=contract.provider_id,
                first_day=contract.starts_on,
                last_day=contract.last_day,
                coordinator_user_id=staff[f"{slug}-coordinator"].user_id,
                mentors=mentors,
                social_workers=social_workers,
            )
        by_programme: dict[str, list[_Contract]] = {}
        for contract in self.contracts.values():
            by_programme.setdefault(contract.programme, []).append(contract)
        self.esf = sorted(by_programme.get(ESF, []), key=lambda c: c.first_day)  # LSK, then Caritas
        self.osa = by_programme.get(OSA, [])[:1]
        self.ua_contract_of: dict[int, _Contract] = {}
        self.ua_municipalities_of: dict[int, list] = {}
        for row in CONTRACTS:
            if row.programme == UA:
                for name in UA_COVERAGE[row.provider]:
                    self.ua_contract_of[self.municipalities[name].pk] = self.contracts[row.number]
                    self.ua_municipalities_of.setdefault(self.contracts[row.number].pk, []).append(
                        self.municipalities[name]
                    )

        self.windows = {}
        for code, chain in ((UA, by_programme.get(UA, [])), (ESF, self.esf), (OSA, self.osa)):
            if chain:
                window = (min(c.first_day for c in chain), min(self.today, max(c.last_day for c in chain)))
                if window[0] <= window[1]:
                    self.windows[code] = window
        self.programme_choice = [code for code in PROGRAMME_WEIGHTS if code in self.windows]
        self.programme_cum = _cumulative(PROGRAMME_WEIGHTS[code] for code in self.programme_choice)
        ua_names = [name for name in UA_MUNICIPALITY_WEIGHTS if name in self.municipalities]
        self.ua_municipalities = [self.municipalities[name] for name in ua_names]
        self.ua_municipality_cum = _cumulative(UA_MUNICIPALITY_WEIGHTS[name] for name in ua_names)
        as_names = [name for name in AS_MUNICIPALITY_WEIGHTS if name in self.municipalities]
        self.as_municipalities = [self.municipalities[name] for name in as_names]
        self.as_municipality_cum = _cumulative(AS_MUNICIPALITY_WEIGHTS[name] for name in as_names)
        self.ua_countries_cum = _cumulative(c.weight for c in UA_MENTOR_COUNTRIES)
        self.as_countries_cum = _cumulative(c.weight for c in ASYLUM_COUNTRIES)
        self.outcomes = list(REFERRAL_OUTCOMES)
        self.outcomes_cum = _cumulative(REFERRAL_OUTCOMES.values())
        ua_window = self.windows.get(UA)
        self.guaranteed = (
            list(GUARANTEED_OUTCOMES) if ua_window and (ua_window[1] - ua_window[0]).days > 60 else []
        )
        self.handover = None
        if len(self.esf) == 2 and self.today >= self.esf[1].first_day:
            self.handover = Handover.objects.create(
                from_contract_id=self.esf[0].pk,
                to_contract_id=self.esf[1].pk,
                handed_over_on=self.esf[1].first_day,
                by_id=self.fund_user_id,
                at=_moment(self.esf[0].last_day, 16),
                note=HANDOVER_NOTE,
            )

    def _day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        if last <= first:
            return first
        return first + datetime.timedelta(days=self.rng.randint(0, (last - first).days))

    def _start(self, window, *, recent: bool) -> datetime.date:
        first, last = window
        if recent and self.rng.random() < RECENT_SHARE:
            first = max(first, last - datetime.timedelta(days=RECENT_DAYS))
        return self._day_between(first, last)

    def _pick(self, weights: dict) -> str:
        return self.rng.choices(list(weights), list(weights.values()))[0]

    def _at(self, day: datetime.date, first_hour: int = 9, last_hour: int = 16) -> datetime.datetime:
        return _moment(day, self.rng.randint(first_hour, last_hour), self.rng.choice((0, 15, 30, 45)))

    def _personal_code(self) -> str:
        while True:
            code = f"32{self.rng.randint(0, 9999):04d}-{self.rng.randint(0, 99999):05d}"
            if code not in self.personal_codes:
                self.personal_codes.add(code)
                return code

    def _adult_age(self, group: str) -> int:
        buckets = (
            ((18, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 80)),
            (8, 25, 28, 17, 12, 10) if group == "UA" else (20, 35, 25, 12, 6, 2),
        )
        low, high = self.rng.choices(*buckets)[0]
        return self.rng.randint(low, high)

    def _born(self, age: int, on: datetime.date) -> datetime.date:
        birthday = on - datetime.timedelta(days=round(age * 365.25) + self.rng.randint(0, 364))
        return min(birthday, on)

    def _person(self, pool, country, *, sex, age, on, family, relation, spoken=None) -> _Person:
        rng = self.rng
        preferred, languages = spoken or pick_languages(rng, country)
        languages = list(languages)
        if "lv" not in languages and rng.random() < (0.25 if 6 <= age < 18 else 0.04):
            languages.append("lv")
        adult = age >= 18
        phone = ""
        if adult and rng.random() < 0.85:
            if country.code == "UA" and rng.random() < 0.3:
                phone = f"+380 {rng.randint(50, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
            else:
                phone = f"+371 2{rng.randint(0, 9999999):07d}"
        document = ""
        if adult and rng.random() < 0.8:
            letters = "".join(rng.choice("ABCEFHKMNPRSTX") for _ in range(2))
            document = f"{letters}{rng.randint(0, 999999):06d}"
        return _Person(
            names=pool.person(rng, sex, family),
            sex=sex,
            date_of_birth=self._born(age, on),
            country=country.code,
            preferred_language=preferred,
            languages=languages,
            relation=relation,
            phone=phone,
            id_document=document,
        )

    def _people(self, country, *, group: str, on: datetime.date, room: int, minor: bool = False) -> list:
        """The unit's client and household: a single adult, a couple, or a parent with 1–3 children."""
        rng = self.rng
        pool = pick_pool(rng, country)
        family = rng.choice(pool.families)
        spoken = pick_languages(rng, country)
        if minor:
            kind = "single"
        elif group == "UA":
            kind = rng.choices(("single", "couple", "family", "grandparent"), (58, 5, 33, 4))[0]
        else:
            kind = rng.choices(("single", "couple", "family"), (58, 5, 37))[0]
        if kind == "single" or room == 1:
            if minor:
                age, sex = rng.randint(15, 17), rng.choices("MF", (80, 20))[0]
            else:
                age = self._adult_age(group)
                sex = rng.choices("FMX", (60, 40, 0.3) if group == "UA" else (35, 65, 0.3))[0]
            return [self._person(pool, country, sex=sex, age=age, on=on, family=family, relation="")]
        head_age = rng.randint(55, 72) if kind == "grandparent" else rng.randint(24, 48)
        if kind == "couple":
            head_age = self._adult_age(group)
        head_sex = rng.choices("FM", (75, 25) if group == "UA" else (40, 60))[0]
        people = [
            self._person(
                pool,
                country,
                sex=head_sex,
                age=head_age,
                on=on,
                family=family,
                relation="head",
                spoken=spoken,
            )
        ]
        spouse = kind == "couple" or (kind == "family" and rng.random() < (0.2 if group == "UA" else 0.45))
        if spouse:
            people.append(
                self._person(
                    pool,
                    country,
                    sex="M" if head_sex == "F" else "F",
                    age=max(18, head_age + rng.randint(-5, 5)),
                    on=on,
                    family=family,
                    relation="spouse",
                    spoken=spoken,
                )
            )
        if kind in ("family", "grandparent"):
            relation = "grandchild" if kind == "grandparent" else "child"
            oldest = 14 if kind == "grandparent" else min(17, head_age - 18)
            for _ in range(rng.choices((1, 2, 3), (40, 38, 22))[0]):
                people.append(
                    self._person(
                        pool,
                        country,
                        sex=rng.choice("FM"),
                        age=rng.randint(0, oldest),
                        on=on,
                        family=family,
                        relation=relation,
                        spoken=(spoken[0], [spoken[0]]),
                    )
                )
        return people[:room]

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
