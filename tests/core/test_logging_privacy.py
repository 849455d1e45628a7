"""Logs carry no personal data (issue 14, part 3): gunicorn's access log and Django's logging
keep query keys without their values and drop signed links' tokens and e-mail addresses."""

import datetime as dt
import io
import logging
import runpy
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from gunicorn.config import Config

from munich_portal.core.gunicorn_logging import PrivacyLogger
from munich_portal.core.log_privacy import (
    RedactPersonalData,
    redact_path,
    redact_query,
    redact_text,
)

ADDRESS = "anna@example.org"
SECRET = "S3cretToken-abc"


# --- The redaction functions ---------------------------------------------------------------------


def test_a_query_keeps_its_keys_and_loses_its_values():
    assert redact_query("q=anna%40example.org&page=2") == "q=&page="


def test_a_query_key_that_is_no_field_name_is_not_kept():
    assert redact_query(f"{ADDRESS}=1&page=2") == "?=&page="


@pytest.mark.parametrize(
    "path",
    [
        f"/termine/verwalten/{SECRET}/umbuchen/",
        f"/termine/warteliste/bestaetigen/{SECRET}/",
        f"/en/anmeldung/stornieren/{SECRET}/",
        f"/ideen/nachrichten-abbestellen/{SECRET}/",
        f"/konto/password/reset/key/4-{SECRET}/",
    ],
)
def test_a_signed_links_token_is_replaced(path):
    assert SECRET not in redact_path(path)
    assert "[token]" in redact_path(path)


def test_paths_without_a_token_stay_as_they_are():
    for path in ["/konto/password/reset/key/done/", "/termine/", "/beteiligung/radweg/ideen/3/"]:
        assert redact_path(path) == path


def _patterns_with_a_secret(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns_with_a_secret(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            arguments = set(entry.pattern.regex.groupindex)
            if arguments & {"token", "key"}:
                yield f"{namespace}{entry.name}", arguments


def test_every_url_with_a_token_or_key_is_redacted():
    """A new URL with a token is caught here until its prefix is in TOKEN_PATH_PREFIXES."""
    samples = {"token": SECRET, "key": SECRET, "uidb36": "4", "slug": "radweg"}
    found = list(_patterns_with_a_secret(get_resolver().url_patterns))

    assert len(found) >= 8
    for name, arguments in found:
        url = reverse(name, kwargs={argument: samples.get(argument, "1") for argument in arguments})
        assert SECRET not in redact_path(url), url


def test_text_loses_addresses_query_values_and_tokens():
    text = (
        f'"GET /admin/accounts/user/?q={ADDRESS}&o=1 HTTP/1.1" 200; '
        f"Key (email)=(Anna.B+x@Example.org) already exists; /anmeldung/bestaetigen/{SECRET}/"
    )

    redacted = redact_text(text)

    assert redacted == (
        '"GET /admin/accounts/user/?q=&o= HTTP/1.1" 200; '
        "Key (email)=([email]) already exists; /anmeldung/bestaetigen/[token]/"
    )


@pytest.mark.parametrize(
    "text", ["anna%40example.org", "anna%2Bnews%40example.org", "Anna.Berg+news@example.org"]
)
def test_an_address_is_redacted_also_when_url_encoded(text):
    assert redact_text(f"mail to {text}.") == "mail to [email]."


def test_prose_with_a_question_mark_is_left_alone():
    assert redact_text("Is the relay up? No.") == "Is the relay up? No."


def test_the_outboxs_message_ids_stay_readable():
    """They name no one, and they are how the outbox's log lines name an e-mail."""
    message_id = "<0123456789abcdef0123456789abcdef@digitales.muenchen.de>"

    assert redact_text(f"{message_id}: outbox: sending") == f"{message_id}: outbox: sending"


# --- gunicorn's access log -----------------------------------------------------------------------


GUNICORN_CONF = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))


def _atoms(environ: dict) -> dict:
    """The atoms the portal's gunicorn logger makes of a 404 answered to ``environ``."""
    logger = PrivacyLogger(Config())
    response = SimpleNamespace(status="404 Not Found", sent=123, headers=[])
    request = SimpleNamespace(headers=[("COOKIE", "sessionid=abc"), ("USER-AGENT", "Firefox")])
    return logger.atoms(response, request, environ, dt.timedelta(microseconds=1500))


def _access_line(environ: dict) -> str:
    """The access-log line for ``environ`` in gunicorn.conf.py's format, as gunicorn writes it."""
    return GUNICORN_CONF["access_log_format"] % PrivacyLogger.atoms_wrapper_class(_atoms(environ))


def _environ(raw_uri: str, **extra: str) -> dict:
    path, _, query = raw_uri.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "RAW_URI": raw_uri,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_USER_AGENT": "Firefox",
        "HTTP_COOKIE": "sessionid=abc",
        **extra,
    }


def test_the_access_log_keeps_query_keys_without_values():
    line = _access_line(_environ(f"/suche/?q={ADDRESS.replace('@', '%40')}&page=2"))

    assert line == '127.0.0.1 "GET /suche/?q=&page= HTTP/1.1" 404 123 1500us "-" "Firefox"'


def test_the_access_log_drops_tokens_from_the_path_and_the_referer():
    environ = _environ(
        f"/termine/verwalten/{SECRET}/kalender.ics",
        HTTP_REFERER=f"https://digitales.muenchen.de/termine/verwalten/{SECRET}/?mail={ADDRESS}",
    )

    line = _access_line(environ)

    assert SECRET not in line
    assert "anna" not in line
    assert '"GET /termine/verwalten/[token]/kalender.ics HTTP/1.1"' in line
    assert '"https://digitales.muenchen.de/termine/verwalten/[token]/?mail="' in line


def test_the_access_log_offers_no_raw_headers_or_environment():
    atoms = _atoms(_environ(f"/?q={ADDRESS}"))

    assert "{cookie}i" not in atoms
    assert "{raw_uri}e" not in atoms
    assert atoms["{user-agent}i"] == "Firefox"
    assert atoms["q"] == "q="


def test_gunicorn_conf_uses_the_privacy_logger():
    assert GUNICORN_CONF["logger_class"] == "munich_portal.core.gunicorn_logging.PrivacyLogger"


# --- Django's logging ----------------------------------------------------------------------------


def test_the_filter_redacts_message_arguments_and_exception():
    try:
        raise ValueError(f"duplicate {ADDRESS}")
    except ValueError:
        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            (f"/termine/angebot/{SECRET}/?q={ADDRESS}",),
            exc_info=sys.exc_info(),
        )

    assert RedactPersonalData().filter(record) is True
    formatted = logging.Formatter("%(message)s").format(record)

    assert formatted.startswith("Internal Server Error: /termine/angebot/[token]/?q=")
    assert "ValueError: duplicate [email]" in formatted
    assert ADDRESS not in formatted
    assert SECRET not in formatted


def _handlers_reached_by(logger: logging.Logger) -> list[logging.Handler]:
    handlers: list[logging.Handler] = []
    current: logging.Logger | None = logger
    while current is not None:
        handlers += current.handlers
        current = current.parent if current.propagate else None
    return handlers


@pytest.mark.parametrize(
    "name", ["django.request", "django.security.csrf", "django.server", "munich_portal.messaging"]
)
def test_every_configured_handler_redacts(name):
    handlers = [
        handler
        for handler in _handlers_reached_by(logging.getLogger(name))
        if handler.get_name()  # the configured ones; pytest adds its own capturing handlers
    ]

    assert handlers
    for handler in handlers:
        assert any(isinstance(f, RedactPersonalData) for f in handler.filters), handler


@pytest.fixture
def console_log():
    """What the configured console handler writes during the test."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    assert isinstance(handler, logging.StreamHandler)
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.mark.django_db
def test_a_404_with_an_address_in_its_query_is_logged_without_it(client, console_log):
    response = client.get(f"/termine/verwalten/{SECRET}/", {"q": ADDRESS})

    assert response.status_code == 404
    log = console_log.getvalue()
    assert "WARNING django.request Not Found: /termine/verwalten/[token]/" in log
    assert ADDRESS not in log
    assert SECRET not in log


@pytest.mark.django_db
def test_a_refused_post_to_a_token_link_is_logged_without_the_token(console_log):
    """django.security.csrf logs the 403 with the path; the token is not in it."""
    client = Client(enforce_csrf_checks=True)

    response = client.post(f"/anmeldung/stornieren/{SECRET}/?email={ADDRESS}", {"x": "1"})

    assert response.status_code == 403
    log = console_log.getvalue()
    assert "Forbidden (CSRF cookie not set.): /anmeldung/stornieren/[token]/" in log
    assert ADDRESS not in log
    assert SECRET not in log
