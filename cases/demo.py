"""The demo data set behind `manage.py generate_demo_data` (never loaded by migrations).

Organisations: the providers and the exact contract history of DOMAIN.md, teams, provider staff,
municipal social workers and fund staff. Case data (clients, referrals, episodes, plans, visits)
comes from `generate_cases`, in bulk so that 100,000 clients take minutes.
"""

import contextlib
import datetime
import inspect
import itertools
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connections, models, router, transaction
from django.db.models import Max
from django.utils import timezone

from cases.demo_people import ASYLUM_COUNTRIES, UA_MENTOR_COUNTRIES, pick_languages, pick_pool
from cases.limits import add_months, limit_date
from cases.models import (
    Activity,
    Client,
    Consent,
    EndReason,
    Episode,
    EpisodeContract,
    EpisodeEvent,
    EpisodeExtension,
    GoalArea,
    Handover,
    Household,
    InclusionPlan,
    LegalStatus,
    LegalStatusRecord,
    PlanGoal,
    Referral,
    ReferralEvent,
    Visit,
    VisitAttendance,
)
from cases.served import served_months_rebuild
from mentors.models import (
    Contract,
    ContractMonth,
    ContractMonthEvent,
    ContractMonthShare,
    FundStaff,
    Programme,
    Provider,
    ProviderStaff,
    SpokenLanguage,
    Team,
)
from mentors.payments import payments_freeze
from municipalities.models import AccommodationCentre, Municipality, MunicipalStaff

DEMO_PASSWORD = "atbalsts-demo"  # noqa: S105 - documented demo password, set only by this command

PROVIDERS = [
    ("DOMUS", 'Ģimenes un audžuģimenes atbalsta biedrība "DOMUS"', False),
    ("CARITAS", 'Nodibinājums "Caritas Latvija"', False),
    ("DROSA-MAJA", 'Biedrība "Patvērums "Drošā māja""', False),
    ("GAISO-DOMU", 'Biedrība "Gaišo domu platforma"', False),
    ("FIBRA", 'Mācību centrs "FIBRA"', False),
    ("VATP", 'Nodibinājums "Ventspils Augsto tehnoloģiju parks"', False),
    ("VIDUSDAUGAVA", 'Biedrība "Vidusdaugavas NVO centrs"', False),
    ("LSK", "Latvijas Sarkanais Krusts", False),
    ("OSA", "Sabiedrības integrācijas fonda Vienas pieturas aģentūra", True),
]

# UA-MENTOR coverage: every municipality by exactly one contract (one plausible split, in the README).
UA_COVERAGE = {
    "DOMUS": [
        "Rīga",
        "Jūrmala",
        "Ādažu novads",
        "Ķekavas novads",
        "Mārupes novads",
        "Olaines novads",
        "Ropažu novads",
        "Salaspils novads",
        "Siguldas novads",
    ],
    "VATP": [
        "Ventspils",
        "Liepāja",
        "Ventspils novads",
        "Dienvidkurzemes novads",
        "Kuldīgas novads",
        "Saldus novads",
        "Talsu novads",
        "Tukuma novads",
    ],
    "VIDUSDAUGAVA": ["Jēkabpils novads", "Aizkraukles novads", "Augšdaugavas novads", "Līvānu novads"],
    "FIBRA": ["Jelgava", "Jelgavas novads", "Dobeles novads", "Bauskas novads"],
    "CARITAS": [
        "Daugavpils",
        "Rēzekne",
        "Rēzeknes novads",
        "Krāslavas novads",
        "Ludzas novads",
        "Preiļu novads",
        "Balvu novads",
        "Varakļānu novads",
    ],
    "GAISO-DOMU": [
        "Alūksnes novads",
        "Gulbenes novads",
        "Madonas novads",
        "Smiltenes novads",
        "Valkas novads",
    ],
    "DROSA-MAJA": ["Valmieras novads", "Cēsu novads", "Limbažu novads", "Ogres novads", "Saulkrastu novads"],
}


@dataclass(frozen=True)
class ContractRow:
    provider: str
    programme: str
    number: str
    starts_on: datetime.date
    ends_on: datetime.date
    rate: str
    capacity: int
    social_workers: int
    mentors: int
    value: str
    terminated_on: datetime.date | None = None
    termination_reason: str = ""


D = datetime.date
CONTRACTS = [
    ContractRow(
        "LSK",
        "AS-ESF",
        "SIF/2016/9.1.4.4/AS-01",
        D(2016, 11, 1),
        D(2023, 11, 30),
        "60.00",
        360,
        2,
        8,
        "400000.00",
        D(2022, 1, 31),
        "Could not staff the teams the contract required.",
    ),
    ContractRow(
        "CARITAS",
        "AS-ESF",
        "SIF/2022/9.1.4.4/AS-02",
        D(2022, 2, 1),
        D(2023, 11, 30),
        "60.00",
        360,
        3,
        18,
        "480000.00",
    ),
    *[
        ContractRow(
            code,
            "UA-MENTOR",
            f"SIF/2022/9.1.4.4/UA-{n:02d}",
            D(2022, 5, 1),
            D(2027, 12, 31),
            "50.00",
            150,
            1,
            7,
            "100000.00",
        )
        for n, code in enumerate(
            ["DOMUS", "CARITAS", "DROSA-MAJA", "GAISO-DOMU", "FIBRA", "VATP", "VIDUSDAUGAVA"], 1
        )
    ],
    ContractRow(
        "OSA",
        "AS-OSA",
        "SIF/2023/ESF+/OSA-01",  # the ESF+ service; PMIF/13.1./2022/1/01 funds the agency itself
        D(2023, 12, 1),
        D(2027, 12, 31),
        "55.00",
        300,
        5,
        10,
        "750000.00",
    ),
]

MUNICIPAL_DEMO = [
    "Rīga",
    "Ropažu novads",
    "Daugavpils",
    "Liepāja",
    "Jelgava",
    "Valmieras novads",
    "Jēkabpils novads",
]

FIRST_NAMES = [
    "Anna",
    "Ilze",
    "Līga",
    "Kristīne",
    "Inese",
    "Jānis",
    "Andris",
    "Mārtiņš",
    "Laura",
    "Dace",
    "Olga",
    "Natālija",
    "Edgars",
    "Zane",
    "Elīna",
    "Rūta",
    "Aija",
    "Pēteris",
    "Gints",
    "Sanita",
]
LAST_NAMES = [
    "Bērziņa",
    "Kalniņa",
    "Ozola",
    "Liepiņa",
    "Krūmiņa",
    "Vītola",
    "Jansone",
    "Zariņa",
    "Kļaviņa",
    "Balode",
    "Petrova",
    "Ivanova",
    "Siliņa",
    "Lapiņa",
    "Eglīte",
    "Pētersone",
    "Kalēja",
    "Grīnberga",
]


def _slug(code: str) -> str:
    return code.lower().replace("-", "")


def _municipality_slug(name: str) -> str:
    table = str.maketrans("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ", "acegiklnsuzACEGIKLNSUZ")
    return name.split(" ")[0].translate(table).lower()


class DemoUsers:
    """Creates users with the one demo password (hashed once)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.password = make_password(DEMO_PASSWORD)
        self.model = get_user_model()

    def create(self, username: str, *, superuser: bool = False):
        return self.model.objects.create(
            username=username,
            first_name=self.rng.choice(FIRST_NAMES),
            last_name=self.rng.choice(LAST_NAMES),
            email=f"{username}@demo.atbalsts.lv",
            password=self.password,
            is_staff=superuser,
            is_superuser=superuser,
        )


@transaction.atomic
def generate_organisations(rng: random.Random) -> None:
    """Providers, the contract history, teams and staff, municipal social workers, fund staff, admin."""
    municipalities = {m.code: m for m in Municipality.objects.all()}
    centres = list(AccommodationCentre.objects.all())
    programmes = {p.code: p for p in Programme.objects.all()}
    languages = {lang.code: lang for lang in SpokenLanguage.objects.all()}
    providers = {
        code: Provider.objects.create(code=code, name=name, is_in_house=in_house)
        for code, name, in_house in PROVIDERS
    }
    users = DemoUsers(rng)
    users.create("admin", superuser=True)
    FundStaff.objects.create(user=users.create("fund"), job_title="Projektu vadītāja")
    FundStaff.objects.create(user=users.create("fund2"), job_title="Finanšu analītiķis")
    for name in MUNICIPAL_DEMO:
        for n in (1, 2):
            MunicipalStaff.objects.create(
                user=users.create(f"{_municipality_slug(name)}-sw{n}"),
                municipality=municipalities[name],
                job_title="Sociālais darbinieks",
            )
    # Every other municipality gets one social worker too, so that each referral is filed by a worker
    # of the municipality it comes from (and that worker's scoped pages show it).
    slugs = {_municipality_slug(name) for name in MUNICIPAL_DEMO}
    for name in sorted(set(municipalities) - set(MUNICIPAL_DEMO)):
        slug = _municipality_slug(name)
        if slug in slugs:  # "Ventspils" and "Ventspils novads"
            slug = "-".join(_municipality_slug(word) for word in name.split(" "))
        slugs.add(slug)
        MunicipalStaff.objects.create(
            user=users.create(f"{slug}-sw1"),
            municipality=municipalities[name],
            job_title="Sociālais darbinieks",
        )

    staffed = set()
    for row in CONTRACTS:
        contract = Contract.objects.create(
            programme=programmes[row.programme],
            provider=providers[row.provider],
            number=row.number,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            value_eur=Decimal(row.value),
            rate_eur=Decimal(row.rate),
            monthly_capacity=row.capacity,
            social_workers=row.social_workers,
            mentors=row.mentors,
            terminated_on=row.terminated_on,
            termination_reason=row.termination_reason,
        )
        if row.programme == "UA-MENTOR":
            contract.municipalities.set([municipalities[name] for name in UA_COVERAGE[row.provider]])
        else:
            contract.municipalities.set(municipalities.values())
            contract.accommodation_centres.set(centres)
        _staff_provider(rng, users, providers[row.provider], row, languages, staffed)


def _staff_provider(rng, users, provider, row: ContractRow, languages, staffed: set) -> None:
    """A coordinator, the contracted social workers and mentors, one team per social worker."""
    slug = _slug(provider.code)
    if provider.code not in staffed:
        ProviderStaff.objects.create(
            user=users.create(f"{slug}-coordinator"), provider=provider, role=ProviderStaff.Role.COORDINATOR
        )
        staffed.add(provider.code)
    existing_sw = ProviderStaff.objects.filter(
        provider=provider, role=ProviderStaff.Role.SOCIAL_WORKER
    ).count()
    existing_mentors = ProviderStaff.objects.filter(provider=provider, role=ProviderStaff.Role.MENTOR).count()
    teams = []
    for n in range(existing_sw + 1, existing_sw + max(row.social_workers, 1) + 1):
        social_worker = ProviderStaff.objects.create(
            user=users.create(f"{slug}-sw{n}"), provider=provider, role=ProviderStaff.Role.SOCIAL_WORKER
        )
        teams.append(
            Team.objects.create(provider=provider, name=f"{provider.code} {n}", social_worker=social_worker)
        )
    common = ["uk", "ru"] if row.programme == "UA-MENTOR" else ["ru", "en", "ar", "fa", "uk"]
    for n in range(existing_mentors + 1, existing_mentors + row.mentors + 1):
        mentor = ProviderStaff.objects.create(
            user=users.create(f"{slug}-mentor{n}"),
            provider=provider,
            role=ProviderStaff.Role.MENTOR,
            team=teams[(n - 1) % len(teams)],
            max_caseload=rng.choice([15, 20, 25]),
        )
        spoken = {"lv", rng.choice(common), rng.choice(common)}
        mentor.languages.set([languages[code] for code in spoken if code in languages])


# --- Case data -----------------------------------------------------------------------------------
#
# One "unit" is the person a referral or an intake is about (the episode's client) and the household
# members who come to the family visits. Each unit is planned in Python (dates, outcome, mentor),
# then a chunk of units is written with bulk_create, so that memory stays flat and 100,000 clients
# (about a million visits) take minutes. Every choice comes from the one seeded `rng`, in a fixed
# order, so a seed and a --today give the same data set.

CHUNK_CLIENTS = 2000
BATCH_SIZE = 5000

UA, ESF, OSA = "UA-MENTOR", "AS-ESF", "AS-OSA"
PROGRAMME_WEIGHTS = {UA: 0.45, ESF: 0.22, OSA: 0.33}
# Visits: UA-MENTOR 4–8 over a full 60-day episode; AS programmes 2–5 a month (the volume knob:
# with these, 100,000 clients make about 0.7 million visits).
UA_VISITS_PER_60_DAYS = (4, 8)
AS_VISITS_PER_MONTH = (2, 5)
RECENT_DAYS = 548  # "most episodes in the last 18 months"
RECENT_SHARE = 0.7
TEMPORARY_PROTECTION_FROM = D(2022, 3, 4)
LIEPNA_OPENED = D(2023, 9, 1)

UA_MUNICIPALITY_WEIGHTS = {
    "Rīga": 40, "Jūrmala": 4, "Daugavpils": 5, "Liepāja": 5, "Jelgava": 4, "Ventspils": 3,
    "Rēzekne": 2, "Valmieras novads": 3, "Ogres novads": 3, "Jēkabpils novads": 2, "Mārupes novads": 3,
    "Ķekavas novads": 2, "Salaspils novads": 2, "Siguldas novads": 2, "Tukuma novads": 2,
    "Cēsu novads": 2, "Ropažu novads": 2, "Ādažu novads": 1.5, "Olaines novads": 1.5,
    "Bauskas novads": 1, "Dobeles novads": 1, "Kuldīgas novads": 1, "Talsu novads": 1,
    "Saldus novads": 1, "Limbažu novads": 1, "Madonas novads": 1, "Aizkraukles novads": 1,
    "Dienvidkurzemes novads": 1, "Jelgavas novads": 1, "Augšdaugavas novads": 0.8,
    "Rēzeknes novads": 0.7, "Gulbenes novads": 0.6, "Alūksnes novads": 0.6, "Smiltenes novads": 0.6,
    "Krāslavas novads": 0.6, "Ludzas novads": 0.6, "Ventspils novads": 0.6, "Valkas novads": 0.5,
    "Balvu novads": 0.5, "Preiļu novads": 0.5, "Līvānu novads": 0.5, "Saulkrastu novads": 0.5,
    "Varakļānu novads": 0.3,
}  # fmt: skip
# Beneficiaries of international protection mostly settle in Rīga.
AS_MUNICIPALITY_WEIGHTS = {
    "Rīga": 70, "Jelgava": 4, "Daugavpils": 4, "Liepāja": 4, "Jūrmala": 3, "Ropažu novads": 3,
    "Valmieras novads": 3, "Ogres novads": 3, "Ventspils": 2, "Rēzekne": 2, "Salaspils novads": 2,
}  # fmt: skip

# How a UA-MENTOR referral stands today; "overdue" is a submission waiting more than 3 working days.
REFERRAL_OUTCOMES = {"accepted": 91.5, "submitted": 1.5, "overdue": 1.5, "returned": 2.5, "withdrawn": 3}
# The first UA-MENTOR units take these, so that a small data set shows every referral status.
GUARANTEED_OUTCOMES = ("submitted", "overdue", "returned", "withdrawn", "overdue", "returned")

END_WEIGHTS = {
    UA: {
        "plan_achieved": 35, "limit_reached": 28, "left_country": 9, "declined": 7, "unreachable": 9,
        "transferred": 5, "ineligible": 2, "other": 5,
    },
    "status": {
        "plan_achieved": 30, "limit_reached": 18, "left_country": 22, "declined": 6, "unreachable": 10,
        "transferred": 6, "other": 8,
    },
    # Asylum seekers in the procedure: many leave Latvia (DOMAIN.md: 290 persons in 2022-23).
    "seeker": {
        "left_country": 45, "ineligible": 18, "declined": 10, "unreachable": 12, "transferred": 7,
        "other": 8,
    },
}  # fmt: skip
END_DAYS = {
    UA: {
        "plan_achieved": (30, 59), "left_country": (5, 50), "declined": (1, 20), "unreachable": (10, 50),
        "transferred": (7, 50), "ineligible": (3, 30), "other": (5, 59),
    },
    "AS": {
        "plan_achieved": (120, 365), "left_country": (45, 360), "declined": (30, 180),
        "unreachable": (60, 300), "transferred": (60, 365), "ineligible": (90, 365), "other": (45, 365),
    },
}  # fmt: skip
FORCED_END_REASONS = ("declined", "unreachable", "transferred", "other")

ACTIVITY_WEIGHTS = {
    UA: {
        "humanitarian_aid": 8, "medical_accompaniment": 6, "gp_registration": 6, "employment_agency": 7,
        "job_search": 8, "language_learning": 6, "integration_programme": 1, "housing": 8,
        "residence_declaration": 5, "social_service": 8, "bank_account": 4, "school_enrolment": 4,
        "documents": 6, "basic_goods": 5, "transport": 3, "everyday_skills": 5, "crisis_support": 3,
        "other": 2,
    },
    "AS": {
        "humanitarian_aid": 3, "medical_accompaniment": 8, "gp_registration": 4, "employment_agency": 5,
        "job_search": 6, "language_learning": 8, "integration_programme": 6, "housing": 6,
        "residence_declaration": 3, "social_service": 6, "bank_account": 3, "school_enrolment": 3,
        "documents": 9, "basic_goods": 4, "transport": 6, "everyday_skills": 8, "crisis_support": 4,
        "other": 2,
    },
}  # fmt: skip
GOAL_AREA_WEIGHTS = {
    UA: {
        "housing": 9, "employment": 9, "language": 6, "health": 5, "education": 4, "documents": 5,
        "money": 4, "social_services": 6, "everyday_life": 4, "other": 1,
    },
    "AS": {
        "housing": 8, "employment": 8, "language": 9, "health": 6, "education": 5, "documents": 9,
        "money": 5, "social_services": 5, "everyday_life": 7, "other": 2,
    },
}  # fmt: skip
PLACE_WEIGHTS = {
    "home": {"home": 30, "institution": 30, "office": 20, "phone": 15, "online": 5},
    "centre": {"accommodation_centre": 45, "institution": 25, "office": 10, "phone": 15, "online": 5},
}
MINUTES = {
    "phone": (30, 30, 45, 60),
    "online": (30, 45, 60),
    "institution": (60, 75, 90, 105, 120, 150, 180),
    "default": (45, 60, 60, 75, 90, 120, 150),
}

# What people wrote (demo content in Latvian, the language the staff work in; not interface text).
GOAL_TEXTS = {
    "housing": ("Atrast pastāvīgu dzīvesvietu", "Noslēgt īres līgumu", "Pieteikties dzīvokļa pabalstam"),
    "employment": ("Reģistrēties NVA", "Atrast darbu atbilstoši kvalifikācijai", "Sagatavot CV latviski"),
    "language": (
        "Uzsākt latviešu valodas kursus",
        "Sasniegt A1 valodas līmeni",
        "Apmeklēt valodas kafejnīcu",
    ),
    "health": ("Reģistrēties pie ģimenes ārsta", "Saņemt nepieciešamo ārstēšanu", "Veikt bērnu vakcināciju"),
    "education": ("Pieteikt bērnu skolā", "Nodrošināt vietu bērnudārzā", "Atrast bērnam interešu pulciņu"),
    "documents": ("Saņemt uzturēšanās atļauju", "Deklarēt dzīvesvietu", "Saņemt personas kodu"),
    "money": ("Atvērt bankas kontu", "Sastādīt ģimenes budžetu", "Pieteikties valsts pabalstiem"),
    "social_services": ("Reģistrēties sociālajā dienestā", "Saņemt trūcīgas personas statusu"),
    "everyday_life": ("Apgūt sabiedriskā transporta lietošanu", "Patstāvīgi kārtot ikdienas jautājumus"),
    "other": ("Iesaistīties kopienas aktivitātēs", "Saņemt psihologa konsultāciju"),
}
NEEDS_TEXTS = (
    "Ģimenei nepieciešama palīdzība dzīvesvietas meklēšanā un bērnu pieteikšanā skolā.",
    "Klientei jāreģistrējas pie ģimenes ārsta un NVA; latviešu valodu nepārvalda.",
    "Nepieciešams atbalsts dokumentu kārtošanā un bankas konta atvēršanā.",
    "Vientuļš pensionārs; nepieciešama palīdzība veselības aprūpes un pabalstu jautājumos.",
    "Klients meklē darbu; nepieciešama palīdzība CV sagatavošanā un saziņā ar darba devējiem.",
    "Daudzbērnu ģimene; nepieciešama humānā palīdzība un atbalsts sociālā dienesta pakalpojumu saņemšanā.",
)
PROVIDER_NOTES = (
    "Klientei ir mazs bērns, ērtāk tikties pēcpusdienā.",
    "Sazināties krieviski vai ukrainiski; tālrunis pieejams pēc plkst. 17.",
    "Klientam ir invaliditāte; nepieciešama pavadīšana.",
)
RETURN_REASONS = (
    "Norādītais tālruņa numurs nav pareizs; lūdzu precizēt kontaktinformāciju.",
    "Nosūtījumā nav aprakstītas vajadzības; lūdzu papildināt novērtējumu.",
    "Klients jau saņem līdzīgu atbalstu citā projektā.",
    "Klients dzīvo citā pašvaldībā; lūdzu pārbaudīt dzīvesvietu.",
)
WITHDRAW_NOTES = (
    "Klients izbraucis no Latvijas.",
    "Klients atrada darbu, atbalsts vairs nav vajadzīgs.",
    "Klients atsauca piekrišanu.",
    "Nosūtījums izveidots kļūdaini.",
)
CLOSING_SUMMARIES = {
    "plan_achieved": "Plāna mērķi sasniegti; klients patstāvīgi kārto ikdienas jautājumus.",
    "limit_reached": "Sasniegts pakalpojuma termiņš; klients informēts par citiem atbalsta veidiem.",
    "left_country": "Klients izbraucis no Latvijas.",
    "declined": "Klients atteicās no pakalpojuma turpināšanas.",
    "transferred": "Klients nodots cita pakalpojuma sniedzēja aprūpē.",
    "unreachable": "Ar klientu neizdevās sazināties ilgāk par mēnesi.",
    "ineligible": "Klients vairs neatbilst pakalpojuma mērķgrupai.",
    "other": "Pakalpojums pārtraukts citu iemeslu dēļ.",
}
ESF_ENDED_SUMMARY = "AS-ESF pakalpojums beidzās 30.11.2023; atbalstu turpina Vienas pieturas aģentūra."
OSA_CONTINUES_NOTE = "Turpina AS-ESF pakalpojumu, kas beidzās 30.11.2023."
EXTENSION_REASONS = (
    "Plāna mērķi daļēji sasniegti; nepieciešams atbalsts mājokļa un darba jautājumos.",
    "Turpinās dokumentu kārtošana un bērnu iekļaušana izglītībā.",
    "Klientam nepieciešams atbalsts līdz valodas kursu beigām.",
)
HANDOVER_NOTE = "LSK līgums izbeigts pirms termiņa; atvērtās lietas bez pārtraukuma pārņem Caritas Latvija."
LOCK_NOTE = "Maksājuma pārskats apstiprināts."
VISIT_NOTES = (
    "Pavadīju klientu uz NVA; reģistrācija veiksmīga.",
    "Kopā aizpildījām pabalsta pieteikumu sociālajā dienestā.",
    "Palīdzēju pierakstīties pie ģimenes ārsta.",
    "Apspriedām dzīvokļa īres iespējas; nosūtīju trīs sludinājumus.",
    "Klients apmeklē latviešu valodas kursus; motivācija laba.",
    "Pārrunājām bērnu pieteikšanu skolā.",
    "Atvērām bankas kontu.",
    "Trūkst dokumentu; nākamreiz pavadīšu uz PMLP.",
    "Sniedzu emocionālu atbalstu; ieteicu psihologa konsultāciju.",
    "Iepazīstināju ar sabiedrisko transportu un e-talona iegādi.",
    "Telefonsaruna: vienojāmies par nākamo tikšanos un vajadzīgajiem dokumentiem.",
    "Saņemta humānā palīdzība (apģērbs, pārtika).",
)


@dataclass(eq=False)
class _Staff:
    pk: int
    user_id: int
    name: str
    max_caseload: int = 20
    social_worker: "_Staff | None" = None
    open_episodes: int = 0


@dataclass(eq=False)
class _Contract:
    pk: int
    number: str
    programme: str
    provider_id: int
    first_day: datetime.date
    last_day: datetime.date
    coordinator_user_id: int
    mentors: list
    social_workers: list


@dataclass(eq=False)
class _Person:
    names: tuple  # given, family, given original, family original
    sex: str
    date_of_birth: datetime.date
    country: str
    preferred_language: str
    languages: list
    relation: str = ""
    phone: str = ""
    personal_code: str = ""
    id_document: str = ""
    pk: int | None = None


@dataclass(eq=False)
class _Segment:
    """A stretch of an episode under one contract and one mentor (ends_on None: still running)."""

    starts_on: datetime.date
    ends_on: datetime.date | None
    contract: _Contract
    mentor: _Staff


@dataclass(eq=False)
class _EpisodePlan:
    programme: str
    started_on: datetime.date
    ended_on: datetime.date | None
    end_reason: str | None
    limit_on: datetime.date | None
    intake_source: str
    created_by: int
    segments: list
    closing_summary: str = ""
    events: list = field(default_factory=list)  # (kind, from, to, by, at, note)
    extension: tuple | None = None  # (length, reason, requested_by, approved_by, approved_on)
    handed_over: bool = False
    continues_elsewhere: bool = False
    with_plan: bool = False
    pk: int | None = None


@dataclass(eq=False)
class _ReferralPlan:
    status: str
    contract: _Contract
    municipality_id: int
    filed_by: int
    submitted_at: datetime.datetime
    events: list  # (from, to, by, at, note)
    urgency: str
    needs_areas: list
    needs_text: str
    notes_for_provider: str
    decided_at: datetime.datetime | None = None
    decided_by: int | None = None
    return_reason: str = ""
    episode: _EpisodePlan | None = None


@dataclass(eq=False)
class _Unit:
    group: str  # "UA" or "AS"
    people: list
    registered_on: datetime.date
    municipality_id: int | None = None
    centre_id: int | None = None
    at_centre: bool = False
    legal_status: str = "ua_civilian"
    granted_on: datetime.date | None = None
    status_history: list = field(default_factory=list)  # (status, decided on, recorded by, recorded on)
    registered_by: int | None = None
    registered_by_provider_id: int | None = None
    consent_scope: str = Consent.Scope.MENTORING
    consent_withdrawn_on: datetime.date | None = None
    referrals: list = field(default_factory=list)
    episodes: list = field(default_factory=list)

    @property
    def head(self) -> _Person:
        return self.people[0]


VISIT_COLUMNS = (
    "id",
    "episode",
    "contract",
    "visited_on",
    "duration_minutes",
    "place",
    "interpreter_used",
    "notes",
    "logged_by",
    "created_at",
    "updated_at",
)


class _Rows:
    """The visit rows of one chunk, as tuples in VISIT_COLUMNS order, and their link rows."""

    def __init__(self):
        self.visits = []
        self.visit_activities = []  # (visit id, activity id)
        self.visit_goals = []  # (visit id, plan goal id)
        self.attendance = []  # (visit id, client id)


class _RawInsert:
    """Writes rows of plain values to one table: COPY on PostgreSQL, executemany elsewhere.

    About five million visit, attendance and activity rows make up a 100,000-client data set; the
    ORM's per-value preparation in bulk_create would take most of the run. The generator prepares
    the values itself (ints, strings, booleans, dates, aware datetimes), so nothing is lost.
    """

    def __init__(self, model, fields: tuple):
        self.connection = connections[router.db_for_write(model)]
        quote = self.connection.ops.quote_name
        concrete = [model._meta.get_field(name) for name in fields]
        self.table = quote(model._meta.db_table)
        self.columns = ", ".join(quote(f.column) for f in concrete)
        self.placeholders = ", ".join(["%s"] * len(concrete))
        ops = self.connection.ops
        self.adapters = [
            ops.adapt_datetimefield_value
            if isinstance(f, models.DateTimeField)
            else ops.adapt_datefield_value
            if isinstance(f, models.DateField)
            else None
            for f in concrete
        ]

    def write(self, rows: list) -> None:
        if not rows:
            return
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {self.table} ({self.columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                return
            if any(self.adapters):
                adapters = self.adapters
                rows = [
                    tuple(
                        adapt(value) if adapt else value for adapt, value in zip(adapters, row, strict=True)
                    )
                    for row in rows
                ]
            # Table and column names come from the model's metadata, quoted by the backend.
            sql = f"INSERT INTO {self.table} ({self.columns}) VALUES ({self.placeholders})"  # noqa: S608
            for first in range(0, len(rows), BATCH_SIZE):
                cursor.executemany(sql, rows[first : first + BATCH_SIZE])


def _moment(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """An aware datetime on `day` in the project's time zone (Europe/Riga)."""
    return datetime.datetime(
        day.year, day.month, day.day, hour, minute, tzinfo=timezone.get_default_timezone()
    )


def _working_days_back(day: datetime.date, count: int) -> datetime.date:
    """The working day `count` working days before `day` (weekends skipped; holidays ignored)."""
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    while count > 0:
        day -= datetime.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def _working_days_after(day: datetime.date, count: int) -> datetime.date:
    while count > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def _cumulative(weights) -> list:
    return list(itertools.accumulate(weights))


@contextlib.contextmanager
def _historical_timestamps(*models):
    """Let bulk_create write the given created/updated/at values instead of "now".

    The demo data reaches back to 2016; an event dated today for a referral filed in 2022 would tell
    a false story. Only this bulk load switches auto_now off, and it switches it back.
    """
    fields = [
        f
        for model in models
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _name_keyer():
    """A function client -> name_key from `cases.names.name_key` when that module exists, else None.

    The search key is written by another part of the project; its signature is read rather than
    assumed: name_key(*names), name_key(client) or name_key(given_name=..., family_name=..., ...).
    """
    try:
        from cases.names import name_key
    except ImportError:
        return None
    fields = ("given_name", "family_name", "given_name_original", "family_name_original")
    parameters = list(inspect.signature(name_key).parameters.values())
    if any(p.kind == p.VAR_POSITIONAL for p in parameters):
        return lambda client: name_key(*(getattr(client, f) for f in fields))[:400]
    named = [f for f in fields if any(p.name == f for p in parameters)]
    if named:
        return lambda client: name_key(**{f: getattr(client, f) for f in named})[:400]
    return lambda client: name_key(client)[:400]


def _contract_history(episode_pk: int, plan) -> list:
    """The episode's stretches under each contract: a new stretch where the contract changes (a
    handover), each ending the day before the next begins; the last one is current."""
    stretches = []
    for segment in plan.segments:
        if stretches and stretches[-1].contract_id == segment.contract.pk:
            continue
        if stretches:
            stretches[-1].until_on = segment.starts_on - datetime.timedelta(days=1)
        stretches.append(
            EpisodeContract(episode_id=episode_pk, contract_id=segment.contract.pk, from_on=segment.starts_on)
        )
    return stretches


class _CaseGenerator:
    def __init__(self, rng: random.Random, *, today: datetime.date):
        self.rng = rng
        self.today = today
        self.summary = {"clients": 0, "households": 0, "referrals": 0, "episodes": 0, "visits": 0}
        self.name_key = _name_keyer()
        self.personal_codes: set[str] = set()
        self.next_visit_id = (Visit.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
        self.visit_table = _RawInsert(Visit, VISIT_COLUMNS)
        self.visit_activity_table = _RawInsert(Visit.activities.through, ("visit", "activity"))
        self.visit_goal_table = _RawInsert(Visit.goals.through, ("visit", "plangoal"))
        self.attendance_table = _RawInsert(VisitAttendance, ("visit", "client"))
        self._load_reference_data()
        self._load_contracts()

    # --- Reference data, contracts and staff ----------------------------------------------------

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
        for row in CONTRACTS:
            if row.programme == UA:
                for name in UA_COVERAGE[row.provider]:
                    self.ua_contract_of[self.municipalities[name].pk] = self.contracts[row.number]

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

    # --- Small helpers ----------------------------------------------------------------------------

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

    # --- People ---------------------------------------------------------------------------------

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

    # --- Units ------------------------------------------------------------------------------------

    def next_unit(self, room: int) -> _Unit | None:
        if not self.programme_choice:
            return None
        programme = self.rng.choices(self.programme_choice, cum_weights=self.programme_cum)[0]
        if programme == UA:
            return self._ua_unit(room)
        return self._asylum_unit(programme, room)

    def _ua_unit(self, room: int) -> _Unit:
        rng, today = self.rng, self.today
        outcome = (
            self.guaranteed.pop(0)
            if self.guaranteed
            else rng.choices(self.outcomes, cum_weights=self.outcomes_cum)[0]
        )
        municipality = rng.choices(self.ua_municipalities, cum_weights=self.ua_municipality_cum)[0]
        contract = self.ua_contract_of[municipality.pk]
        window = (contract.first_day, min(today, contract.last_day))
        start = None
        if outcome == "accepted":
            start = self._start(window, recent=True)
            submitted_on = max(window[0], start - datetime.timedelta(days=rng.randint(0, 6)))
        elif outcome in ("submitted", "overdue"):
            back = rng.randint(0, 2) if outcome == "submitted" else rng.randint(4, 15)
            submitted_on = max(window[0], _working_days_back(today, back))
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
            returned_on = min(today, _working_days_after(submitted_on, rng.randint(1, 3)))
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

    def _asylum_unit(self, programme: str, room: int) -> _Unit:
        rng, today = self.rng, self.today
        window = self.windows[programme]
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
            granted_on = start - datetime.timedelta(days=rng.randint(0, 300))
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

    # --- Episodes ---------------------------------------------------------------------------------

    def _limit(self, programme, start, granted_on, extended=None):
        rule = self.programmes[programme]
        return limit_date(
            unit=rule.limit_unit,
            length=rule.limit_length,
            anchor=rule.limit_anchor,
            started_on=start,
            status_granted_on=granted_on,
            extended_length=extended,
        )

    def _natural_end(self, programme, start, limit, *, status_holder: bool):
        """How and when the episode ends if nothing else intervenes (None: still open past its limit)."""
        rng, today = self.rng, self.today
        if programme == UA:
            weights, days = END_WEIGHTS[UA], END_DAYS[UA]
        else:
            weights = dict(END_WEIGHTS["status" if status_holder else "seeker"])
            days = END_DAYS["AS"]
            if limit is None:
                weights.pop("limit_reached", None)
            elif "limit_reached" not in weights:
                weights["limit_reached"] = 10
        reason = self._pick(weights)
        if reason == "limit_reached":
            if limit < today and (today - limit).days <= 45 and rng.random() < 0.3:
                return None, None  # the coordinator has not closed it yet
            return reason, limit + datetime.timedelta(days=rng.randint(0, 7 if programme == UA else 10))
        low, high = days[reason]
        end = start + datetime.timedelta(days=rng.randint(low, high))
        if limit and end > limit + datetime.timedelta(days=10):
            return "limit_reached", limit + datetime.timedelta(days=rng.randint(0, 10))
        return reason, end

    def _free_mentor(self, contract: _Contract) -> _Staff | None:
        free = [m for m in contract.mentors if m.open_episodes < m.max_caseload]
        if not free:
            return None
        mentor = min(free, key=lambda m: m.open_episodes)
        mentor.open_episodes += 1
        return mentor

    def _episode(
        self, unit, programme, chain, start, *, end, reason, limit, intake, created_by, note=""
    ) -> _EpisodePlan:
        """Clamp the episode to its contracts, give it mentors (respecting caseloads for open ones),
        split it where the contract or the mentor changed, and write its event history."""
        rng, today = self.rng, self.today
        last_day = chain[-1].last_day
        continues = False
        if (end is None and today > last_day) or (end and end > last_day):
            end = last_day
            continues = programme == ESF
            reason = "transferred" if continues else "other"
        running_to = today if end is None or end > today else end
        final = chain[1] if len(chain) == 2 and running_to > chain[0].last_day else chain[0]
        mentor = None
        if end is None or end > today:
            mentor = self._free_mentor(final)
            if mentor is None:  # every mentor is full: the episode ended earlier instead
                span = (today - start).days
                end = start + datetime.timedelta(days=rng.randint(min(14, span), span))
                reason = rng.choice(FORCED_END_REASONS)
                running_to = end
                final = chain[1] if len(chain) == 2 and end > chain[0].last_day else chain[0]
            else:
                end = reason = None
        mentor = mentor or rng.choice(final.mentors)

        segments = []
        if final is not chain[0]:
            segments.append(_Segment(start, chain[0].last_day, chain[0], rng.choice(chain[0].mentors)))
            segments.append(_Segment(final.first_day, end, final, mentor))
        else:
            segments.append(_Segment(start, end, final, mentor))
        tail = segments[-1]
        span = (running_to - tail.starts_on).days
        if span > 180 and len(final.mentors) > 1 and rng.random() < 0.1:
            split = tail.starts_on + datetime.timedelta(days=rng.randint(60, span - 30))
            earlier = rng.choice([m for m in final.mentors if m is not mentor])
            segments[-1:] = [
                _Segment(tail.starts_on, split - datetime.timedelta(days=1), final, earlier),
                _Segment(split, end, final, mentor),
            ]
        first_mentor = segments[0].mentor
        if created_by is None:
            created_by = first_mentor.social_worker.user_id
        episode = _EpisodePlan(
            programme=programme,
            started_on=start,
            ended_on=end,
            end_reason=reason,
            limit_on=limit,
            intake_source=intake,
            created_by=created_by,
            segments=segments,
            continues_elsewhere=continues,
            handed_over=final is not chain[0],
        )
        events = episode.events
        events.append(("opened", "", Episode.Status.ACTIVE, created_by, self._at(start, 9, 12), note))
        for before, after in itertools.pairwise(segments):
            if before.contract is not after.contract:
                at = _moment(after.starts_on, 9)
                events.append(
                    (
                        "handed_over",
                        before.contract.number,
                        after.contract.number,
                        self.fund_user_id,
                        at,
                        HANDOVER_NOTE,
                    )
                )
                by = after.contract.coordinator_user_id
                events.append(
                    (
                        "mentor_changed",
                        before.mentor.name,
                        after.mentor.name,
                        by,
                        _moment(after.starts_on, 10),
                        "",
                    )
                )
            else:
                by = after.contract.coordinator_user_id
                events.append(
                    (
                        "mentor_changed",
                        before.mentor.name,
                        after.mentor.name,
                        by,
                        self._at(after.starts_on),
                        "",
                    )
                )
        if end:
            summary = ESF_ENDED_SUMMARY if continues and self.osa else CLOSING_SUMMARIES[reason]
            episode.closing_summary = summary
            by = final.coordinator_user_id if programme == UA else mentor.social_worker.user_id
            events.append(
                ("ended", Episode.Status.ACTIVE, Episode.Status.ENDED, by, _moment(end, 17), summary)
            )
        unit.episodes.append(episode)
        return episode

    # --- Plans, visits ----------------------------------------------------------------------------

    def _areas(self, programme, count, *, children: bool) -> list:
        weights = dict(GOAL_AREA_WEIGHTS[UA if programme == UA else "AS"])
        if not children:
            weights.pop("education")
        chosen = []
        while len(chosen) < min(count, len(weights)):
            area = self._pick(weights)
            weights.pop(area)
            chosen.append(area)
        return chosen

    def _segment_on(self, episode, day) -> _Segment:
        for segment in episode.segments:
            if segment.ends_on is None or day <= segment.ends_on:
                return segment
        return episode.segments[-1]

    def _plan_versions(self, unit, episode) -> list:
        """[(InclusionPlan, [PlanGoal])], oldest first; plan and goal rows wait for their keys."""
        rng, today = self.rng, self.today
        horizon = min(episode.ended_on or today, today)
        dates = [min(horizon, episode.started_on + datetime.timedelta(days=rng.randint(3, 21)))]
        if episode.programme != UA and (horizon - dates[0]).days > 120 and rng.random() < 0.3:
            dates.append(
                dates[0] + datetime.timedelta(days=rng.randint(60, min(240, (horizon - dates[0]).days)))
            )
        children = len(unit.people) > 1
        versions = []
        for number, drawn_on in enumerate(dates, 1):
            current = number == len(dates)
            until = horizon if current else dates[number]
            segment = self._segment_on(episode, drawn_on)
            author = (
                segment.mentor.user_id if episode.programme == UA else segment.mentor.social_worker.user_id
            )
            at = self._at(drawn_on, 10, 17)
            plan = InclusionPlan(
                version=number,
                is_current=current,
                drawn_up_by_id=author,
                episode_id=episode.pk,
                created_at=at,
                updated_at=at,
            )
            goals = []
            count = rng.randint(1, 3) if episode.programme == UA else rng.randint(2, 5)
            for area in self._areas(episode.programme, count, children=children):
                status, achieved_on = self._goal_status(drawn_on, until, current, episode)
                if episode.programme == UA:
                    target = min(episode.limit_on, drawn_on + datetime.timedelta(days=rng.randint(14, 50)))
                else:
                    target = drawn_on + datetime.timedelta(days=rng.randint(30, 270))
                goals.append(
                    PlanGoal(
                        area_id=self.goal_areas[area],
                        description=rng.choice(GOAL_TEXTS[area]),
                        target_on=target,
                        status=status,
                        achieved_on=achieved_on,
                        created_at=at,
                        updated_at=at,
                    )
                )
            versions.append((drawn_on, plan, goals))
        return versions

    def _goal_status(self, since, until, current, episode):
        rng = self.rng
        if not current:
            status = rng.choices(("achieved", "dropped", "in_progress"), (40, 15, 45))[0]
        elif episode.end_reason == "plan_achieved":
            status = rng.choices(("achieved", "dropped"), (90, 10))[0]
        elif episode.ended_on:
            status = rng.choices(("achieved", "in_progress", "planned", "dropped"), (30, 40, 15, 15))[0]
        else:
            status = rng.choices(("achieved", "in_progress", "planned"), (25, 50, 25))[0]
        return status, (self._day_between(since, until) if status == "achieved" else None)

    def _visits(self, unit, episode, versions, rows: _Rows):
        rng, today = self.rng, self.today
        start = episode.started_on
        last = min(episode.ended_on or today, today)
        if episode.limit_on:
            last = min(last, episode.limit_on)
        days = (last - start).days
        if days < 0:
            return
        if episode.programme == UA:
            count = round(rng.uniform(*UA_VISITS_PER_60_DAYS) * (days + 1) / 60)
        else:
            count = round(rng.uniform(*AS_VISITS_PER_MONTH) * (days + 1) / 30.4)
        count = max(1, min(count, days + 1))
        offsets = [0, *sorted(rng.sample(range(1, days + 1), count - 1))]
        group = UA if episode.programme == UA else "AS"
        codes = [c for c in ACTIVITY_WEIGHTS[group] if c in self.activities]
        if len(unit.people) == 1 or all(p.relation == "spouse" for p in unit.people[1:]):
            codes.remove("school_enrolment")
        activity_ids = [self.activities[c] for c in codes]
        activity_cum = _cumulative(ACTIVITY_WEIGHTS[group][c] for c in codes)
        places = PLACE_WEIGHTS["centre" if unit.at_centre else "home"]
        place_names, place_cum = list(places), _cumulative(places.values())
        head = unit.head.pk
        others = [(p.pk, 0.6 if p.relation == "spouse" else 0.75) for p in unit.people[1:]]
        interpreter = 0.5 if unit.head.preferred_language not in ("lv", "ru", "uk", "en") else 0.02
        needs_assessment = self.activities["needs_assessment"]
        segments = iter(episode.segments)
        segment = next(segments)
        for offset in offsets:
            day = start + datetime.timedelta(days=offset)
            while segment.ends_on is not None and day > segment.ends_on:
                segment = next(segments)
            place = rng.choices(place_names, cum_weights=place_cum)[0]
            logged_by = segment.mentor.user_id
            if group == "AS" and rng.random() < 0.12:
                logged_by = segment.mentor.social_worker.user_id
            at = _moment(day, rng.randint(15, 21), rng.choice((0, 15, 30, 45)))
            index = self.next_visit_id
            self.next_visit_id += 1
            rows.visits.append(
                (
                    index,
                    episode.pk,
                    segment.contract.pk,
                    day,
                    rng.choice(MINUTES.get(place, MINUTES["default"])),
                    place,
                    rng.random() < interpreter,
                    rng.choice(VISIT_NOTES) if rng.random() < 0.3 else "",
                    logged_by,
                    at,
                    at,
                )
            )
            chosen = {needs_assessment} if offset == 0 else set()
            for activity in rng.choices(
                activity_ids, cum_weights=activity_cum, k=rng.choice((1, 1, 2, 2, 3))
            ):
                chosen.add(activity)
            rows.visit_activities.extend((index, activity) for activity in sorted(chosen))
            rows.attendance.append((index, head))
            if others and place not in ("phone", "online") and rng.random() < 0.45:
                rows.attendance.extend((index, pk) for pk, chance in others if rng.random() < chance)
            if versions and day >= versions[0][0] and rng.random() < 0.35:
                goals = [goals for drawn_on, _plan, goals in versions if drawn_on <= day][-1]
                if goals:
                    rows.visit_goals.append((index, rng.choice(goals).pk))

    # --- Writing a chunk --------------------------------------------------------------------------

    def write(self, units: list):
        self._write_clients(units)
        self._write_episodes(units)
        self._write_referrals(units)
        self._write_plans_and_visits(units)

    def _write_clients(self, units):
        households = {}
        for unit in units:
            if len(unit.people) > 1:
                at = _moment(unit.registered_on, 10)
                households[id(unit)] = Household(created_at=at, updated_at=at)
        Household.objects.bulk_create(households.values(), batch_size=BATCH_SIZE)
        clients, people = [], []
        for unit in units:
            at = _moment(unit.registered_on, 10)
            household = households.get(id(unit))
            for person in unit.people:
                if person.personal_code == "" and (
                    (unit.group == "UA" and self.rng.random() < 0.65)
                    or (unit.granted_on and self.rng.random() < 0.7)
                ):
                    person.personal_code = self._personal_code()
                given, family, given_original, family_original = person.names
                client = Client(
                    given_name=given,
                    family_name=family,
                    given_name_original=given_original,
                    family_name_original=family_original,
                    date_of_birth=person.date_of_birth,
                    sex=person.sex,
                    citizenship=person.country,
                    preferred_language_id=self.languages.get(person.preferred_language),
                    phone=person.phone,
                    personal_code=person.personal_code,
                    id_document=person.id_document,
                    residence_municipality_id=unit.municipality_id,
                    accommodation_centre_id=unit.centre_id,
                    household_id=household.pk if household else None,
                    household_relation=person.relation if household else "",
                    legal_status_id=self.statuses[unit.legal_status],
                    status_granted_on=unit.granted_on,
                    registered_by_id=unit.registered_by,
                    registered_by_provider_id=unit.registered_by_provider_id,
                    created_at=at,
                    updated_at=at,
                )
                if self.name_key:
                    client.name_key = self.name_key(client)
                clients.append(client)
                people.append(person)
        Client.objects.bulk_create(clients, batch_size=BATCH_SIZE)
        for person, client in zip(people, clients, strict=True):
            person.pk = client.pk
        spoken = Client.languages.through
        spoken.objects.bulk_create(
            [
                spoken(client_id=person.pk, spokenlanguage_id=self.languages[code])
                for person in people
                for code in person.languages
                if code in self.languages
            ],
            batch_size=BATCH_SIZE,
        )
        records, consents = [], []
        for unit in units:
            for person in unit.people:
                for status, decided_on, by, recorded_on in unit.status_history:
                    records.append(
                        LegalStatusRecord(
                            client_id=person.pk,
                            status_id=self.statuses[status],
                            decided_on=decided_on,
                            recorded_by_id=by,
                            recorded_at=_moment(recorded_on, 11),
                        )
                    )
                # Adults consent for themselves; a parent consents for the children on the same day.
                consents.append(
                    Consent(
                        client_id=person.pk,
                        given_on=unit.registered_on,
                        scope=unit.consent_scope,
                        recorded_by_id=unit.registered_by,
                        recorded_at=_moment(unit.registered_on, 11),
                        withdrawn_on=unit.consent_withdrawn_on,
                    )
                )
        LegalStatusRecord.objects.bulk_create(records, batch_size=BATCH_SIZE)
        Consent.objects.bulk_create(consents, batch_size=BATCH_SIZE)
        self.summary["clients"] += len(clients)
        self.summary["households"] += len(households)

    def _write_episodes(self, units):
        plans, episodes = [], []
        for unit in units:
            for plan in unit.episodes:
                tail = plan.segments[-1]
                closed = plan.ended_on is not None
                touched = plan.events[-1][4]
                episodes.append(
                    Episode(
                        client_id=unit.head.pk,
                        programme_id=self.programmes[plan.programme].pk,
                        contract_id=tail.contract.pk,
                        mentor_id=tail.mentor.pk,
                        social_worker_id=tail.mentor.social_worker.pk if plan.programme != UA else None,
                        intake_source=plan.intake_source,
                        status=Episode.Status.ENDED if closed else Episode.Status.ACTIVE,
                        started_on=plan.started_on,
                        ended_on=plan.ended_on,
                        end_reason_id=self.end_reasons[plan.end_reason] if closed else None,
                        closing_summary=plan.closing_summary,
                        limit_on=plan.limit_on,
                        created_by_id=plan.created_by,
                        created_at=plan.events[0][4],
                        updated_at=touched,
                    )
                )
                plans.append(plan)
        Episode.objects.bulk_create(episodes, batch_size=BATCH_SIZE)
        events, extensions, handed_over, history = [], [], [], []
        for plan, episode in zip(plans, episodes, strict=True):
            plan.pk = episode.pk
            history += _contract_history(episode.pk, plan)
            for kind, before, after, by, at, note in plan.events:
                events.append(
                    EpisodeEvent(
                        episode_id=episode.pk,
                        kind=kind,
                        from_value=before,
                        to_value=after,
                        by_id=by,
                        at=at,
                        note=note,
                    )
                )
            if plan.extension:
                length, reason, requested_by, approved_by, approved_on = plan.extension
                extensions.append(
                    EpisodeExtension(
                        episode_id=episode.pk,
                        length=length,
                        reason=reason,
                        requested_by_id=requested_by,
                        approved_by_id=approved_by,
                        approved_on=approved_on,
                        created_at=_moment(approved_on, 12),
                    )
                )
            if plan.handed_over and self.handover:
                handed_over.append(
                    Handover.episodes.through(handover_id=self.handover.pk, episode_id=episode.pk)
                )
        EpisodeEvent.objects.bulk_create(events, batch_size=BATCH_SIZE)
        EpisodeContract.objects.bulk_create(history, batch_size=BATCH_SIZE)
        EpisodeExtension.objects.bulk_create(extensions, batch_size=BATCH_SIZE)
        Handover.episodes.through.objects.bulk_create(handed_over, batch_size=BATCH_SIZE)
        self.summary["episodes"] += len(episodes)

    def _write_referrals(self, units):
        plans, referrals = [], []
        for unit in units:
            for plan in unit.referrals:
                referrals.append(
                    Referral(
                        client_id=unit.head.pk,
                        programme_id=self.programmes[plan.contract.programme].pk,
                        municipality_id=plan.municipality_id,
                        provider_id=plan.contract.provider_id,
                        contract_id=plan.contract.pk,
                        filed_by_id=plan.filed_by,
                        status=plan.status,
                        needs_text=plan.needs_text,
                        urgency=plan.urgency,
                        contact_language_id=self.languages.get(unit.head.preferred_language),
                        notes_for_provider=plan.notes_for_provider,
                        submitted_at=plan.submitted_at,
                        decided_at=plan.decided_at,
                        decided_by_id=plan.decided_by,
                        return_reason=plan.return_reason,
                        episode_id=plan.episode.pk if plan.episode else None,
                        created_at=plan.submitted_at,
                        updated_at=plan.events[-1][3],
                    )
                )
                plans.append(plan)
        Referral.objects.bulk_create(referrals, batch_size=BATCH_SIZE)
        events, needs = [], []
        needs_model = Referral.needs_areas.through
        for plan, referral in zip(plans, referrals, strict=True):
            for before, after, by, at, note in plan.events:
                events.append(
                    ReferralEvent(
                        referral_id=referral.pk,
                        from_status=before,
                        to_status=after,
                        by_id=by,
                        at=at,
                        note=note,
                    )
                )
            needs.extend(
                needs_model(referral_id=referral.pk, goalarea_id=self.goal_areas[a]) for a in plan.needs_areas
            )
        ReferralEvent.objects.bulk_create(events, batch_size=BATCH_SIZE)
        needs_model.objects.bulk_create(needs, batch_size=BATCH_SIZE)
        self.summary["referrals"] += len(referrals)

    def _write_plans_and_visits(self, units):
        versions_of = {}
        plans, goals = [], []
        for unit in units:
            for episode in unit.episodes:
                if episode.with_plan:
                    versions = self._plan_versions(unit, episode)
                    versions_of[id(episode)] = versions
                    for _drawn_on, plan, plan_goals in versions:
                        plans.append(plan)
                        goals.append((plan, plan_goals))
        InclusionPlan.objects.bulk_create(plans, batch_size=BATCH_SIZE)
        goal_rows = []
        for plan, plan_goals in goals:
            for goal in plan_goals:
                goal.plan_id = plan.pk
                goal_rows.append(goal)
        PlanGoal.objects.bulk_create(goal_rows, batch_size=BATCH_SIZE)

        rows = _Rows()
        for unit in units:
            for episode in unit.episodes:
                self._visits(unit, episode, versions_of.get(id(episode), []), rows)
        self.visit_table.write(rows.visits)
        self.visit_activity_table.write(rows.visit_activities)
        self.visit_goal_table.write(rows.visit_goals)
        self.attendance_table.write(rows.attendance)
        self.summary["visits"] += len(rows.visits)

    def finish_visits(self):
        """Move the visit id sequence past the ids given here (PostgreSQL; SQLite keeps up itself)."""
        connection = self.visit_table.connection
        statements = connection.ops.sequence_reset_sql(no_style(), [Visit])
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    # --- Payment statements -----------------------------------------------------------------------

    def lock_statement_months(self):
        """Lock every month of the contracts that have ended and, for running ones, every month whose
        statement is older than two months, each with its payment frozen (from the served months
        table, built first) and an event by the fund."""
        rng, today = self.rng, self.today
        cutoff = add_months(today, -2)
        months, locked_at = [], []
        for contract in sorted(self.contracts.values(), key=lambda c: c.pk):
            month = contract.first_day.replace(day=1)
            while month <= min(contract.last_day, today):
                month_end = add_months(month, 1) - datetime.timedelta(days=1)
                if contract.last_day < today or month_end < cutoff:
                    day = min(today, month_end + datetime.timedelta(days=rng.randint(8, 20)))
                    at = self._at(day, 10, 16)
                    months.append(
                        ContractMonth(
                            contract_id=contract.pk,
                            month=month,
                            status=ContractMonth.Status.LOCKED,
                            created_at=at,
                            updated_at=at,
                        )
                    )
                    locked_at.append(at)
                month = add_months(month, 1)
        shares = payments_freeze(months)
        ContractMonth.objects.bulk_create(months, batch_size=BATCH_SIZE)
        ContractMonthShare.objects.bulk_create(shares, batch_size=BATCH_SIZE)
        ContractMonthEvent.objects.bulk_create(
            [
                ContractMonthEvent(
                    contract_month_id=month.pk,
                    from_status=ContractMonth.Status.OPEN,
                    to_status=ContractMonth.Status.LOCKED,
                    by_id=self.fund_user_id,
                    at=at,
                    note=LOCK_NOTE,
                    served=month.served,
                    rate_eur=month.rate_eur,
                    payable_eur=month.payable_eur,
                )
                for month, at in zip(months, locked_at, strict=True)
            ],
            batch_size=BATCH_SIZE,
        )
        self.summary["locked_months"] = len(months)


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
    PlanGoal,
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
        generator = _CaseGenerator(rng, today=today)
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
        generator.lock_statement_months()
    return generator.summary


DEMO_LOGINS = [
    ("admin", "administrator"),
    ("fund", "fund staff"),
    ("riga-sw1", "municipal social worker, Rīga"),
    ("ropazu-sw1", "municipal social worker, Ropažu novads"),
    ("domus-coordinator", "coordinator, DOMUS (UA-MENTOR, Rīga region)"),
    ("domus-mentor1", "social mentor, DOMUS"),
    ("osa-coordinator", "coordinator, One-Stop Agency (AS-OSA)"),
    ("osa-sw1", "provider social worker, One-Stop Agency"),
    ("osa-mentor1", "social mentor, One-Stop Agency"),
    ("caritas-coordinator", "coordinator, Caritas (AS-ESF 2022-23, UA-MENTOR Latgale)"),
]
