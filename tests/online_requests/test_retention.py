"""Requests are personal data with a retention of three years from closing (drafts: from their
last change); open requests never expire."""

import datetime as dt

import pytest
from django.utils import timezone

from munich_portal.audit.actions import enforce_retention
from munich_portal.audit.registry import declaration_for
from online_requests import actions, selectors, states
from online_requests.models import (
    REQUEST_RETENTION,
    OnlineRequest,
    RequestMessage,
    RequestUpload,
    StatusChange,
)
from tests.online_requests.factories import caseworker, resident, submitted_request

pytestmark = pytest.mark.django_db


def test_every_request_model_is_declared_with_the_purpose():
    for model in (OnlineRequest, RequestMessage, RequestUpload, StatusChange):
        declaration = declaration_for(model)
        assert declaration is not None
        assert "online_requests" in declaration.purposes
        assert declaration.retention == REQUEST_RETENTION


def test_retention_deletes_closed_requests_after_three_years_with_everything_attached(service):
    closed = submitted_request(service)
    actions.transition(
        online_request=closed, to_status="rejected", actor=caseworker(), who=states.STAFF
    )
    still_open = submitted_request(service)
    draft = actions.start_request(
        user=resident(), service=service, version=selectors.current_version(service)
    )
    later = timezone.now() + REQUEST_RETENTION + dt.timedelta(days=1)
    enforce_retention(now=later)
    remaining = set(OnlineRequest.objects.values_list("pk", flat=True))
    assert closed.pk not in remaining and draft.pk not in remaining
    assert still_open.pk in remaining
    assert not StatusChange.objects.filter(request_id=closed.pk).exists()
    assert not RequestUpload.objects.filter(request_id=closed.pk).exists()


def test_nothing_expires_before_three_years(service):
    closed = submitted_request(service)
    actions.withdraw(online_request=closed, user=closed.user)
    enforce_retention(now=timezone.now() + REQUEST_RETENTION - dt.timedelta(days=1))
    assert OnlineRequest.objects.filter(pk=closed.pk).exists()
