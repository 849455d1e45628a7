"""Publishing freezes a form: requests keep the version they were filled in."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from online_requests import actions, selectors
from online_requests.models import FormField, FormVersion, RequestForm
from tests.online_requests.factories import resident, submitted_request

pytestmark = pytest.mark.django_db


def test_a_changed_form_gets_a_new_version_and_old_requests_keep_theirs(service):
    old_request = submitted_request(service)
    request_form = RequestForm.objects.get(service=service)
    FormField.objects.filter(form=request_form, key="full_name").update(
        label_de="Vollständiger Name"
    )
    version = actions.publish_form(request_form=request_form)
    assert version.number == 2 and version.is_current
    assert FormVersion.objects.filter(form=request_form, is_current=True).count() == 1
    old_request.refresh_from_db()
    assert old_request.form_version.number == 1
    labels = [f["label"]["de"] for f in old_request.form_version.definition["pages"][0]["fields"]]
    assert "Name" in labels and "Vollständiger Name" not in labels
    draft = actions.start_request(
        user=resident(), service=service, version=selectors.current_version(service)
    )
    assert draft.form_version == version


def test_publishing_an_unchanged_form_keeps_the_version(service):
    request_form = RequestForm.objects.get(service=service)
    assert actions.publish_form(request_form=request_form).number == 1
    assert FormVersion.objects.filter(form=request_form).count() == 1


def test_a_published_version_cannot_be_changed_in_the_database(service):
    version = selectors.current_version(service)
    version.definition = {"pages": []}
    with pytest.raises(IntegrityError), transaction.atomic():
        version.save()


def test_a_draft_keeps_its_version_when_a_new_one_is_published(service):
    user = resident()
    draft = actions.start_request(
        user=user, service=service, version=selectors.current_version(service)
    )
    request_form = RequestForm.objects.get(service=service)
    FormField.objects.filter(form=request_form, key="phone").delete()
    actions.publish_form(request_form=request_form)
    resumed = actions.start_request(
        user=user, service=service, version=selectors.current_version(service)
    )
    assert resumed.pk == draft.pk and resumed.form_version.number == 1


def test_an_empty_form_cannot_be_published(service):
    from tests.services.factories import ServiceFactory

    request_form = RequestForm.objects.create(service=ServiceFactory())
    with pytest.raises(ValidationError):
        actions.publish_form(request_form=request_form)


def test_taking_a_form_offline_stops_new_requests_but_keeps_drafts(client, service):
    user = resident()
    actions.start_request(user=user, service=service, version=selectors.current_version(service))
    actions.unpublish_form(request_form=RequestForm.objects.get(service=service))
    assert selectors.current_version(service) is None
    assert client.get(f"/dienstleistungen/{service.slug}/antrag/").status_code == 404
    client.force_login(user)
    assert client.get(f"/dienstleistungen/{service.slug}/antrag/").status_code == 200


def test_one_draft_per_resident_and_service_in_the_database(service):
    from online_requests.models import OnlineRequest

    draft = actions.start_request(
        user=resident(), service=service, version=selectors.current_version(service)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        OnlineRequest.objects.create(
            user=draft.user, service=service, form_version=draft.form_version
        )
