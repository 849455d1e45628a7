import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from munich_portal.core.health import health_report

#: What the 503 page asks clients (and crawlers) to wait before trying again.
RETRY_AFTER_SECONDS = 30


@never_cache
@require_safe
def healthz(request):
    """Load balancers ask here: 200 when the database answers, 503 when it does not answer within
    a second; the report also shows the outbox's backlog (munich_portal/core/health.py)."""
    healthy, report = health_report()
    return JsonResponse(report, status=200 if healthy else 503)


def server_error(request):
    """``handler500``: the 503 page when the database could not be reached, Django's 500 page for
    every other error. Django calls it while it handles the exception, so the exception is
    ``sys.exception()`` — wherever it was raised (a view, a middleware, a template)."""
    if is_database_unavailable(sys.exception()):
        return service_unavailable(request)
    return defaults.server_error(request)


def is_database_unavailable(error: BaseException | None) -> bool:
    """No connection, a connection lost, the pool's wait for one over, a statement cancelled:
    worth trying again later. Errors in the data or the SQL are ``DatabaseError``'s other kinds
    (``IntegrityError``, ``ProgrammingError``, ``DataError``) and stay 500s."""
    return isinstance(error, OperationalError | InterfaceError)


def service_unavailable(request):
    """The 503 page, in the visitor's language, with ``Retry-After``. Rendered without the
    request's context processors: the layout's user, session and display settings would each ask
    the database that just failed."""
    language = translation.get_language_from_request(request, check_path=True)
    with translation.override(language):
        html = loader.render_to_string("503.html")
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
