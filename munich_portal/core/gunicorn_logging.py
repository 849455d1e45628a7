"""gunicorn's logger for the portal: an access log without personal data (issue 14, part 3).

gunicorn.conf.py names :class:`PrivacyLogger` as ``logger_class``. Its atoms are gunicorn's with
the request line (``%(r)s``), the path (``%(U)s``), the query (``%(q)s``) and the referer
(``%(f)s``) redacted by munich_portal/core/log_privacy.py: query strings keep their keys without
values, signed links' tokens and e-mail addresses are replaced. The raw request headers and WSGI
environment atoms (``%({name}i)s``, ``%({name}e)s``) are left out but the user agent's, so a
changed log format cannot bring cookies or the raw URI back.
"""

from typing import Any

from gunicorn.glogging import Logger

from munich_portal.core.log_privacy import redact_query, redact_target

__all__ = ["PrivacyLogger"]

_KEPT_HEADER_ATOMS = {"{user-agent}i"}


class PrivacyLogger(Logger):
    """gunicorn's ``Logger`` whose access-log atoms hold no query values, tokens or addresses."""

    def atoms(self, resp: Any, req: Any, environ: dict, request_time: Any) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        atoms = {
            name: value
            for name, value in atoms.items()
            if not name.endswith(("}i", "}e")) or name in _KEPT_HEADER_ATOMS
        }
        atoms["U"] = redact_target(environ.get("PATH_INFO") or "")
        atoms["q"] = redact_query(environ.get("QUERY_STRING") or "")
        # The target as the client sent it (still percent-encoded), redacted.
        target = redact_target(environ.get("RAW_URI") or atoms["U"])
        atoms["r"] = f"{atoms['m']} {target} {atoms['H']}"
        referer = environ.get("HTTP_REFERER")
        atoms["f"] = redact_target(referer) if referer else "-"
        # The portal uses no HTTP basic auth; a user name sent anyway is not logged.
        atoms["u"] = "-"
        return atoms
