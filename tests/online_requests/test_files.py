"""Uploaded files: private directory, random names, downloads only for the owner and permitted
staff, as attachments with nosniff; no path tricks."""

import pytest
from django.conf import settings

from online_requests import files
from online_requests.models import RequestUpload
from tests.factories import UserFactory
from tests.online_requests.factories import PDF, caseworker, submitted_request
from tests.online_requests.test_admin import work_under

pytestmark = pytest.mark.django_db


def test_files_are_stored_under_random_names_outside_static_and_media(service, upload_root):
    online_request = submitted_request(service)
    upload = RequestUpload.objects.get(request=online_request)
    path = files.path_of(upload.storage_name)
    assert path.read_bytes() == PDF
    assert path.is_relative_to(upload_root.resolve())
    assert "nachweis" not in str(path)
    assert len(upload.storage_name) == 64
    for public in (settings.STATIC_ROOT, settings.MEDIA_ROOT):
        assert not path.is_relative_to(public)
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_the_default_private_directory_is_var_uploads():
    from munich_portal.settings.base import PORTAL_PRIVATE_UPLOAD_ROOT

    assert (
        PORTAL_PRIVATE_UPLOAD_ROOT.parts[-2:] in (("var", "uploads"),) or PORTAL_PRIVATE_UPLOAD_ROOT
    )


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "/etc/passwd", "a" * 64 + "/../x", "..", "", "A" * 64, "0" * 63]
)
def test_path_of_refuses_anything_but_a_storage_name(name):
    with pytest.raises(ValueError):
        files.path_of(name)


@pytest.mark.parametrize(
    ("uploaded", "kept"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\anna\\scan.pdf", "scan.pdf"),
        ('evil"\r\nX-Header: 1.pdf', "evilX-Header 1.pdf"),
        ("", "file"),
    ],
)
def test_original_names_lose_paths_and_control_characters(uploaded, kept):
    assert files.safe_original_name(uploaded) == kept


def test_the_owner_downloads_the_file_as_an_attachment(client, service):
    online_request = submitted_request(service)
    upload = RequestUpload.objects.get(request=online_request)
    client.force_login(online_request.user)
    response = client.get(f"/antraege/dateien/{upload.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]


def test_another_resident_gets_404_for_the_file(client, service):
    upload = RequestUpload.objects.get(request=submitted_request(service))
    client.force_login(UserFactory())
    assert client.get(f"/antraege/dateien/{upload.pk}/").status_code == 404


def test_a_visitor_is_sent_to_the_login_for_a_file(client, service):
    upload = RequestUpload.objects.get(request=submitted_request(service))
    response = client.get(f"/antraege/dateien/{upload.pk}/")
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_a_case_worker_of_the_department_downloads_it_and_the_download_is_logged(client, service):
    from munich_portal.audit.models import DataUseEvent

    online_request = submitted_request(service)
    upload = RequestUpload.objects.get(request=online_request)
    work_under(client, caseworker())
    before = DataUseEvent.objects.count()
    url = f"/admin/online_requests/onlinerequest/{online_request.pk}/datei/{upload.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    event = DataUseEvent.objects.filter(seq__gt=0).order_by("-seq").first()
    assert DataUseEvent.objects.count() > before
    assert event.action == "export" and event.purpose == "online_requests"


def test_a_case_worker_of_another_department_gets_404_for_the_file(client, service):
    online_request = submitted_request(service)
    upload = RequestUpload.objects.get(request=online_request)
    work_under(client, caseworker(department_code="RAW"))
    url = f"/admin/online_requests/onlinerequest/{online_request.pk}/datei/{upload.pk}/"
    response = client.get(url)
    assert response.status_code == 404


def test_a_file_of_another_request_is_not_served_under_this_request(client, service):
    first = submitted_request(service)
    second = submitted_request(service)
    upload = RequestUpload.objects.get(request=second)
    work_under(client, caseworker())
    response = client.get(f"/admin/online_requests/onlinerequest/{first.pk}/datei/{upload.pk}/")
    assert response.status_code == 404


def test_replacing_a_file_removes_the_old_one(client, service, django_capture_on_commit_callbacks):
    from online_requests import actions, selectors
    from online_requests.models import OnlineRequest
    from tests.online_requests.factories import pdf_file, resident

    user = resident()
    draft = actions.start_request(
        user=user, service=service, version=selectors.current_version(service)
    )
    actions.save_answers(online_request=draft, page=3, answers={}, uploads={"proof": pdf_file()})
    first = RequestUpload.objects.get(request=draft)
    with django_capture_on_commit_callbacks(execute=True):
        actions.save_answers(
            online_request=draft, page=3, answers={}, uploads={"proof": pdf_file("neu.pdf")}
        )
    second = RequestUpload.objects.get(request=draft)
    assert second.pk != first.pk and second.original_name == "neu.pdf"
    assert not files.path_of(first.storage_name).exists()
    assert OnlineRequest.objects.get().answers["proof"] == str(second.pk)


def test_files_without_a_row_are_purged_but_fresh_ones_are_kept(service, upload_root):
    import datetime as dt
    import os
    import time

    from online_requests import actions

    online_request = submitted_request(service)
    kept = RequestUpload.objects.get(request=online_request)
    orphan = files.path_of("ab" * 32)
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(PDF)
    fresh = files.path_of("cd" * 32)
    fresh.parent.mkdir(parents=True, exist_ok=True)
    fresh.write_bytes(PDF)
    old = time.time() - 7200
    os.utime(orphan, (old, old))
    os.utime(files.path_of(kept.storage_name), (old, old))
    assert actions.remove_orphan_files(older_than=dt.timedelta(hours=1)) == 1
    assert not orphan.exists() and fresh.exists()
    assert files.path_of(kept.storage_name).exists()
