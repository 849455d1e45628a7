"""The portal's own pages; each asks the domain apps through their selectors."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from appointments import selectors as appointments_selectors
from ideas import selectors as ideas_selectors
from munich_portal.accounts import eid
from munich_portal.accounts import selectors as account_selectors
from munich_portal.core.page_cache import cache_public_page, cached_response
from munich_portal.core.prepared import read_together
from munich_portal.portal import selectors
from online_requests import selectors as online_requests_selectors
from participation import selectors as participation_selectors
from results import opendata as results_opendata
from services import opendata as services_opendata

#: The newest online requests Mein Konto lists (the page links to all of them).
MY_ACCOUNT_REQUESTS = 5


def csrf_failure(request, reason: str = ""):
    """A form sent without a valid CSRF token (``CSRF_FAILURE_VIEW``): the portal's page in the
    visitor's language, saying what happened and how to send the form again. Django's own page is
    English, outside the portal's layout."""
    from django.middleware.csrf import REASON_NO_CSRF_COOKIE

    return render(
        request, "403_csrf.html", {"no_cookie": reason == REASON_NO_CSRF_COOKIE}, status=403
    )


@require_safe
def home(request):
    """The top tasks, then participation. Anonymous visitors get the cached page while the
    services it offers are unchanged (``home_version``) and at most ``PAGE_CACHE_SECONDS`` (the
    participation teasers have no version); a logged-in resident's page adds their own block and
    is never cached (their session cookie keeps it out of the page cache)."""

    def render_home():
        context = selectors.home_page_context()
        # The top tasks' fragment is kept while the services it offers are unchanged; the
        # participation teasers' for PAGE_CACHE_SECONDS, like the page (fragment_cache.py).
        context["home_version"] = selectors.home_version()
        if request.user.is_authenticated:
            context["mine"] = selectors.resident_overview(request.user)
        return render(request, "portal/home.html", context)

    return cached_response(
        request,
        render_home,
        version=selectors.home_version,
        seconds=settings.PAGE_CACHE_SECONDS,
    )


@require_safe
@cache_public_page
def open_data(request):
    """The open-data overview: the catalogue's datasets and the participation figures."""
    return render(
        request,
        "portal/open_data.html",
        {
            "licence": services_opendata.LICENCE,
            "service_columns": services_opendata.SERVICE_COLUMNS,
            "office_columns": services_opendata.OFFICE_COLUMNS,
            "participation_columns": results_opendata.COLUMNS,
        },
    )


@login_required
def my_account(request):
    """Mein Konto: everything a resident has with the city, in one place. The apps' lists are
    read in one round trip to the database (issue 17, round 7)."""
    user = request.user
    mfa_enabled, identities, registrations, ideas, requests, upcoming = read_together(
        account_selectors.mfa_enabled_reading(user),
        account_selectors.eid_identities_reading(user),
        participation_selectors.registrations_reading(user),
        ideas_selectors.ideas_reading(user),
        online_requests_selectors.requests_reading(user),
        appointments_selectors.upcoming_bookings_reading(user),
    )
    return render(
        request,
        "portal/my_account.html",
        {
            "mfa_enabled": mfa_enabled,
            "eid_identities": identities,
            "eid_label": eid.label(),
            "registrations": registrations,
            "my_ideas": ideas,
            "my_requests": requests[:MY_ACCOUNT_REQUESTS],
            "upcoming": upcoming,
        },
    )
