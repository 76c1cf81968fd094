"""The demo organisations: providers and their contract history, teams, provider staff, municipal
social workers and fund staff, and the demo logins."""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.translation import gettext_lazy

from mentors.models import (
    Contract,
    FundStaff,
    Programme,
    Provider,
    ProviderStaff,
    SpokenLanguage,
    Team,
)
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

# Staff names: given names by sex, and Latvian family names as (male form, female form), since a
# Latvian surname agrees with the person's sex (Bērziņš, Bērziņa).
STAFF_FEMALE = (
    "Anna", "Ilze", "Līga", "Kristīne", "Inese", "Laura", "Dace", "Olga", "Natālija", "Zane", "Elīna",
    "Rūta", "Aija", "Sanita", "Baiba", "Evija", "Agnese", "Ieva", "Marta", "Santa",
)  # fmt: skip
STAFF_MALE = (
    "Jānis", "Andris", "Mārtiņš", "Edgars", "Pēteris", "Gints", "Kārlis", "Raimonds", "Artūrs",
    "Valdis", "Uldis", "Roberts", "Aivars", "Ivars", "Normunds",
)  # fmt: skip
STAFF_FAMILIES = (
    ("Bērziņš", "Bērziņa"), ("Kalniņš", "Kalniņa"), ("Ozols", "Ozola"), ("Liepiņš", "Liepiņa"),
    ("Krūmiņš", "Krūmiņa"), ("Vītols", "Vītola"), ("Jansons", "Jansone"), ("Zariņš", "Zariņa"),
    ("Kļaviņš", "Kļaviņa"), ("Balodis", "Balode"), ("Petrovs", "Petrova"), ("Ivanovs", "Ivanova"),
    ("Siliņš", "Siliņa"), ("Lapiņš", "Lapiņa"), ("Eglītis", "Eglīte"), ("Pētersons", "Pētersone"),
    ("Kalējs", "Kalēja"), ("Grīnbergs", "Grīnberga"), ("Lācis", "Lāce"), ("Vanags", "Vanaga"),
    ("Strazds", "Strazda"), ("Kārkliņš", "Kārkliņa"), ("Briedis", "Briede"), ("Purviņš", "Purviņa"),
    ("Celms", "Celma"), ("Lūsis", "Lūse"), ("Ābols", "Ābola"), ("Rozenbergs", "Rozenberga"),
)  # fmt: skip


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
        self.names_taken: set[tuple[str, str]] = set()

    def _name(self) -> tuple[str, str]:
        """A given and family name no other demo user has, the family name in the person's sex."""
        while True:
            female = self.rng.random() < 0.7  # most social workers and mentors are women
            given = self.rng.choice(STAFF_FEMALE if female else STAFF_MALE)
            family = self.rng.choice(STAFF_FAMILIES)[1 if female else 0]
            if (given, family) not in self.names_taken:
                self.names_taken.add((given, family))
                return given, family

    def create(self, username: str, *, superuser: bool = False):
        first_name, last_name = self._name()
        return self.model.objects.create(
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=f"{username}@demo.atbalsts.lv",
            password=self.password,
            is_staff=superuser,
            is_superuser=superuser,
        )


@transaction.atomic
def generate_organisations(rng: random.Random, *, today: datetime.date | None = None) -> None:
    """Providers, the contract history, teams and staff, municipal social workers, fund staff, admin.
    The social workers and mentors hired for a contract that ended before `today` have left: their
    staff rows and accounts stay (the history names them) but are no longer active."""
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
    FundStaff.objects.create(
        user=users.create("dpo"),
        job_title="Datu aizsardzības speciālists",
        kind=FundStaff.Kind.DATA_PROTECTION_OFFICER,
    )
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
        hired = _staff_provider(rng, users, providers[row.provider], row, languages, staffed)
        if today is not None and contract.last_day < today:
            ProviderStaff.objects.filter(pk__in=hired).update(is_active=False)
            users.model.objects.filter(provider_staff__pk__in=hired).update(is_active=False)


def _staff_provider(rng, users, provider, row: ContractRow, languages, staffed: set) -> list[int]:
    """A coordinator, the contracted social workers and mentors, one team per social worker; returns
    the keys of the social workers and mentors hired for the contract."""
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
    teams, hired = [], []
    for n in range(existing_sw + 1, existing_sw + max(row.social_workers, 1) + 1):
        social_worker = ProviderStaff.objects.create(
            user=users.create(f"{slug}-sw{n}"), provider=provider, role=ProviderStaff.Role.SOCIAL_WORKER
        )
        teams.append(
            Team.objects.create(provider=provider, name=f"{provider.code} {n}", social_worker=social_worker)
        )
        hired.append(social_worker.pk)
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
        hired.append(mentor.pk)
    return hired


# Who each demo login is (`manage.py demo_logins`): the role, in the reader's language, and where.
DEMO_LOGINS = [
    ("admin", gettext_lazy("administrator"), ""),
    ("fund", gettext_lazy("fund staff"), ""),
    ("dpo", gettext_lazy("data protection officer"), gettext_lazy("the change and read log")),
    ("riga-sw1", gettext_lazy("municipal social worker"), "Rīga"),
    ("ropazu-sw1", gettext_lazy("municipal social worker"), "Ropažu novads"),
    ("domus-coordinator", gettext_lazy("coordinator"), gettext_lazy("DOMUS (UA-MENTOR, Rīga region)")),
    ("domus-mentor1", gettext_lazy("social mentor"), "DOMUS"),
    ("osa-coordinator", gettext_lazy("coordinator"), "One-Stop Agency (AS-OSA)"),
    ("osa-sw1", gettext_lazy("provider social worker"), "One-Stop Agency"),
    ("osa-mentor1", gettext_lazy("social mentor"), "One-Stop Agency"),
    ("caritas-coordinator", gettext_lazy("coordinator"), "Caritas (AS-ESF 2022-23, UA-MENTOR Latgale)"),
]
