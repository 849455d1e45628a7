"""Public pages of the service catalogue, the suggestions endpoint and the open data.

Thin views: reads come from :mod:`services.selectors` and :mod:`services.search`. Pages that
are the same for every anonymous visitor are kept in the page cache per catalogue version and
until an office they show opens or closes (:data:`catalogue_page`).
"""

from __future__ import annotations

from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_safe

from munich_portal.core.i18n import active_language
from munich_portal.core.page_cache import cache_public_page, set_valid_until
from munich_portal.core.paging import page_number
from services import opendata, search, selectors, structured_data
from services.forms import SearchForm

SEARCH_PARAMETERS = ("q", "lebenslage", "thema", "dienststelle", "online")
OPEN_DATA_MAX_AGE = 60 * 60
SUGGESTIONS_MAX_AGE = 5 * 60


def can_preview(user) -> bool:
    """Staff who may see the catalogue in the admin see drafts on the site, marked as preview."""
    return bool(user.is_active and user.is_staff and user.has_perm("services.view_service"))


#: Catalogue pages: served again while the catalogue version is unchanged, and no longer than
#: the "open now" they show is true (:func:`_valid_until_offices_change`).
catalogue_page = cache_public_page(version=selectors.catalogue_token)


def _valid_until_offices_change(response, offices):
    """The page shows whether these offices are open: it expires when the first of them opens or
    closes."""
    now = timezone.now()
    changes = [office.schedule.next_change(now) for office in offices]
    return set_valid_until(response, min(changes) if changes else None)


# --- catalogue and search ---------------------------------------------------------------------
@require_safe
def catalogue(request):
    """/dienstleistungen/: the catalogue start, an A to Z letter, or search results."""
    if any(request.GET.get(name, "").strip() for name in SEARCH_PARAMETERS):
        return _search_results(request)
    return _catalogue_start(request)


@catalogue_page
def _catalogue_start(request):
    language = active_language()
    letter = request.GET.get("buchstabe", "")[:1].upper()
    letters = selectors.initial_letters(language)
    letter_page = None
    if letter and letter in letters:
        letter_page = selectors.services_by_letter(
            letter, language, page_number(request.GET.get("seite"))
        )
    else:
        letter = ""
    return render(
        request,
        "services/catalogue.html",
        {
            "form": SearchForm(),
            "life_situations": selectors.life_situations_with_counts(),
            "topics": selectors.topics_with_counts(),
            "popular": selectors.popular_services(),
            "letters": letters,
            "letter": letter,
            "letter_page": letter_page,
            "page_params": {"buchstabe": letter} if letter else {},
        },
    )


def _search_results(request):
    choices = selectors.filter_choices()
    raw = SearchForm(request.GET, **choices)
    query, filters = raw.query, raw.search_filters
    page = page_number(request.GET.get("seite"))
    outcome = search.search_services(
        query=query, language=active_language(), filters=filters, page=page
    )
    params = {
        "q": query,
        "lebenslage": filters.life_situation,
        "thema": filters.topic,
        "dienststelle": filters.office,
        "online": "1" if filters.online else "",
    }
    form = SearchForm({k: v for k, v in params.items() if v}, **choices)
    context = {
        "form": form,
        "select_filters": [
            _select("lebenslage", form, choices["life_situations"], filters.life_situation),
            _select("thema", form, choices["topics"], filters.topic),
            _select("dienststelle", form, choices["offices"], filters.office),
        ],
        "outcome": outcome,
        "filters": filters,
        "page_params": params,
        "filter_labels": _filter_labels(filters, choices),
    }
    if not outcome.results:
        context["popular"] = selectors.popular_services()
        context["life_situations"] = choices["life_situations"]
    return render(request, "services/results.html", context)


def _select(name: str, form, objects, selected: str) -> dict:
    """A filter select as plain data: rendering dozens of options through the widget templates
    costs more than the search itself."""
    return {
        "name": name,
        "id": f"id_{name}",
        "label": form.fields[name].label,
        "options": [("", form.fields[name].choices[0][1], not selected)]
        + [(item.slug, item.name, item.slug == selected) for item in objects],
    }


def _filter_labels(filters, choices) -> list[str]:
    labels = []
    for slug, options in (
        (filters.life_situation, choices["life_situations"]),
        (filters.topic, choices["topics"]),
        (filters.office, choices["offices"]),
    ):
        labels.extend(option.name for option in options if slug and option.slug == slug)
    return labels


@require_safe
def suggestions(request):
    """Suggestions as you type, as JSON: ``{"query": …, "results": [{"name", "url"}]}``."""
    query = search.clean_query(request.GET.get("q", ""))
    services = search.suggest_services(query=query, language=active_language())
    response = JsonResponse(
        {
            "query": query,
            "results": [
                {"name": service.name, "url": service.get_absolute_url()} for service in services
            ],
        }
    )
    patch_cache_control(response, public=True, max_age=SUGGESTIONS_MAX_AGE)
    return response


# --- service detail ---------------------------------------------------------------------------
@require_safe
def service_detail(request, slug):
    if can_preview(request.user):
        service = selectors.service_for_page(slug, include_drafts=True)
        if service is None:
            raise Http404
        return _render_service(request, service)
    return _public_service_detail(request, slug)


@catalogue_page
def _public_service_detail(request, slug):
    service = selectors.service_for_page(slug)
    if service is None:
        raise Http404
    return _render_service(request, service)


def _render_service(request, service):
    offices = list(service.offices.all())
    easy_language = request.GET.get("sprache") == "leicht" and bool(service.easy_language_de)
    response = render(
        request,
        "services/service_detail.html",
        {
            "service": service,
            "offices": offices,
            "related": selectors.related_services(service),
            "easy_language": easy_language,
            "preview": not service.is_published,
            "structured_data": structured_data.service_data(service),
            "now": timezone.now(),
        },
    )
    return _valid_until_offices_change(response, offices)


# --- life situations --------------------------------------------------------------------------
@require_safe
@catalogue_page
def life_situation_list(request):
    return render(
        request,
        "services/life_situation_list.html",
        {"life_situations": selectors.life_situations_with_counts()},
    )


@require_safe
@catalogue_page
def life_situation_detail(request, slug):
    situation = selectors.life_situation_for_page(slug)
    if situation is None:
        raise Http404
    page = selectors.services_in_life_situation(
        situation, active_language(), page_number(request.GET.get("seite"))
    )
    return render(
        request,
        "services/life_situation_detail.html",
        {"situation": situation, "page": page, "page_params": {}},
    )


# --- offices ----------------------------------------------------------------------------------
@require_safe
@catalogue_page
def office_list(request):
    offices = selectors.offices_for_list()
    response = render(
        request, "services/office_list.html", {"offices": offices, "now": timezone.now()}
    )
    return _valid_until_offices_change(response, offices)


@require_safe
@catalogue_page
def office_detail(request, slug):
    office = selectors.office_for_page(slug)
    if office is None:
        raise Http404
    page = selectors.services_at_office(
        office, active_language(), page_number(request.GET.get("seite"))
    )
    now = timezone.now()
    response = render(
        request,
        "services/office_detail.html",
        {
            "office": office,
            "status": office.schedule.status_at(now),
            "exceptions": office.schedule.upcoming_exceptions(now),
            "page": page,
            "page_params": {},
            "structured_data": structured_data.office_data(office),
        },
    )
    return _valid_until_offices_change(response, [office])


# --- open data --------------------------------------------------------------------------------
def _version(request):
    # condition() asks for the ETag and the date separately; one query serves both.
    if not hasattr(request, "_catalogue_version"):
        request._catalogue_version = selectors.catalogue_version()
    return request._catalogue_version


def _etag(name):
    def etag(request, *args, **kwargs):
        version = _version(request)
        return f"{version.token}-{name}" if version else None

    return etag


def _last_modified(request, *args, **kwargs):
    version = _version(request)
    return version.changed_at if version else None


def _open_data_response(chunks, content_type: str, filename: str):
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=OPEN_DATA_MAX_AGE)
    return response


@require_safe
@condition(etag_func=_etag("services-csv"), last_modified_func=_last_modified)
def open_data_services_csv(request):
    return _open_data_response(
        opendata.csv_lines(opendata.service_records(), opendata.SERVICE_COLUMNS),
        "text/csv; charset=utf-8",
        "dienstleistungen.csv",
    )


@require_safe
@condition(etag_func=_etag("services-json"), last_modified_func=_last_modified)
def open_data_services_json(request):
    return _open_data_response(
        opendata.json_chunks(opendata.service_records(), "services"),
        "application/json",
        "dienstleistungen.json",
    )


@require_safe
@condition(etag_func=_etag("offices-csv"), last_modified_func=_last_modified)
def open_data_offices_csv(request):
    return _open_data_response(
        opendata.csv_lines(opendata.office_records(), opendata.OFFICE_COLUMNS),
        "text/csv; charset=utf-8",
        "dienststellen.csv",
    )


@require_safe
@condition(etag_func=_etag("offices-json"), last_modified_func=_last_modified)
def open_data_offices_json(request):
    return _open_data_response(
        opendata.json_chunks(opendata.office_records(), "offices"),
        "application/json",
        "dienststellen.json",
    )
