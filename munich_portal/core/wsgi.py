"""The portal's WSGI application: Django's, with a request that survives an unreadable header.

Django builds the request before any middleware runs. A ``Content-Type`` it cannot parse (longer
than 10,000 characters, say) raises ``BadRequest`` right there, outside the handling that turns
exceptions into error pages, and the server answers a bare 500. The portal's request treats such a
header as absent instead: the body is then no form data, and the view answers as to an empty
form (its errors) — a client's mistake never becomes a server error. Behind the documented proxy
such headers rarely arrive (nginx and gunicorn limit header sizes), so this is the last line.
"""

from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.core.wsgi import get_wsgi_application as django_wsgi_application
from django.utils.http import parse_header_parameters


class PortalWSGIRequest(WSGIRequest):
    """A WSGI request whose unparseable ``Content-Type`` counts as none."""

    def __init__(self, environ: dict) -> None:
        try:
            parse_header_parameters(environ.get("CONTENT_TYPE", ""))
        except ValueError:
            environ = {**environ, "CONTENT_TYPE": ""}
        super().__init__(environ)


def get_wsgi_application() -> WSGIHandler:
    """Django's WSGI handler with :class:`PortalWSGIRequest` as its request class."""
    application = django_wsgi_application()
    application.request_class = PortalWSGIRequest
    return application
