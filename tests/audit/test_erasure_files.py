"""Erasure deletes the erased rows' files when it commits: at once, and not if it rolls back."""

import pytest
from django.db import transaction

from munich_portal.audit import actions
from online_requests import files
from online_requests.models import RequestUpload
from tests.online_requests.factories import PDF, published_service, submitted_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_uploads(settings, tmp_path):
    settings.PORTAL_PRIVATE_UPLOAD_ROOT = tmp_path / "uploads"


@pytest.fixture
def upload():
    online_request = submitted_request(published_service())
    upload = RequestUpload.objects.get(request=online_request)
    assert files.path_of(upload.storage_name).read_bytes() == PDF
    return upload


def test_the_file_goes_when_the_erasure_commits(upload, django_capture_on_commit_callbacks):
    path = files.path_of(upload.storage_name)
    with django_capture_on_commit_callbacks() as callbacks:
        actions.erase_subject(user=upload.owner_id, reason="request")
        assert not RequestUpload.objects.filter(pk=upload.pk).exists()
        assert path.exists()  # not before the commit: the transaction may still roll back
    assert callbacks
    for callback in callbacks:
        callback()
    assert not path.exists()


def test_a_rolled_back_erasure_keeps_the_file(upload, django_capture_on_commit_callbacks):
    path = files.path_of(upload.storage_name)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        actions.erase_subject(user=upload.owner_id, reason="request")
        raise RuntimeError("something after the erasure failed")
    assert callbacks == []
    assert RequestUpload.objects.filter(pk=upload.pk).exists()
    assert path.read_bytes() == PDF


def test_retention_deletes_the_file_when_it_commits(upload, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    path = files.path_of(upload.storage_name)
    with django_capture_on_commit_callbacks(execute=True):
        actions.enforce_retention(now=timezone.now() + timedelta(days=20 * 365))
    assert not RequestUpload.objects.filter(pk=upload.pk).exists()
    assert not path.exists()
