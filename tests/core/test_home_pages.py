"""Each role's home page answers its first question (issue 12): fund staff see this month's figures
per programme (the reporting querysets' numbers), the statements waiting for approval with a filter
and bulk approval after a confirmation, and the early warnings; coordinators their inbox and team;
mentors today's list; municipal social workers their referrals; the data protection officer and the
administrator their own work."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format

from cases.models import Episode
from cases.rules.limits import add_months
from mentors.models import ContractMonth
from notifications.kinds import Kind
from notifications.models import Notification
from reporting import notices as fund_notices
from reporting.home import fund_home_contents
from reporting.periods import month_start
from reporting.statements import statements_awaiting_approval
from tests import factories as f
from tests.cases.episode_support import lock_month, log_in

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def _last_month():
    return add_months(month_start(_today()), -1)


@pytest.fixture
def served(provider_x, provider_y):
    """Two clients of X and one of Y seen this month; one of X also seen last month."""
    today = _today()
    episodes = []
    for cast, days in ((provider_x, 40), (provider_x, 3), (provider_y, 3)):
        episode = f.EpisodeFactory(
            contract=cast.contract, mentor=cast.mentor, started_on=today - datetime.timedelta(days=days)
        )
        f.VisitFactory(episode=episode, visited_on=today)
        episodes.append(episode)
    f.VisitFactory(episode=episodes[0], visited_on=_last_month())
    return episodes


def test_fund_staff_land_on_this_months_figures_and_the_statements_waiting(client, fund, served, provider_x):
    page = log_in(client, fund).get(reverse("home"))
    html = page.content.decode()
    [ua] = [item for item in page.context["programmes"] if item.programme.code == "UA-MENTOR"]
    assert ua.figures.served == 3  # as the dashboard counts: distinct clients seen this month
    assert ua.figures.served == fund_home_contents(today=_today()).programmes[0].figures.served
    assert 'data-testid="served">3<' in html
    assert "Statements waiting for approval" in html
    keys = [key for key, _figures in page.context["awaiting"]]
    assert f"{provider_x.contract.pk}:{_last_month():%Y-%m}" in keys
    assert 'class="card h-100"' in html and "_link_card" not in html


def test_the_waiting_statements_filter_by_provider(client, fund, served, provider_x, provider_y):
    log_in(client, fund)
    page = client.get(reverse("home"), {"provider": provider_y.provider.code})
    providers = {figures.contract.provider_id for _key, figures in page.context["awaiting"]}
    assert providers == {provider_y.provider.pk}
    # Read with the programmes' figures, the same statements as bulk approval's
    assert [(figures.contract.pk, figures.month) for _key, figures in page.context["awaiting"]] == [
        (figures.contract.pk, figures.month)
        for figures in statements_awaiting_approval(today=_today(), provider=provider_y.provider)
    ]
    assert len(page.context["programmes"]) == 1  # the programmes' figures are not filtered
    page = client.get(reverse("home"), {"provider": "NO-SUCH"})
    assert "was left out" in page.content.decode()


def test_bulk_approval_says_what_will_happen_then_locks_each_month_once_confirmed(
    client, fund, served, provider_x, provider_y
):
    last = _last_month()
    keys = [f"{provider_x.contract.pk}:{last:%Y-%m}", f"{provider_y.contract.pk}:{last:%Y-%m}"]
    log_in(client, fund)
    home = client.get(reverse("home"))
    assert 'data-testid="approve-form"' in home.content.decode()
    url = reverse("reporting:statements_approve")
    chosen = {"months": keys, "note": "Checked against the invoices"}
    page = client.post(url, chosen)
    html = page.content.decode()
    assert page.status_code == 200
    assert page.templates[0].name == "confirm.html"  # the one confirmation idiom
    consequences = page.context["consequences"]
    total = sum(figures.payable_eur for key, figures in home.context["awaiting"] if key in keys)
    assert consequences[0] == (
        f"2 statements are approved as they stand: {number_format(total, 2, force_grouping=True)} EUR in all."
    )
    assert consequences[1] == f"Month: {date_format(last, 'YEAR_MONTH_FORMAT')}."
    assert consequences[2] == (
        f"Providers: {', '.join(sorted([provider_x.provider.name, provider_y.provider.name]))}."
    )
    assert "The note is recorded with each approval: Checked against the invoices" in html
    assert not ContractMonth.objects.filter(status=ContractMonth.Status.LOCKED).exists()  # not yet

    response = client.post(url, chosen | {"confirmed": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    locked = ContractMonth.objects.filter(status=ContractMonth.Status.LOCKED, month=last)
    assert set(locked.values_list("contract_id", flat=True)) == {
        provider_x.contract.pk,
        provider_y.contract.pk,
    }
    assert {e.note for m in locked for e in m.events.all()} == {"Checked against the invoices"}
    assert "2 statements have been approved and locked." in client.get(reverse("home")).content.decode()
    remaining = {(f_.contract.pk, f_.month) for f_ in statements_awaiting_approval(today=_today())}
    assert (provider_x.contract.pk, last) not in remaining


def test_bulk_approval_keeps_the_home_pages_filter(client, fund, served, provider_x, provider_y):
    last = _last_month()
    key = f"{provider_y.contract.pk}:{last:%Y-%m}"
    log_in(client, fund)
    filtered = f"{reverse('home')}?provider={provider_y.provider.code}"
    home = client.get(filtered)
    action = f"{reverse('reporting:statements_approve')}?provider={provider_y.provider.code}"
    assert f'action="{action}"' in home.content.decode()
    confirm = client.post(action, {"months": [key]})
    assert confirm.context["action"] == action  # the confirmation sends it back to the same address
    back = client.post(action, {"months": [key], "change": "1"})
    assert back.status_code == 302 and back["Location"] == filtered
    assert not ContractMonth.objects.filter(status=ContractMonth.Status.LOCKED).exists()
    done = client.post(action, {"months": [key], "confirmed": "1"})
    assert done.status_code == 302 and done["Location"] == filtered


def test_nothing_is_approved_by_asking_for_the_page(client, fund, served):
    log_in(client, fund)
    assert client.get(reverse("reporting:statements_approve")).status_code == 405
    assert not ContractMonth.objects.filter(status=ContractMonth.Status.LOCKED).exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("lv", "Izvēlieties apstiprināmos pārskatus."),
        ("uk", "Виберіть відомості для затвердження."),
        ("ru", "Выберите ведомости для утверждения."),
    ],
)
def test_approving_nothing_is_refused_in_the_pages_language(client, fund, served, language, message):
    client.force_login(fund)
    client.cookies["atbalsts_language"] = language
    response = client.post(reverse("reporting:statements_approve"), {"note": "x", "confirmed": "1"})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html and 'data-testid="approve-errors"' in html
    assert 'data-testid="awaiting-table"' in html  # the list again, to choose from
    assert not ContractMonth.objects.filter(status=ContractMonth.Status.LOCKED).exists()


def test_a_month_approved_meanwhile_is_refused_and_nothing_is_approved(
    client, fund, served, provider_x, provider_y
):
    last = _last_month()
    keys = [f"{provider_x.contract.pk}:{last:%Y-%m}", f"{provider_y.contract.pk}:{last:%Y-%m}"]
    lock_month(provider_y.contract, last)
    log_in(client, fund)
    response = client.post(reverse("reporting:statements_approve"), {"months": keys})
    assert response.status_code == 400
    assert "no longer waiting for approval" in response.content.decode()
    assert not ContractMonth.objects.filter(
        contract=provider_x.contract, status=ContractMonth.Status.LOCKED
    ).exists()


def test_the_fund_home_page_and_the_daily_notice_count_the_same_statements(
    client, fund, served, provider_x, provider_y
):
    last = _last_month()
    lock_month(provider_y.contract, last)
    page = log_in(client, fund).get(reverse("home"))
    waiting_last_month = [key for key, figures in page.context["awaiting"] if figures.month == last]
    assert waiting_last_month == [f"{provider_x.contract.pk}:{last:%Y-%m}"]
    assert fund_notices.statements_await(today=_today()) == len(waiting_last_month)
    [notice] = Notification.objects.filter(recipient=fund, kind=Kind.STATEMENTS_AWAIT)
    assert notice.params["count"] == 1
    # The notice's link: the same statements.
    listed = [figures for _key, figures in client.get(notice.url).context["awaiting"]]
    assert [(row.contract.pk, row.month) for row in listed if row.month == last] == [
        (provider_x.contract.pk, last)
    ]


def test_the_notice_of_statements_of_several_programmes_links_to_all_of_them(
    client, fund, served, provider_x
):
    asylum = f.ContractFactory(programme=f.programme("AS-OSA"), provider=provider_x.provider)
    last = _last_month()
    assert fund_notices.statements_await(today=_today()) == 3  # X's and Y's UA-MENTOR, X's AS-OSA
    [notice] = Notification.objects.filter(recipient=fund, kind=Kind.STATEMENTS_AWAIT)
    page = log_in(client, fund).get(notice.url)
    listed = {(figures.contract.pk, figures.month) for _key, figures in page.context["awaiting"]}
    assert {(provider_x.contract.pk, last), (asylum.pk, last)} <= listed
    html = page.content.decode()
    assert 'id="awaiting"' in html
    assert asylum.number in html and provider_x.contract.number in html
    assert "<td>AS-OSA</td>" in html and "<td>UA-MENTOR</td>" in html


def test_only_fund_staff_approve(client, provider_x):
    log_in(client, provider_x.coordinator.user)
    key = f"{provider_x.contract.pk}:{_last_month():%Y-%m}"
    response = client.post(reverse("reporting:statements_approve"), {"months": [key], "confirmed": "1"})
    assert response.status_code == 404
    assert not ContractMonth.objects.filter(status=ContractMonth.Status.LOCKED).exists()


def test_coordinator_sees_the_overdue_inbox_and_the_teams_overdue_contacts(client, provider_x):
    today = _today()
    episode = f.EpisodeFactory(
        contract=provider_x.contract, mentor=provider_x.mentor, started_on=today - datetime.timedelta(days=10)
    )
    Episode.objects.filter(pk=episode.pk).update(next_contact_on=today - datetime.timedelta(days=2))
    html = log_in(client, provider_x.coordinator.user).get(reverse("home")).content.decode()
    assert 'data-testid="overdue-count"' in html
    assert 'data-testid="total-contact-overdue"><div class="figure-number">1<' in html


def test_mentor_sees_todays_list(client, provider_x):
    today = _today()
    episode = f.EpisodeFactory(
        contract=provider_x.contract, mentor=provider_x.mentor, started_on=today - datetime.timedelta(days=10)
    )
    Episode.objects.filter(pk=episode.pk).update(next_contact_on=today)
    html = log_in(client, provider_x.mentor.user).get(reverse("home")).content.decode()
    assert "My caseload" in html and str(episode.client) in html


def test_municipal_social_worker_sees_referrals_waiting_and_returned(client, sw_a):
    html = log_in(client, sw_a).get(reverse("home")).content.decode()
    assert 'data-testid="home-referrals"' in html and "Returned" in html and "Waiting" in html


def test_data_protection_officer_sees_the_requests_to_answer(client, dpo):
    html = log_in(client, dpo).get(reverse("home")).content.decode()
    assert 'data-testid="home-dpo"' in html


def test_administrator_sees_what_needs_setting_up(client, admin_user):
    f.UserFactory(username="newcomer", first_name="Ieva", last_name="Kalniņa")
    html = log_in(client, admin_user).get(reverse("home")).content.decode()
    assert 'data-testid="home-admin"' in html
    assert "Ieva Kalniņa" in html


def test_the_fund_home_page_takes_the_same_queries_for_one_provider_or_many(client, fund, served, provider_x):
    """The figures per programme and the statements waiting are aggregates: more providers, clients and
    visits of the same programmes add no query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    log_in(client, fund)
    client.get(reverse("home"))  # warm: the session and the user are read as on every page

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("home")).status_code == 200
        return len(captured)

    few = queries()
    for _ in range(4):
        contract = f.ContractFactory(programme=provider_x.contract.programme)
        for days in (2, 40):
            episode = f.EpisodeFactory(contract=contract, started_on=_today() - datetime.timedelta(days=days))
            f.VisitFactory(episode=episode, visited_on=_today())
        f.VisitFactory(episode=episode, visited_on=_last_month())  # the one that started 40 days ago
    many = client.get(reverse("home"))
    assert len(many.context["awaiting"]) > 2  # the new contracts' last month waits too
    assert queries() == few


def _running(code: str, provider) -> object:
    """A contract of programme `code` in force today, of `provider`: a client seen this month and last
    month, and one with no contact for 30 months (an early warning)."""
    today = _today()
    contract = f.ContractFactory(
        programme=f.programme(code),
        provider=provider,
        starts_on=add_months(month_start(today), -36),
        ends_on=add_months(month_start(today), 24),
        monthly_capacity=20,
    )
    seen = f.EpisodeFactory(contract=contract, started_on=today - datetime.timedelta(days=40))
    f.VisitFactory(episode=seen, visited_on=today)
    f.VisitFactory(episode=seen, visited_on=_last_month())
    f.EpisodeFactory(contract=contract, started_on=add_months(month_start(today), -30))
    return contract


@pytest.fixture(params=[1, 3], ids=["one programme", "three programmes"])
def programmes_running(request, served, provider_x) -> int:
    """UA-MENTOR running with last month approved for X (its frozen split is read too), and with three
    programmes AS-OSA (the same provider in a second programme) and AS-ESF beside it."""
    lock_month(provider_x.contract, _last_month())
    if request.param == 3:
        _running("AS-OSA", provider_x.provider)
        _running("AS-ESF", f.ProviderFactory(code="Z-NGO"))
    return request.param


def test_the_fund_home_takes_the_same_queries_for_one_programme_or_three(
    client, fund, provider_x, programmes_running, django_assert_max_num_queries, django_assert_num_queries
):
    """The programmes and their contracts are read once and counted together, the statements waiting
    with them: a further programme adds no query to the page, nor to the statements waiting."""
    log_in(client, fund)
    # The session and the user; the contracts (those of the programmes running and those whose months
    # may await approval); their months, the statements' twelve and this one: served, the approved
    # ones (with their split) and today's funding shares; served per programme this month; active at
    # its end; the warnings' referrals and open episodes; the filter's programmes and providers.
    with django_assert_max_num_queries(13):
        page = client.get(reverse("home"))
    codes = ["UA-MENTOR"] if programmes_running == 1 else ["AS-ESF", "AS-OSA", "UA-MENTOR"]
    assert [item.programme.code for item in page.context["programmes"]] == codes
    assert {figures.contract.programme.code for _key, figures in page.context["awaiting"]} == set(codes)
    # Filtered to a provider, its statements' months are read apart from this month's of every
    # contract running (not every contract's year): their served, approved months and funding shares
    # again, and the provider chosen looked up.
    with django_assert_max_num_queries(17):
        page = client.get(reverse("home"), {"provider": provider_x.provider.code})
    assert len(page.context["programmes"]) == programmes_running
    assert {figures.contract.provider_id for _key, figures in page.context["awaiting"]} == {
        provider_x.provider.pk
    }
    # contracts, served, locked months and their split, funding shares
    with django_assert_num_queries(5):
        statements_awaiting_approval(today=_today())


def test_the_fund_homes_figures_are_each_programmes_report_and_warnings(client, fund, served, provider_x):
    """Counted for every programme at once, the home page shows what each programme's monthly report
    and early warnings show, and the statements waiting are each programme's contract months over and
    not approved — a provider in two programmes is counted in each apart."""
    from reporting.early_warnings import provider_warnings
    from reporting.periods import Period
    from reporting.queries import contract_month_figures, monthly_report
    from reporting.statements import awaits_approval

    _running("AS-OSA", provider_x.provider)
    _running("AS-ESF", f.ProviderFactory(code="Z-NGO"))
    lock_month(provider_x.contract, _last_month())  # approved: no longer waiting
    today = _today()
    month = month_start(today)

    page = log_in(client, fund).get(reverse("home"))
    shown = page.context["programmes"]
    assert len(shown) == 3
    for item in shown:
        report = monthly_report(programme=item.programme, period=Period(month, month)).all_months[month]
        figures = item.figures
        assert (
            figures.served,
            figures.new,
            figures.children,
            figures.active_end,
            figures.payable_eur,
            figures.capacity,
        ) == (
            report.served,
            report.new,
            report.children,
            report.active_end,
            report.payable_eur,
            report.capacity,
        )
        assert figures.served >= 1 and figures.capacity
        warnings = provider_warnings(item.programme, today=today)
        assert item.warnings == warnings
    assert [bool(item.warnings) for item in shown] == [True, True, False]  # X's in AS-OSA alone

    last = add_months(month, -1)
    period = Period(add_months(last, -11), last)
    expected = sorted(
        (
            (
                m.month,
                m.contract.programme.code,
                m.contract.provider.code,
                m.contract.pk,
                m.served,
                m.payable_eur,
            )
            for item in shown
            for m in contract_month_figures(programme=item.programme, period=period)
            if awaits_approval(m, today=today)
        ),
    )
    assert [
        (m.month, m.contract.programme.code, m.contract.provider.code, m.contract.pk, m.served, m.payable_eur)
        for _key, m in page.context["awaiting"]
    ] == expected
    assert (provider_x.contract.pk, last) not in {
        (m.contract.pk, m.month) for _key, m in page.context["awaiting"]
    }
