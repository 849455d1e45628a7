"""No input ever causes a server error: every form of the site is fed malformed and oversized data.

Each form gets, field by field and all fields at once: 100,000-character strings, NUL bytes,
control characters, odd Unicode, markup, lists instead of single values, empty and missing
fields. The answer must be a page (with errors) or a redirect — never a 5xx. Text the person typed
is shown again, except passwords (which are never echoed back).

The test client skips CSRF checks, so every request reaches the form.
"""

import io
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape

from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class FormSpec:
    name: str
    url: str
    # A valid-looking value per field; each test replaces one or all of them with bad data.
    fields: dict[str, str]
    extra: dict[str, str] = field(default_factory=dict)  # sent unchanged (e.g. submit buttons)
    secret_fields: frozenset[str] = frozenset()
    logged_in: bool = False


FORMS = [
    FormSpec(
        "barrier report",
        "/barriere-melden/",
        {
            "page": "/kontakt/",
            "description": "Der Kontrast ist zu schwach.",
            "assistive_technology": "NVDA",
            "wants_accessible_format": "on",
            "email": "anna@example.org",
            "name": "Anna",
        },
    ),
    FormSpec(
        "login",
        "/konto/login/",
        {"login": "anna@example.org", "password": "falsches-Passwort-1"},
        secret_fields=frozenset({"password"}),
    ),
    FormSpec(
        "signup",
        "/konto/signup/",
        {"email": "neu@example.org", "password1": "Lange-Passphrase-42", "password2": "anders"},
        secret_fields=frozenset({"password1", "password2"}),
    ),
    FormSpec("password reset", "/konto/password/reset/", {"email": "anna@example.org"}),
    FormSpec(
        "delete account",
        "/konto/loeschen/",
        {"password": "falsches-Passwort-1", "confirm": "on"},
        secret_fields=frozenset({"password"}),
        logged_in=True,
    ),
    FormSpec(
        "add e-mail address",
        "/konto/email/",
        {"email": "zweite@example.org"},
        extra={"action_add": ""},
        logged_in=True,
    ),
    FormSpec(
        "change password",
        "/konto/password/change/",
        {"oldpassword": "falsch", "password1": "Neue-Passphrase-42", "password2": "x"},
        secret_fields=frozenset({"oldpassword", "password1", "password2"}),
        logged_in=True,
    ),
]

BAD_VALUES = {
    "100k characters": "x" * 100_000,
    "100k-character e-mail": "a" * 100_000 + "@example.org",
    "NUL byte": "abc\x00def",
    "only NUL": "\x00",
    "NUL in e-mail": "anna\x00@example.org",
    "control characters": "\x1b[31m\r\n\t\x7f\x08",
    # combining accent, Arabic ligature, right-to-left override, emoji, BOM, zero-width space and
    # mathematical Fraktur letters (outside the Basic Multilingual Plane)
    "odd unicode": "Zoë e\u0301 ﷽ \u202eRTL\u202c 🙂 \ufeff \u200b \U0001d518\U0001d52b\U0001d526",
    "markup and SQL": "<script>alert(1)</script>' OR 1=1; -- \"",
    "empty": "",
    "whitespace": "   \t ",
    "list instead of a value": ["erster Wert", "zweiter Wert"],
    "long list": ["x"] * 500,
}

# Values a person could have typed and expects to see again after an error.
KEPT_VALUES = {"100k characters", "odd unicode", "markup and SQL"}


@pytest.fixture
def user():
    return UserFactory(email="anna@example.org")


def post(client, spec: FormSpec, data: dict, user):
    if spec.logged_in:
        client.force_login(user)
    return client.post(spec.url, {**data, **spec.extra})


def assert_no_server_error(response, spec: FormSpec):
    assert response.status_code < 500, f"{spec.name}: {response.status_code}"


FIELD_CASES = [
    pytest.param(spec, field_name, label, id=f"{spec.name}-{field_name}-{label}")
    for spec in FORMS
    for field_name in spec.fields
    for label in BAD_VALUES
]


@pytest.mark.parametrize(("spec", "field_name", "label"), FIELD_CASES)
def test_one_bad_field_never_causes_a_server_error(client, user, spec, field_name, label):
    """One field malformed, the others plausible: an error page or a redirect, never a 5xx."""
    value = BAD_VALUES[label]
    response = post(client, spec, {**spec.fields, field_name: value}, user)
    assert_no_server_error(response, spec)
    if (
        response.status_code == 200
        and label in KEPT_VALUES
        and field_name not in spec.secret_fields
        and "form" in (response.context or {})
        and field_name in response.context["form"].errors
    ):
        # The form refused the value and shows it again for correction.
        assert escape(value) in response.text


@pytest.mark.parametrize("label", BAD_VALUES)
@pytest.mark.parametrize("spec", FORMS, ids=[spec.name for spec in FORMS])
def test_all_fields_bad_never_causes_a_server_error(client, user, spec, label):
    value = BAD_VALUES[label]
    response = post(client, spec, dict.fromkeys(spec.fields, value), user)
    assert_no_server_error(response, spec)


@pytest.mark.parametrize("spec", FORMS, ids=[spec.name for spec in FORMS])
def test_empty_post_never_causes_a_server_error(client, user, spec):
    """No fields at all (a bot, a broken client): the form's errors, not a crash."""
    response = post(client, spec, {}, user)
    assert_no_server_error(response, spec)


@pytest.mark.parametrize("spec", FORMS, ids=[spec.name for spec in FORMS])
def test_file_instead_of_text_never_causes_a_server_error(client, user, spec):
    """A file upload where a text field is expected is treated as a missing value."""
    uploads = {
        name: SimpleUploadedFile("x.txt", b"\x00\xff" * 100, content_type="text/plain")
        for name in spec.fields
    }
    response = post(client, spec, uploads, user)
    assert_no_server_error(response, spec)


@pytest.mark.parametrize("spec", FORMS, ids=[spec.name for spec in FORMS])
def test_invalid_utf8_body_never_causes_a_server_error(client, user, spec):
    """Bytes that are not UTF-8 are decoded with replacement characters, not a crash."""
    if spec.logged_in:
        client.force_login(user)
    body = b"&".join(name.encode() + b"=%FF%FE%C3%28\xff\xfe" for name in spec.fields)
    response = client.post(spec.url, body, content_type="application/x-www-form-urlencoded")
    assert_no_server_error(response, spec)


@pytest.mark.parametrize("spec", FORMS, ids=[spec.name for spec in FORMS])
def test_json_body_never_causes_a_server_error(client, user, spec):
    """A JSON body sent to an HTML form is no form data: errors, not a crash."""
    if spec.logged_in:
        client.force_login(user)
    response = client.post(spec.url, {"email": ["x"]}, content_type="application/json")
    assert_no_server_error(response, spec)


def test_body_over_the_upload_limit_is_a_client_error(client, settings):
    """A body larger than DATA_UPLOAD_MAX_MEMORY_SIZE is refused with 400, not 500."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 50_000
    response = client.post("/barriere-melden/", {"description": "x" * 60_000})
    assert response.status_code == 400


def test_too_many_fields_is_a_client_error(client):
    """More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS is refused with 400, not 500."""
    data = {f"field{number}": "x" for number in range(1_100)}
    response = client.post("/barriere-melden/", data)
    assert response.status_code == 400


@pytest.mark.parametrize("label", BAD_VALUES)
def test_bad_prefill_parameter_never_causes_a_server_error(client, label):
    """The barrier form's ?seite= parameter is as untrusted as any form field."""
    value = BAD_VALUES[label]
    response = client.get("/barriere-melden/", {"seite": value})
    assert response.status_code == 200


def test_password_fields_are_never_echoed(client, user):
    """After an error the password the person typed is not sent back in the page."""
    client.force_login(user)
    response = client.post("/konto/loeschen/", {"password": "Geheim-Wort-123"})
    assert response.status_code == 200
    assert "Geheim-Wort-123" not in response.text


def test_delete_account_with_right_password_and_nul_in_confirm_still_works(client, user):
    """A checkbox sent with odd content counts as ticked; the right password deletes the account."""
    client.force_login(user)
    response = client.post("/konto/loeschen/", {"password": DEFAULT_PASSWORD, "confirm": "\x00"})
    assert response.status_code == 302


# --- bodies and headers: what a client declares --------------------------------------------------


def _csrf_client(path: str) -> tuple[Client, str]:
    """A client that sends the CSRF token like a browser: cookie from a GET, token in the form."""
    client = Client(enforce_csrf_checks=True)
    client.get(path)
    return client, client.cookies["csrftoken"].value


@pytest.mark.parametrize("charset", ["latin-1", "ISO-8859-15", "utf-16", "cp1252", "nonsense"])
def test_a_form_body_declaring_another_charset_is_read_as_utf8(charset):
    """Browsers send form bodies as UTF-8 and declare no charset; a client that declares one
    (which made Django's own 400 handler fail with a 500) is read as UTF-8 and its report saved
    with what was typed, CSRF check included."""
    from accessibility.models import BarrierReport

    client, token = _csrf_client("/barriere-melden/")
    body = (
        f"csrfmiddlewaretoken={token}&page=/kontakt/"
        "&description=Gr%C3%BC%C3%9Fe%3A+der+Kontrast+ist+zu+schwach"
    ).encode()
    response = client.generic(
        "POST",
        "/barriere-melden/",
        body,
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )

    assert response.status_code == 302
    assert BarrierReport.objects.get().description == "Grüße: der Kontrast ist zu schwach"


@pytest.mark.parametrize(
    "content_type",
    [
        "",
        ";;;",
        "application/x-www-form-urlencoded; charset",
        'application/x-www-form-urlencoded; charset="',
        "application/x-www-form-urlencoded; charset=" + "x" * 10_000,
        "multipart/form-data",
        "multipart/form-data; boundary=",
        "multipart/form-data; boundary=" + "x" * 10_000,
        "text/plain; charset=latin-1",
        "x" * 10_000,
    ],
    ids=lambda value: value[:40] or "empty",
)
def test_a_malformed_content_type_never_causes_a_server_error(content_type):
    """Whatever the Content-Type says, the answer is the form again or a client error. Sent to
    the WSGI application itself (munich_portal/wsgi.py), as the server does: Django reads the
    header before any middleware, where the test client's handler is not the portal's."""
    from django.test.client import FakePayload

    from munich_portal.wsgi import application

    body = b"description=Kontrast&page=/kontakt/"
    statuses = []
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/barriere-melden/",
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": FakePayload(body),
        "wsgi.errors": io.StringIO(),
        "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": content_type,
    }
    response = application(environ, lambda status, headers: statuses.append(status))
    response.close()
    assert int(statuses[0].split()[0]) < 500, content_type[:60]


ODD_HEADERS = {
    "If-Modified-Since": ["gestern", "Sat, 99 Foo 20000 99:99:99 GMT", "1" * 5_000, "\x00"],
    "If-None-Match": ['"' + "x" * 5_000, "*, W/", "W/" * 1_000],
    "If-Range": ["Sat, 01 Jan 2000 00:00:00 GMT", "x" * 5_000],
    "Accept-Language": ["de-" + "x" * 5_000, "*;q=x, en;q=1e999, ;;;", ",".join(["de"] * 2_000)],
    "Accept-Encoding": ["gzip;q=nan, br;q=-1", "x" * 5_000],
    "Cookie": ["portal_display=" + "x" * 4_000, "=;=;=;", "sessionid=\x00; csrftoken=" + "ä"],
    "Range": ["bytes=" + "9" * 5_000 + "-", "bytes=-" + "9" * 5_000, "bytes=1-2-3", "items=0-1"],
}
HEADER_CASES = [
    pytest.param(name, value, id=f"{name}-{index}")
    for name, values in ODD_HEADERS.items()
    for index, value in enumerate(values)
]
PATHS = ["/", "/dienstleistungen/", "/beteiligung/", "/barriere-melden/", "/gebaerdensprache/"]


@pytest.mark.parametrize(("name", "value"), HEADER_CASES)
def test_odd_request_headers_never_cause_a_server_error(client, name, value):
    """Conditional, language, encoding, cookie and range headers with malformed, overlong or
    absurd values: every public page still answers (cached or not)."""
    for path in PATHS:
        response = client.get(path, headers={name: value})
        assert response.status_code < 500, f"{path} with {name}: {response.status_code}"


@pytest.mark.parametrize(
    "value",
    [
        "bytes=" + "9" * 5_000 + "-",
        "bytes=0-" + "9" * 5_000,
        "bytes=-" + "9" * 5_000,
        "bytes=" + "1" * 19 + "-",
        "bytes=4-2",
        "bytes=1-2-3",
        "bytes=1-2,5-6",
        "bytes=",
        "bytes=-",
        "items=0-1",
        "x" * 10_000,
    ],
    ids=lambda value: value[:30],
)
def test_a_malformed_range_on_the_video_is_ignored_or_refused(settings, tmp_path, value):
    """The sign-language video serves byte ranges; a range it cannot read (thousands of digits
    used to crash ``int()``) gets the whole file, one it can read but not satisfy a 416."""
    from django.core.files.base import ContentFile

    from tests.accessibility.factories import SignLanguageVideoFactory

    settings.MEDIA_ROOT = tmp_path
    video = SignLanguageVideoFactory()
    video.video.save("dgs.mp4", ContentFile(b"\x00\x00\x00\x18ftypmp42" + b"x" * 1000))

    response = Client().get(f"/gebaerdensprache/video/{video.pk}/video/", headers={"Range": value})

    assert response.status_code in {200, 416}, value[:40]
    if response.status_code == 200:
        assert b"".join(response.streaming_content).startswith(b"\x00\x00\x00\x18ftyp")


# --- a form sent without a valid CSRF token -----------------------------------------------------


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [
        ("/barriere-melden/", "de", "Das Formular konnte nicht gesendet werden"),
        ("/en/barriere-melden/", "en", "The form could not be sent"),
    ],
)
def test_a_form_without_a_valid_security_token_gets_the_portals_page(path, lang, heading):
    """A form whose CSRF token ran out (the page was open for hours, a login in another tab) is
    refused with 403 and the portal's page in the visitor's language — what happened, that
    nothing was saved, and how to send it again — not Django's English page; nothing is saved."""
    from accessibility.models import BarrierReport

    client, _token = _csrf_client(path)
    response = client.post(
        path, {"csrfmiddlewaretoken": "x" * 64, "page": "/kontakt/", "description": "Kontrast"}
    )

    assert response.status_code == 403
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    assert f"<h1>{heading}</h1>" in html
    assert html.count("<h1") == 1
    assert "no_cookie" not in html
    assert not BarrierReport.objects.exists()


def test_without_the_security_cookie_the_page_asks_to_allow_cookies():
    """No CSRF cookie at all (cookies blocked): the page says the portal needs its cookies."""
    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/barriere-melden/", {"description": "Kontrast"})

    assert response.status_code == 403
    assert "Please allow cookies for this site" in response.content.decode()
