"""A person is found by any spelling of their name: Latin transliterations, Cyrillic, Latvian forms."""

import datetime

import pytest

from cases.models import Client
from cases.rules.names import name_key, name_tokens
from cases.selectors import client_search
from tests import factories as f

SAME_PERSON = [
    ("Oleksandr Shevchenko", "Олександр Шевченко", "Aleksandrs Ševčenko"),
    ("Ірина Коваленко", "Iryna Kovalenko", "Irina Kovaļenko"),
    ("Дмитрий Кузнецов", "Dmitry Kuznetsov", "Dmitrijs Kuzņecovs"),
    ("Юлія Мельник", "Yuliia Melnyk", "Jūlija Meļņika"),
    ("Sergii", "Serhiy", "Sergejs", "Сергій"),
    ("Ольга", "Olha", "Oļga"),
    ("Михайло", "Mykhailo", "Mihails"),
    ("Наталія", "Nataliia", "Natālija"),
    ("Щербак", "Shcherbak", "Ščerbaks"),
]


@pytest.mark.parametrize("spellings", SAME_PERSON, ids=lambda spellings: spellings[0])
def test_every_spelling_has_the_same_key(spellings):
    keys = {tuple(name_tokens(spelling)) for spelling in spellings}
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    ("one", "other"),
    [("Oleksandr Shevchenko", "Iryna Kovalenko"), ("Melnyk", "Kovalenko"), ("Dmitry", "Sergii")],
)
def test_different_names_have_different_keys(one, other):
    assert set(name_tokens(one)).isdisjoint(name_tokens(other))


def test_the_key_keeps_other_scripts_as_written_without_marks():
    assert name_tokens("محمد الأحمد") == ["محمد", "الاحمد"]  # the hamza is a combining mark
    assert name_tokens("محمد الأحمد") == name_tokens("محمد الاحمد")


def test_the_stored_key_is_every_form_once_between_spaces():
    assert name_key("Oleksandr", "Shevchenko", "Олександр", "Шевченко") == " aliksandr sivcink "
    assert name_key("", "") == ""


@pytest.mark.django_db
@pytest.mark.parametrize("spellings", SAME_PERSON[:4], ids=lambda spellings: spellings[0])
def test_the_database_search_finds_the_person_by_every_spelling(spellings):
    first, *others = spellings
    given, _, family = first.partition(" ")
    person = f.SearchableClientFactory(given_name=given, family_name=family)
    f.SearchableClientFactory(given_name="Anna", family_name="Bērziņa")
    for spelling in spellings:
        assert list(client_search(Client.objects.all(), spelling)) == [person], spelling


@pytest.mark.django_db
def test_search_by_beginning_of_a_name_date_of_birth_or_personal_code():
    person = f.SearchableClientFactory(
        given_name="Yuliia",
        family_name="Melnyk",
        personal_code="161175-19997",
        date_of_birth=datetime.date(1975, 11, 16),
    )
    f.SearchableClientFactory(
        given_name="Yuliia", family_name="Bondar", date_of_birth=datetime.date(1980, 1, 2)
    )
    everyone = Client.objects.all()
    assert list(client_search(everyone, "Melny")) == [person]
    assert list(client_search(everyone, "Юлія 16.11.1975")) == [person]
    assert list(client_search(everyone, "1975-11-16")) == [person]
    assert list(client_search(everyone, "16117519997")) == [person]
    assert client_search(everyone, "Юлія").count() == 2
    assert client_search(everyone, "Kuznetsov").count() == 0
