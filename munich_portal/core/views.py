from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from munich_portal.core.health import health_report


@never_cache
@require_safe
def healthz(request):
    """Load balancers ask here: 200 when the database answers, 503 when it does not answer within
    a second; the report also shows the outbox's backlog (munich_portal/core/health.py)."""
    healthy, report = health_report()
    return JsonResponse(report, status=200 if healthy else 503)
