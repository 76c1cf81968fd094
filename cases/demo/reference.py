"""Planning units, the reference data and the contracts they draw from: programmes, reasons,
municipalities, the staff of every contract."""

from django.contrib.auth import get_user_model

from cases.models import (
    Activity,
    EndReason,
    GoalArea,
    Handover,
    LegalStatus,
)
from mentors.models import (
    Contract,
    FundStaff,
    Programme,
    ProviderStaff,
    SpokenLanguage,
)
from municipalities.models import AccommodationCentre, Municipality, MunicipalStaff

from .countries import ASYLUM_COUNTRIES, UA_MENTOR_COUNTRIES
from .organisations import CONTRACTS, UA_COVERAGE, _slug
from .parameters import (
    AS_MUNICIPALITY_WEIGHTS,
    ESF,
    GUARANTEED_OUTCOMES,
    HANDOVER_NOTE,
    OSA,
    PROGRAMME_WEIGHTS,
    REFERRAL_OUTCOMES,
    UA,
    UA_MUNICIPALITY_WEIGHTS,
)
from .records import _Contract, _cumulative, _moment, _Staff


class _ReferenceData:
    """The reference data and the contracts with their staff, loaded once."""

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
