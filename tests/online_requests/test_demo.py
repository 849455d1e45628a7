"""The demo forms: published once, idempotent, linked from their services, usable end to end."""

import pytest

from munich_portal.core.models import StaffMembership
from munich_portal.portal.demo.online_requests import (
    DEMO_CASEWORKER,
    demo_forms,
    load_online_requests,
)
from online_requests.models import FormVersion, RequestForm
from tests.factories import UserFactory
from tests.online_requests.factories import department
from tests.services.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_the_demo_loader_publishes_each_form_once_and_links_it():
    forms = demo_forms()
    assert len(forms) == 3
    for slug in forms:
        service = ServiceFactory(slug=slug)
        service.department = department("KVR")
        service.save()
    worker = UserFactory(email=DEMO_CASEWORKER, staff=True, roles=["Sachbearbeitung"])
    load_online_requests()
    load_online_requests()
    assert RequestForm.objects.count() == len(forms)
    assert FormVersion.objects.count() == len(forms)
    assert StaffMembership.objects.filter(user=worker).count() == 1
    for slug in forms:
        service = RequestForm.objects.get(service__slug=slug).service
        assert service.online_url == f"/dienstleistungen/{slug}/antrag/"
        assert service.can_apply_online


def test_the_catalogue_keeps_own_links_only_for_services_with_a_published_form():
    from munich_portal.portal.demo.services import _available_online_url

    service = ServiceFactory(slug="hund-anmelden")
    assert _available_online_url("/dienstleistungen/hund-anmelden/antrag/", service.slug) == ""
    load_online_requests()
    url = "/dienstleistungen/hund-anmelden/antrag/"
    assert _available_online_url(url, service.slug) == url
    assert _available_online_url("https://example.org/x", "other") == "https://example.org/x"


def test_the_service_page_links_to_the_form_in_the_current_language(client):
    ServiceFactory(slug="hund-anmelden")
    load_online_requests()
    assert (
        'href="/dienstleistungen/hund-anmelden/antrag/"'
        in client.get("/dienstleistungen/hund-anmelden/").content.decode()
    )
    assert (
        'href="/en/dienstleistungen/hund-anmelden/antrag/"'
        in client.get("/en/dienstleistungen/hund-anmelden/").content.decode()
    )
