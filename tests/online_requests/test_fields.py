"""Every field type validates its input, and bad input gives a message, never an error page."""

import pytest

from online_requests import fields
from online_requests.files import sniff
from tests.online_requests.factories import PDF, PNG, SPEC

pytestmark = pytest.mark.django_db


@pytest.fixture
def definition(service):
    from online_requests.selectors import current_version

    return current_version(service).definition


def page(definition, number, data, files=None):
    form = fields.page_form(definition, number, data=data, files=files or {})
    form.is_valid()
    return form


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("DE89 3704 0044 0532 0130 00", True),
        ("de89370400440532013000", True),
        ("DE89 3704 0044 0532 0130 01", False),  # checksum
        ("DE89 3704 0044 0532 0130", False),  # German IBANs have 22 characters
        ("GB82 WEST 1234 5698 7654 32", True),
        ("XX00", False),
        ("DE89\x0037040044", False),
        ("ÄÖ89 3704 0044 0532 0130 00", False),
    ],
)
def test_iban_checksum(value, valid):
    assert fields.iban_is_valid(value) is valid


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("full_name", ""),
        ("full_name", "x" * 201),
        ("home__postal_code", "8033"),
        ("home__postal_code", "ABCDE"),
        ("email", "not-an-address"),
        ("phone", "call me"),
        ("full_name", "Anna\x00"),
    ],
)
def test_page_one_rejects_bad_input(definition, name, value):
    from tests.online_requests.factories import PAGE_DATA

    form = page(definition, 1, {**PAGE_DATA[1], name: value})
    assert name in form.errors


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("count", "0"),  # below the minimum
        ("count", "11"),  # above the maximum
        ("count", "drei"),
        ("count", "1e400"),
        ("day", "31.02.2026"),
        ("day", "morgen"),
        ("day", "9" * 100),
        ("colour", "blau"),  # not an option
        ("agree", "vielleicht"),
        ("agree", ""),
        ("details", "x" * 5001),
    ],
)
def test_page_two_rejects_bad_input(definition, name, value):
    from tests.online_requests.factories import PAGE_DATA

    form = page(definition, 2, {**PAGE_DATA[2], name: value})
    assert name in form.errors


def test_numbers_and_dates_accept_the_german_way_of_writing(definition):
    from tests.online_requests.factories import PAGE_DATA

    form = page(definition, 2, {**PAGE_DATA[2], "count": "2,5", "day": "01.12.2026"})
    assert form.is_valid(), form.errors
    assert form.answers()["count"] == "2.5"
    assert form.answers()["day"] == "2026-12-01"


def test_files_are_checked_by_content_not_by_name(definition):
    from django.core.files.uploadedfile import SimpleUploadedFile

    exe = SimpleUploadedFile("nachweis.pdf", b"MZ\x90\x00" + b"\x00" * 40, "application/pdf")
    form = page(definition, 3, {"iban": "DE89370400440532013000"}, {"proof": exe})
    assert "proof" in form.errors
    jpeg = SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 40, "image/jpeg")
    form = page(definition, 3, {"iban": "DE89370400440532013000"}, {"proof": jpeg})
    assert "proof" in form.errors  # JPEG is not among this field's types (pdf, png)
    png = SimpleUploadedFile("scan.txt", PNG, "text/plain")
    form = page(definition, 3, {"iban": "DE89370400440532013000"}, {"proof": png})
    assert form.is_valid(), form.errors


def test_files_over_the_size_limit_are_refused(definition):
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("gross.pdf", PDF + b"0" * (1024 * 1024), "application/pdf")
    form = page(definition, 3, {"iban": "DE89370400440532013000"}, {"proof": big})
    assert "proof" in form.errors
    empty = SimpleUploadedFile("leer.pdf", b"", "application/pdf")
    assert (
        "proof" in page(definition, 3, {"iban": "DE89370400440532013000"}, {"proof": empty}).errors
    )


def test_sniff_knows_the_allowed_types():
    assert sniff(PDF).key == "pdf"
    assert sniff(PNG).key == "png"
    assert sniff(b"\xff\xd8\xff\xe1").key == "jpeg"
    assert sniff(b"<html>") is None


def test_the_snapshot_holds_every_field_type():
    from online_requests.models import FieldKind

    kinds = {field["kind"] for page in SPEC["pages"] for field in page["fields"]}
    assert kinds == set(FieldKind.values) - set()  # every type is covered by the test form
