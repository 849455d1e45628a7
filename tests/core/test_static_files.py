"""The static storage (munich_portal/core/static_files.py): whitenoise's manifest storage with each
address worked out once per process (issue 17, round 6)."""

import pytest
from django.test import override_settings

from munich_portal.core.static_files import MAX_KEPT, PortalStaticFilesStorage


@pytest.fixture
def storage(tmp_path):
    kept = PortalStaticFilesStorage(location=tmp_path, base_url="/static/")
    kept.hashed_files = {"css/portal.css": "css/portal.0123abcd.css"}
    return kept


def test_the_address_is_the_manifest_storages_and_kept(storage):
    assert storage.url("css/portal.css") == "/static/css/portal.0123abcd.css"

    # A new manifest in this process would not be read again; the kept address answers.
    storage.hashed_files = {"css/portal.css": "css/portal.ffff0000.css"}
    assert storage.url("css/portal.css") == "/static/css/portal.0123abcd.css"
    # force= asks the manifest storage itself.
    assert storage.url("css/portal.css", force=True) == "/static/css/portal.ffff0000.css"


def test_a_name_missing_from_the_manifest_still_fails_each_time(storage):
    for _attempt in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")


def test_with_debug_the_unhashed_address_is_kept_apart(storage):
    assert storage.url("css/portal.css") == "/static/css/portal.0123abcd.css"
    with override_settings(DEBUG=True):
        assert storage.url("css/portal.css") == "/static/css/portal.css"
    assert storage.url("css/portal.css") == "/static/css/portal.0123abcd.css"


def test_post_processing_forgets_the_addresses(storage):
    storage.url("css/portal.css")

    assert list(storage.post_process({}, dry_run=True)) == []
    storage.hashed_files = {"css/portal.css": "css/portal.ffff0000.css"}  # what it wrote

    assert storage.url("css/portal.css") == "/static/css/portal.ffff0000.css"


def test_the_kept_addresses_are_bounded(storage):
    storage.hashed_files = {f"img/{n}.svg": f"img/{n}.abc.svg" for n in range(MAX_KEPT + 1)}
    for n in range(MAX_KEPT + 1):
        assert storage.url(f"img/{n}.svg") == f"/static/img/{n}.abc.svg"
    assert len(storage._urls) <= MAX_KEPT
