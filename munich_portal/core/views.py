from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from munich_portal.core import selectors
from munich_portal.core.page_cache import cache_public_page


@require_safe
@cache_public_page
def home(request):
    return render(request, "core/home.html", selectors.home_page_context())


@never_cache
@require_safe
def healthz(request):
    """Load balancers ask here; 200 only when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
