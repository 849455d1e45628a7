"""Log lines without personal data (issue 14, part 3).

Server logs kept e-mail addresses and staff searches in plain text (``?q=<e-mail>``) while the
audit log stores searches hashed. What this module offers, for gunicorn's access log
(munich_portal/core/gunicorn_logging.py) and for Django's logging (``LOGGING`` in the settings):

- :func:`redact_path`: the secret segment of a signed link's path (appointment management, guest
  confirmation and cancelling, the ideas opt-out, allauth's e-mail confirmation and password
  reset keys) becomes ``[token]``.
- :func:`redact_query`: a query string keeps its keys and loses every value (``q=&page=``): the
  log still tells a search from a page of a list, never what was searched for.
- :func:`redact_text`: both, in free text, and every e-mail address becomes ``[email]``.
- :class:`RedactPersonalData`: the logging filter on every handler in ``LOGGING``.

Names cannot be recognised in free text: the portal's own log calls name rows by id (the
outbox names an e-mail by its id and kind, never its recipient), and this filter is the net
for what Django and the libraries log (request paths, exception texts).

Plain Python without Django: gunicorn imports it in its arbiter, before Django is set up.
"""

import logging
import re

__all__ = [
    "TOKEN_PATH_PREFIXES",
    "RedactPersonalData",
    "redact_path",
    "redact_query",
    "redact_target",
    "redact_text",
]

# The paths whose next segment is a secret (a signed link's token or allauth's key). A new URL
# with a token belongs here; tests/core/test_logging_privacy.py checks every URL pattern with a
# ``token`` or ``key`` argument against this list.
TOKEN_PATH_PREFIXES = (
    "termine/bestaetigen",
    "termine/verwalten",
    "termine/angebot",
    "termine/warteliste/bestaetigen",
    "anmeldung/bestaetigen",
    "anmeldung/stornieren",
    "ideen/nachrichten-abbestellen",
    "konto/confirm-email",
    "konto/password/reset/key",
)

TOKEN = "[token]"  # noqa: S105 - the placeholder, not a secret
EMAIL = "[email]"

# A secret segment: what follows one of the prefixes up to the next "/", query, quote or space
# (allauth's ".../key/done/" page has none).
_SEGMENT_END = r"""[/?#\s"'<>]"""
_PREFIXES = "|".join(re.escape(prefix) for prefix in TOKEN_PATH_PREFIXES)
_TOKEN_SEGMENT = re.compile(rf"(/(?:{_PREFIXES})/)(?!done(?:{_SEGMENT_END}|$))[^/?#\s\"'<>]+")
# Also in URL-encoded form (``anna%40example.org``), as a query string or a referer carries it.
# The outbox's Message-IDs (``<32 hex digits@host>``, munich_portal/messaging/actions.py) name no
# one and stay readable: they are how a log line names an e-mail.
_EMAIL = re.compile(
    r"(?<![\w.+-])(?![0-9a-f]{32}@)(?:[\w.+-]|%(?!40)[0-9a-f]{2})+(?:@|%40)[\w-]+(?:\.[\w-]+)+",
    re.IGNORECASE,
)
# A query string after a path or URL: the "?" follows a path character, not a word in prose.
_QUERY = re.compile(r"(?<=[\w/.\-])\?([^\s\"'<>#]+)")
_QUERY_KEY = re.compile(r"[\w.\-\[\]]{1,40}")
_MAX_QUERY_KEYS = 10


def redact_path(path: str) -> str:
    """``path`` with the secret segment of a signed link replaced by ``[token]``."""
    return _TOKEN_SEGMENT.sub(lambda match: match.group(1) + TOKEN, path)


def redact_query(query: str) -> str:
    """The keys of ``query`` without their values (``q=anna@example.org&page=2`` ->
    ``q=&page=``). A key that does not look like a form field's name (it could be anything a
    client sent) becomes ``?``; more than ten keys end in ``...``."""
    if not query:
        return ""
    keys = []
    for part in re.split(r"[&;]", query):
        if not part:
            continue
        key = part.split("=", 1)[0]
        keys.append(key if _QUERY_KEY.fullmatch(key) else "?")
    shown = [key + "=" for key in keys[:_MAX_QUERY_KEYS]]
    if len(keys) > _MAX_QUERY_KEYS:
        shown.append("...")
    return "&".join(shown)


def redact_target(target: str) -> str:
    """A request target or URL (``/path?query``) with its token and query values redacted."""
    path, separator, query = target.partition("?")
    query = query.partition("#")[0]
    redacted = redact_path(path)
    if separator and query:
        redacted += "?" + redact_query(query)
    return _EMAIL.sub(EMAIL, redacted)


def redact_text(text: str) -> str:
    """``text`` with query values, token segments and e-mail addresses redacted."""
    text = _QUERY.sub(lambda match: "?" + redact_query(match.group(1)), text)
    text = redact_path(text)
    return _EMAIL.sub(EMAIL, text)


class RedactPersonalData(logging.Filter):
    """Redacts a record's message and exception text (:func:`redact_text`); lets it through.

    The message is formatted here and its arguments dropped, so no argument can slip past; the
    exception text is formatted once and kept redacted in ``exc_text``, which the formatters use
    instead of formatting the exception again (a database error's detail can quote a row).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken record: the handler's formatter reports it
            return True
        record.msg = redact_text(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_text(record.stack_info)
        return True
