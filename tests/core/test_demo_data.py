"""generate_demo_data builds DOMAIN.md's contract history exactly and a believable case load."""

import datetime
import hashlib
import io
import random
import re
from collections import Counter
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import translation

from cases.demo.contacts import LOCALITIES
from cases.demo.names import BELARUSIAN, CHECHEN, RUSSIAN, UKRAINIAN
from cases.demo.organisations import STAFF_FAMILIES, STAFF_MALE
from cases.models import (
    Client,
    Episode,
    EpisodeContract,
    EpisodeEvent,
    Handover,
    InclusionPlan,
    PlanGoal,
    Referral,
    ServedMonth,
    Visit,
    VisitAttendance,
)
from cases.selectors import referral_overdue_before
from cases.services.visit_months import first_visits_differences
from mentors.access import role_for
from mentors.models import (
    Contract,
    ContractMonth,
    ContractMonthEvent,
    ContractMonthShare,
    FundStaff,
    ProviderStaff,
)
from municipalities.models import Municipality, MunicipalStaff
from notifications.kinds import Kind
from notifications.models import EmailDelivery, Notification


@pytest.mark.django_db
def test_organisations_only():
    call_command("generate_demo_data", clients=0, seed=3, verbosity=0)
    assert Contract.objects.count() == 10
    lsk = Contract.objects.get(provider__code="LSK")
    assert (lsk.programme.code, lsk.starts_on, lsk.terminated_on, lsk.rate_eur) == (
        "AS-ESF",
        datetime.date(2016, 11, 1),
        datetime.date(2022, 1, 31),
        Decimal("60.00"),
    )
    caritas = Contract.objects.get(provider__code="CARITAS", programme__code="AS-ESF")
    assert (caritas.starts_on, caritas.ends_on, caritas.monthly_capacity) == (
        datetime.date(2022, 2, 1),
        datetime.date(2023, 11, 30),
        360,
    )
    osa = Contract.objects.get(provider__code="OSA")
    assert (osa.rate_eur, osa.monthly_capacity, osa.value_eur) == (
        Decimal("55.00"),
        300,
        Decimal("750000.00"),
    )
    ua = Contract.objects.filter(programme__code="UA-MENTOR")
    assert ua.count() == 7
    # Every municipality is covered by exactly one UA-MENTOR contract.
    for municipality in Municipality.objects.all():
        assert ua.filter(municipalities=municipality).count() == 1, municipality.code
    assert ProviderStaff.objects.filter(provider__code="CARITAS", role="mentor").count() == 18 + 7
    assert ProviderStaff.objects.filter(provider__code="OSA", role="social_worker").count() == 5
    assert FundStaff.objects.filter(kind=FundStaff.Kind.STAFF).exists()
    assert role_for(FundStaff.objects.get(user__username="dpo").user).is_data_protection_officer
    assert MunicipalStaff.objects.filter(municipality__code="Rīga").exists()


@pytest.mark.django_db
def test_refuses_a_non_empty_database_and_bad_arguments():
    call_command("generate_demo_data", clients=0, verbosity=0)
    with pytest.raises(CommandError):
        call_command("generate_demo_data", clients=0, verbosity=0)
    call_command("generate_demo_data", clients=0, if_empty=True, verbosity=0)
    assert Contract.objects.count() == 10
    with pytest.raises(CommandError):
        call_command("generate_demo_data", clients=-1, verbosity=0)


# --- Case data (clients, referrals, episodes, plans, visits) ----------------------------------------

TODAY = datetime.date(2026, 11, 23)


def _generate(seed: int = 5) -> None:
    call_command("generate_demo_data", clients=300, seed=seed, today=TODAY.isoformat(), verbosity=0)


@pytest.fixture(scope="class")
def demo_cases(django_db_setup, django_db_blocker):
    """One 300-client data set for the read-only tests of the class, rolled back after them, so
    that every other test still starts from the migrations' reference data only."""
    with django_db_blocker.unblock(), transaction.atomic():
        _generate()
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_cases")
class TestCaseData:
    def test_exactly_the_clients_asked_for(self):
        assert Client.objects.count() == 300

    def test_referrals_in_every_status_with_their_history(self):
        statuses = Counter(Referral.objects.values_list("status", flat=True))
        assert set(statuses) == {"submitted", "accepted", "returned", "withdrawn"}
        overdue_before = referral_overdue_before(TODAY)  # 17 November: the 18th is a holiday
        waiting = Referral.objects.filter(status="submitted")
        assert waiting.filter(submitted_at__lt=overdue_before).exists()
        assert waiting.filter(submitted_at__gte=overdue_before).exists()
        for referral in Referral.objects.prefetch_related("events"):
            events = list(referral.events.all())
            assert events[0].to_status == "submitted" and events[-1].to_status == referral.status
            assert [e.at for e in events] == sorted(e.at for e in events)
            assert (referral.status == "accepted") == (referral.episode_id is not None)
            if referral.status == "returned":
                assert referral.return_reason
        # Filed by a social worker of the referring municipality, routed to the contract covering it.
        assert not Referral.objects.exclude(
            filed_by__municipal_staff__municipality=F("municipality")
        ).exists()
        assert not Referral.objects.exclude(contract__municipalities=F("municipality")).exists()

    def test_episodes_active_and_ended_across_the_contract_history(self):
        episodes = Episode.objects.all()
        for code in ("UA-MENTOR", "AS-OSA"):
            assert episodes.filter(programme__code=code, status="active").exists(), code
        assert not episodes.filter(programme__code="AS-ESF", status="active").exists()
        reasons = set(episodes.filter(status="ended").values_list("end_reason__code", flat=True))
        assert len(reasons) >= 6
        assert episodes.filter(programme__code="AS-ESF", end_reason__code="left_country").exists()
        providers = set(episodes.values_list("programme__code", "contract__provider__code"))
        assert {("AS-ESF", "LSK"), ("AS-ESF", "CARITAS"), ("AS-OSA", "OSA")} <= providers
        assert episodes.filter(programme__code="AS-OSA", extensions__isnull=False).exists()
        # Every AS episode has an inclusion plan; some plans were revised.
        assert not episodes.exclude(programme__code="UA-MENTOR").filter(plans__isnull=True).exists()
        assert InclusionPlan.objects.filter(version=2, is_current=True).exists()
        # Mentors of the episode's provider, never above their caseload with open episodes.
        assert not episodes.exclude(mentor__provider=F("contract__provider")).exists()
        open_counts = episodes.filter(status="active").values("mentor").annotate(n=Count("id"))
        caseload = dict(ProviderStaff.objects.values_list("pk", "max_caseload"))
        assert all(row["n"] <= caseload[row["mentor"]] for row in open_counts)

    def test_an_episode_opens_in_its_history_as_the_service_records_it(self):
        """As `episode_open` writes it: the opening event names the contract the episode opened under
        (not the raw status code `active`)."""
        first_contracts = {
            row.episode_id: str(row.contract)
            for row in EpisodeContract.objects.select_related(
                "contract__provider", "contract__programme"
            ).order_by("episode_id", "-from_on")
        }
        opened = EpisodeEvent.objects.filter(kind=EpisodeEvent.Kind.OPENED)
        assert opened.count() == Episode.objects.count()
        for episode_id, to_value in opened.values_list("episode_id", "to_value"):
            assert to_value == first_contracts[episode_id]

    def test_lsk_cases_were_handed_over_to_caritas(self):
        handover = Handover.objects.get()
        assert (handover.from_contract.provider.code, handover.to_contract.provider.code) == (
            "LSK",
            "CARITAS",
        )
        moved = handover.episodes.all()
        assert moved.exists()
        assert not moved.exclude(contract=handover.to_contract).exists()
        visits = Visit.objects.filter(episode__in=moved)
        assert visits.filter(visited_on__lt=datetime.date(2022, 2, 1)).exists()
        assert (
            not visits.filter(visited_on__lt=datetime.date(2022, 2, 1))
            .exclude(contract=handover.from_contract)
            .exists()
        )
        assert (
            not visits.filter(visited_on__gte=datetime.date(2022, 2, 1))
            .exclude(contract=handover.to_contract)
            .exists()
        )

    def test_no_visit_outside_its_episode_or_its_limit(self):
        assert Visit.objects.count() > 1000
        outside = Visit.objects.filter(
            Q(visited_on__lt=F("episode__started_on"))
            | Q(visited_on__gt=F("episode__ended_on"))
            | Q(visited_on__gt=F("episode__limit_on"))
            | Q(visited_on__gt=TODAY)
        )
        assert not outside.exists()
        assert not Visit.objects.filter(attendance__isnull=True).exists()
        assert (
            not VisitAttendance.objects.exclude(client=F("visit__episode__client"))
            .exclude(client__household=F("visit__episode__client__household"))
            .exists()
        )

    def test_accepted_referrals_know_their_first_visit(self):
        """The referral figures count the days to `Referral.first_visit_on`: written for the demo data too."""
        assert first_visits_differences() == []
        accepted = Referral.objects.filter(status="accepted")
        assert accepted.filter(first_visit_on__isnull=False).count() > accepted.count() / 2
        assert not Referral.objects.exclude(status="accepted").filter(first_visit_on__isnull=False).exists()

    def test_every_visit_is_paid_under_a_contract_of_its_programme_in_force_that_day(self):
        assert not Visit.objects.exclude(contract__programme=F("episode__programme")).exists()
        outside = Visit.objects.filter(
            Q(visited_on__lt=F("contract__starts_on"))
            | Q(visited_on__gt=F("contract__ends_on"))
            | Q(visited_on__gt=F("contract__terminated_on"))
        )
        assert not outside.exists()

    def test_clients_look_like_the_people_served(self):
        clients = list(Client.objects.values("date_of_birth", "created_at", "citizenship"))
        children = sum(1 for c in clients if c["date_of_birth"] > _years_before(c["created_at"].date(), 18))
        assert 0.25 <= children / len(clients) <= 0.45
        assert Client.objects.values("citizenship").distinct().count() >= 15
        ua_mentor = Client.objects.filter(episodes__programme__code="UA-MENTOR")
        assert Counter(ua_mentor.values_list("citizenship", flat=True)).most_common(1)[0][0] == "UA"
        ukrainian = Client.objects.filter(citizenship="UA").first()
        assert ukrainian.given_name_original and ukrainian.given_name != ukrainian.given_name_original
        families = Client.objects.filter(
            household_relation="child", household__members__household_relation="head"
        )
        assert families.exists()
        assert Client.objects.filter(accommodation_centre__code="MUCENIEKI").exists()
        assert not Client.objects.filter(status_history__isnull=True).exists()
        assert not Client.objects.filter(consents__isnull=True).exists()

    def test_clients_are_served_in_every_recent_month(self):
        served = dict(
            VisitAttendance.objects.filter(visit__visited_on__gte=datetime.date(2026, 6, 1))
            .annotate(month=TruncMonth("visit__visited_on"))
            .values("month")
            .annotate(clients=Count("client", distinct=True))
            .values_list("month", "clients")
        )
        for month in range(6, 12):
            assert served.get(datetime.date(2026, month, 1), 0) > 0, month

    def test_statement_months_are_locked_once_past(self):
        locked = ContractMonth.objects.filter(status="locked")
        lsk = Contract.objects.get(provider__code="LSK")
        assert locked.filter(contract=lsk).count() == 63  # November 2016 to January 2022
        osa = locked.filter(contract__provider__code="OSA").values_list("month", flat=True)
        assert max(osa) == datetime.date(2026, 8, 1)
        assert not locked.filter(events__isnull=True).exists()
        assert not ContractMonthEvent.objects.exclude(by__fund_staff__isnull=False).exists()

    def test_locked_months_keep_the_payment_they_were_approved_with(self):
        served = {
            (row["contract_id"], row["month"]): row["n"]
            for row in ServedMonth.objects.values("contract_id", "month").annotate(n=Count("client_id"))
        }
        locked = ContractMonth.objects.filter(status="locked").select_related("contract")
        for month in locked.prefetch_related("shares__source"):
            assert month.served == served.get((month.contract_id, month.month), 0)
            assert month.payable_eur == month.served * month.contract.rate_eur
            assert sum(share.amount_eur for share in month.shares.all()) == month.payable_eur
        assert sum(month.served for month in locked) > 0
        osa = ContractMonthShare.objects.filter(contract_month__contract__provider__code="OSA")
        assert set(osa.values_list("source__code", flat=True)) == {"ESF_PLUS", "STATE"}
        lock_events = ContractMonthEvent.objects.filter(to_status="locked")
        assert not lock_events.exclude(payable_eur=F("contract_month__payable_eur")).exists()

    def test_open_episodes_have_planned_contacts_overdue_today_and_ahead(self):
        open_episodes = Episode.objects.filter(status=Episode.Status.ACTIVE)
        assert open_episodes.filter(next_contact_on__lt=TODAY).exists()
        assert open_episodes.filter(next_contact_on=TODAY, next_contact_at__isnull=False).exists()
        assert open_episodes.filter(next_contact_on__gt=TODAY).count() > open_episodes.count() / 3
        assert not Episode.objects.filter(status=Episode.Status.ENDED, next_contact_on__isnull=False).exists()

    def test_demo_users_have_notifications_and_no_e_mails_waiting(self):
        kinds = set(Notification.objects.values_list("kind", flat=True))
        assert {
            Kind.REFERRAL_SUBMITTED,
            Kind.REFERRAL_ACCEPTED,
            Kind.CLIENT_ASSIGNED,
            Kind.CASELOAD_DUE,
        } <= kinds
        unread = Notification.objects.filter(read_at__isnull=True)
        assert unread.filter(recipient__username__endswith="-coordinator").exists()
        assert unread.filter(recipient__username__contains="-mentor").exists()
        assert Notification.objects.filter(read_at__isnull=False).exists()
        assert not EmailDelivery.objects.exists()  # `make run` prints only what happens after it starts

    def test_clients_live_at_addresses_in_their_municipality(self):
        at_home = Client.objects.filter(accommodation_centre__isnull=True)
        assert not at_home.filter(street_address="").exists()
        riga = at_home.filter(residence_municipality__code="Rīga")
        assert set(riga.values_list("locality", flat=True)) == {"Rīga"}
        assert (
            set(riga.values_list("street_address", flat=True)) & {"Brīvības iela", "Maskavas iela"} == set()
        )
        assert (
            riga.filter(street_address__startswith="Maskavas iela ").exists()
            or riga.filter(street_address__startswith="Brīvības iela ").exists()
        )
        for code, locality in at_home.exclude(residence_municipality__kind="city").values_list(
            "residence_municipality__code", "locality"
        ):
            assert locality in LOCALITIES[code]
        households = Client.objects.filter(household__isnull=False, accommodation_centre__isnull=True)
        for household in households.values("household_id").annotate(n=Count("street_address", distinct=True)):
            assert household["n"] == 1  # a family lives together


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _fingerprint() -> str:
    """Everything the data set says, without database keys or creation times of the organisations."""
    facts = [
        sorted(Client.objects.values_list("given_name", "family_name", "date_of_birth", "citizenship", "sex")),
        sorted(
            Episode.objects.values_list(
                "client__given_name", "client__family_name", "programme__code", "contract__number",
                "mentor__user__username", "started_on", "ended_on", "end_reason__code", "limit_on",
            )
        ),
        sorted(Referral.objects.values_list("client__family_name", "status", "submitted_at", "municipality__code")),
        sorted(
            Visit.objects.values_list(
                "episode__client__given_name", "episode__client__family_name", "visited_on",
                "contract__number", "duration_minutes", "place",
            )
        ),
        VisitAttendance.objects.count(),
        Visit.activities.through.objects.count(),
        PlanGoal.objects.count(),
        ContractMonth.objects.count(),
    ]  # fmt: skip
    return hashlib.sha256(repr(facts).encode()).hexdigest()


@pytest.mark.django_db
def test_the_same_seed_builds_the_same_data_set():
    with transaction.atomic():
        _generate(seed=7)
        first = _fingerprint()
        transaction.set_rollback(True)
    assert not Client.objects.exists()
    _generate(seed=7)
    assert _fingerprint() == first


# --- Names and caseloads that look real ------------------------------------------------------------

LATIN = re.compile("[A-Za-z]")


@pytest.mark.django_db
def test_staff_names_are_unique_and_latvian_surnames_agree_with_sex():
    call_command("generate_demo_data", clients=0, seed=3, verbosity=0)
    names = list(get_user_model().objects.values_list("first_name", "last_name"))
    assert len(names) == len(set(names)) > 150
    male = {given for given in STAFF_MALE}
    female_forms = {female for _male, female in STAFF_FAMILIES}
    male_forms = {male_form for male_form, _female in STAFF_FAMILIES}
    for given, family in names:
        assert family in (male_forms if given in male else female_forms), (given, family)
    # the two forms of a surname differ, as in Latvian (Bērziņš / Bērziņa, Ozols / Ozola)
    assert ("Bērziņš", "Bērziņa") in STAFF_FAMILIES and ("Ozols", "Ozola") in STAFF_FAMILIES


def test_cyrillic_name_pools_hold_no_latin_letter():
    pools = [pool for pool in (UKRAINIAN, RUSSIAN, CHECHEN, BELARUSIAN)]
    for pool in pools:
        for name in (*pool.female, *pool.male, *(form for family in pool.families for form in family)):
            assert not LATIN.search(name), name
    assert RUSSIAN.person(random.Random(1), "F")[3].endswith("\u0430")


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_cases")
def test_clients_names_in_cyrillic_have_no_latin_letter():
    originals = Client.objects.exclude(family_name_original="").values_list(
        "given_name_original", "family_name_original"
    )
    assert originals
    assert not [name for name in originals if LATIN.search("".join(name))]


@pytest.mark.django_db
def test_default_demo_gives_every_mentor_10_to_25_open_episodes():
    """The `make run` data set (DEMO_CLIENTS in the Makefile): each active mentor's caseload."""
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    clients = int(re.search(r"^DEMO_CLIENTS \?= (\d+)$", makefile, re.MULTILINE).group(1))
    call_command("generate_demo_data", clients=clients, seed=1, today=TODAY.isoformat(), verbosity=0)
    mentors = ProviderStaff.objects.filter(role=ProviderStaff.Role.MENTOR, is_active=True).annotate(
        open=Count("mentored_episodes", filter=Q(mentored_episodes__status=Episode.Status.ACTIVE))
    )
    assert mentors.count() == 7 * 7 + 10  # UA-MENTOR and the One-Stop Agency; the AS-ESF ones left
    assert {m.user.username: m.open for m in mentors if not 10 <= m.open <= 25} == {}
    assert (
        not ProviderStaff.objects.filter(provider__code="LSK", is_active=True)
        .exclude(role=ProviderStaff.Role.COORDINATOR)
        .exists()
    )
    assert not get_user_model().objects.get(username="lsk-mentor1").is_active  # left with the contract


@pytest.mark.parametrize(
    ("language", "fund", "officer"),
    [
        ("lv", "fonda darbinieki", "datu aizsardzības speciālists, izmaiņu un skatījumu žurnāls"),
        ("uk", "працівники фонду", "журнал змін і переглядів"),
        ("ru", "сотрудники фонда", "журнал изменений и просмотров"),
    ],
)
def test_the_demo_logins_say_who_each_is_in_the_readers_language(db, language, fund, officer):
    for username in ("fund", "dpo"):
        get_user_model().objects.create_user(username)
    out = io.StringIO()
    with translation.override(language):
        call_command("demo_logins", stdout=out)
    printed = out.getvalue()
    assert fund in printed and officer in printed
    assert "fund staff" not in printed and "read log" not in printed
    assert "riga-sw1" not in printed  # only the logins the database has
