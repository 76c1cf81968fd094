"""The bell's count, the notification list (marked read on opening, one's own only, constant queries)
and the settings page."""

import html

import pytest
from django.urls import reverse

from cases import services
from config.accounts.models import Preferences
from config.accounts.services import preferences_for
from config.accounts.sessions import LAST_SEEN
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import notify
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def tell(user, count=1, **kwargs):
    for number in range(count):
        notify(
            kind=Kind.CLIENT_ASSIGNED,
            recipients=[user],
            url=f"/cases/episodes/{number + 1}/",
            params={"first_name": f"Olena{number}", "client": f"K-{number:07d}"},
            **kwargs,
        )


def test_the_bell_counts_unread_notifications(client, sw_a, sw_b):
    tell(sw_a, 3)
    tell(sw_b, 5)
    client.force_login(sw_a)
    answer = client.get(reverse("notifications:unread")).json()
    assert answer["unread"] == 3
    assert answer["label"] == "3 unread notifications"
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="bell"' in page
    assert 'src="/static/js/bell.js"' in page


def test_opening_the_list_shows_ones_own_notifications_and_marks_them_read(client, sw_a, sw_b):
    tell(sw_a, 2)
    tell(sw_b, 1)
    client.force_login(sw_a)
    response = client.get(reverse("notifications:list"))
    text = html.unescape(response.content.decode())
    assert text.count('data-testid="notification"') == 2
    assert "Olena0 (K-0000000) was assigned to you." in text
    assert 'href="/cases/episodes/1/"' in text
    assert text.count(">new</span>") == 2  # new on this showing
    assert Notification.objects.for_user(sw_a).unread().count() == 0
    assert Notification.objects.for_user(sw_b).unread().count() == 1
    again = client.get(reverse("notifications:list")).content.decode()
    assert ">new</span>" not in again
    assert client.get(reverse("notifications:unread")).json()["unread"] == 0


def test_the_list_shows_the_detail_with_its_label(client, sw_a):
    notify(
        kind=Kind.REFERRAL_RETURNED,
        recipients=[sw_a],
        url="/cases/referrals/1/",
        params={"first_name": "Olena", "client": "K-0000001"},
        detail="The address is missing.",
    )
    client.force_login(sw_a)
    text = html.unescape(client.get(reverse("notifications:list")).content.decode())
    assert "Reason: The address is missing." in text


@pytest.mark.parametrize("rows", [1, 25])
def test_the_list_takes_the_same_queries_for_one_row_or_a_page(
    client, sw_a, rows, django_assert_max_num_queries
):
    tell(sw_a, rows)
    client.force_login(sw_a)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("notifications:list"))
    assert response.content.decode().count('data-testid="notification"') == rows


def test_the_list_pages_by_25(client, sw_a):
    tell(sw_a, 30)
    client.force_login(sw_a)
    second = client.get(reverse("notifications:list"), {"page": 2}).content.decode()
    assert second.count('data-testid="notification"') == 5
    assert "Page 2 of 2" in second


def test_a_person_chooses_the_digest_and_their_language(client, sw_a):
    client.force_login(sw_a)
    assert preferences_for(sw_a).email == Preferences.Email.IMMEDIATELY
    response = client.post(reverse("account:preferences"), {"language": "uk", "email": "daily"})
    assert response.status_code == 302
    saved = preferences_for(sw_a)
    assert (saved.language, saved.email) == ("uk", "daily")
    assert response.cookies["atbalsts_language"].value == "uk"


def test_switching_the_language_in_the_header_is_remembered_for_e_mails(client, sw_a):
    client.force_login(sw_a)
    client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    assert preferences_for(sw_a).language == "ru"


def test_a_wrong_choice_is_refused_with_a_message(client, sw_a):
    client.force_login(sw_a)
    response = client.post(reverse("account:preferences"), {"language": "xx", "email": "weekly"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_bells_polling_does_not_keep_an_idle_session_alive(client, sw_a, settings):
    client.force_login(sw_a)
    client.get(reverse("home"))
    session = client.session
    session[LAST_SEEN] = session[LAST_SEEN] - settings.SESSION_IDLE_TIMEOUT + 30
    session.save()
    seen = client.session[LAST_SEEN]
    for _poll in range(3):
        assert client.get(reverse("notifications:unread")).status_code == 200
    assert client.session[LAST_SEEN] == seen
    client.get(reverse("home"))  # a page the person opened is activity
    assert client.session[LAST_SEEN] > seen


def test_a_notification_about_someone_no_longer_in_scope_leaves_the_list_and_the_count(
    client, provider_x, sw_a
):
    person = f.ConsentedClientFactory(registered_by=sw_a, given_name="Olena")
    referral = f.ReferralFactory(client=person, contract=provider_x.contract, filed_by=sw_a)
    client.force_login(provider_x.coordinator.user)
    assert client.get(reverse("notifications:unread")).json()["unread"] == 1
    services.referral_withdraw(referral=referral, by=sw_a)  # the provider no longer sees the person
    assert client.get(reverse("notifications:unread")).json()["unread"] == 0
    page = client.get(reverse("notifications:list")).content.decode()
    assert person.pseudonym not in page and "Olena" not in page
