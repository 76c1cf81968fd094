"""The administrator edits every piece of reference data, in all three languages."""

import pytest
from django.contrib import admin
from django.contrib.staticfiles import finders
from django.urls import reverse

from cases.models import Activity, EndReason, GoalArea, LegalStatus
from mentors.models import FundingSource, Programme, SpokenLanguage
from municipalities.models import AccommodationCentre, Municipality, PlanningRegion, SocialService

REFERENCE_MODELS = [
    PlanningRegion,
    Municipality,
    SocialService,
    AccommodationCentre,
    Programme,
    FundingSource,
    SpokenLanguage,
    LegalStatus,
    Activity,
    GoalArea,
    EndReason,
]


@pytest.mark.parametrize("model", admin.site._registry, ids=lambda m: m._meta.label)
def test_every_admin_list_opens(client, admin_user, model):
    client.force_login(admin_user)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("model", REFERENCE_MODELS, ids=lambda m: m._meta.label)
def test_reference_data_form_has_every_language(client, admin_user, model):
    client.force_login(admin_user)
    obj = model.objects.first()
    page = client.get(
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    )
    assert page.status_code == 200
    for language in ("lv", "uk", "ru"):
        assert f'name="name_{language}"' in page.content.decode()


def test_admin_saves_a_ukrainian_name(client, admin_user):
    client.force_login(admin_user)
    activity = Activity.objects.get(code="housing")
    url = reverse("admin:cases_activity_change", args=[activity.pk])
    response = client.post(
        url,
        {
            "code": "housing",
            "name_lv": "Mājokļa meklēšana",
            "name_uk": "Пошук житла (оновлено)",
            "name_ru": "Поиск жилья",
            "name_en": "Housing search",
            "order": activity.order,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.name_uk == "Пошук житла (оновлено)"


def test_no_role_user_cannot_open_admin(client, nobody):
    client.force_login(nobody)
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_admin_is_branded_as_the_application_in_the_readers_language(client, admin_user, settings):
    client.force_login(admin_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "lv"
    page = client.get(reverse("admin:index")).content.decode()
    assert "Django" not in page
    assert "Atbalsts: administrēšana" in page
    assert "Atbalsts administrēšana</title>" in page.replace("\n", "")
    assert 'rel="icon" href="/static/favicon.svg"' in page


def test_every_page_links_the_icon(client, admin_user):
    client.force_login(admin_user)
    assert 'rel="icon" href="/static/favicon.svg"' in client.get(reverse("home")).content.decode()
    assert finders.find("favicon.svg")
