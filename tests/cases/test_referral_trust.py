"""Referrals people can trust: none is sent without an assessment, the social worker confirms a
summary before it goes, and a returned referral says why, links to what to correct and is not sent
back unchanged."""

import pytest
from django.urls import reverse

from cases import services
from cases.models import Referral
from cases.services import ServiceError
from tests import factories as f
from tests.cases.test_referrals import english, page, refer_url, resident, submitted, ua_mentor_form  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_referral_needs_a_need_area_and_an_assessment(sw_a, provider_x, resident):  # noqa: F811
    with pytest.raises(ServiceError) as refusal:
        services.referral_file(client=resident, programme=f.programme("UA-MENTOR"), needs_text="  ", by=sw_a)
    assert set(refusal.value.error_dict) == {"needs_areas", "needs_text"}
    assert not Referral.objects.exists()


def test_the_form_refuses_a_referral_without_an_assessment_and_keeps_what_was_typed(
    client,
    sw_a,
    provider_x,
    resident,  # noqa: F811
):
    client.force_login(sw_a)
    response = client.post(refer_url(resident), ua_mentor_form(needs_areas=[], needs_text=""))
    text = page(response)
    assert "Choose at least one assessed need area." in text
    assert "Write the assessment of the person's needs." in text
    assert "Call after 16:00." in text
    assert not Referral.objects.exists()


def test_the_social_worker_confirms_a_summary_before_the_referral_goes(client, sw_a, provider_x, resident):  # noqa: F811
    client.force_login(sw_a)
    data = ua_mentor_form()
    del data["confirmed"]
    summary = client.post(refer_url(resident), data)
    assert summary.status_code == 200 and not Referral.objects.exists()
    text = page(summary)
    assert 'data-testid="referral-summary"' in text
    assert "Needs a flat and a family doctor." in text and provider_x.provider.name in text
    assert 'name="needs_text" value="Needs a flat and a family doctor."' in text  # carried, hidden

    change = client.post(refer_url(resident), data | {"change": "1"})
    assert 'data-testid="referral-summary"' not in page(change)
    assert "Needs a flat and a family doctor.</textarea>" in page(change)
    assert not Referral.objects.exists()

    sent = client.post(refer_url(resident), data | {"confirmed": "1"})
    referral = Referral.objects.get()
    assert sent.status_code == 302 and sent.url == reverse("cases:referral_detail", args=[referral.pk])
    assert referral.needs_text == "Needs a flat and a family doctor." and referral.needs_areas.count() == 2


def _returned(resident, provider_x, sw_a):  # noqa: F811
    referral = submitted(resident, provider_x.contract, sw_a)
    services.referral_return(referral=referral, reason="Give the address.", by=provider_x.coordinator.user)
    referral.refresh_from_db()
    return referral


def test_a_returned_referral_shows_why_and_links_to_what_to_correct(client, sw_a, provider_x, resident):  # noqa: F811
    referral = _returned(resident, provider_x, sw_a)
    client.force_login(sw_a)
    text = page(client.get(reverse("cases:referral_detail", args=[referral.pk])))
    returned = text[text.index('data-testid="returned"') :]
    assert "Give the address." in returned
    assert 'href="#resubmit"' in returned
    assert f'href="{reverse("cases:client_edit", args=[resident.pk])}"' in returned
    assert 'id="resubmit"' in text
    assert "Needs a flat and help with the documents.</textarea>" in text  # the assessment, to correct


def test_a_returned_referral_is_not_sent_again_unchanged(client, sw_a, provider_x, resident):  # noqa: F811
    referral = _returned(resident, provider_x, sw_a)
    with pytest.raises(ServiceError, match="Nothing has changed since the referral was returned"):
        services.referral_resubmit(referral=referral, note="Please look again.", by=sw_a)
    client.force_login(sw_a)
    unchanged = {
        "resubmit-provider": provider_x.provider.pk,
        "resubmit-needs_areas": [f.goal_area("housing").pk],
        "resubmit-needs_text": referral.needs_text,
        "resubmit-urgency": referral.urgency,
        "resubmit-note": "Please look again.",
    }
    url = reverse("cases:referral_resubmit", args=[referral.pk])
    response = client.post(url, unchanged)
    assert "Nothing has changed since the referral was returned" in page(response)
    assert "Please look again." in page(response)  # what was typed is kept
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RETURNED

    corrected = unchanged | {"resubmit-needs_text": "Needs a flat; lives at Brīvības iela 5 until May."}
    assert client.post(url, corrected).status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SUBMITTED
    assert referral.needs_text == "Needs a flat; lives at Brīvības iela 5 until May."


def test_a_corrected_record_of_the_person_is_a_change(sw_a, provider_x, resident):  # noqa: F811
    referral = _returned(resident, provider_x, sw_a)
    services.client_update(
        client=resident,
        fields={"street_address": "Brīvības iela 5", "locality": "Rīga"},
        languages=list(resident.languages.all()),
        by=sw_a,
    )
    services.referral_resubmit(referral=referral, note="Address added.", by=sw_a)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SUBMITTED
