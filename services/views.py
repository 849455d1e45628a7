"""Public pages of the service catalogue, the suggestions endpoint and the open data.

Thin views: reads come from :mod:`services.selectors` and :mod:`services.search`. Pages that
are the same for every anonymous visitor are kept in the page cache per catalogue version and
until an office they show opens or closes (:data:`catalogue_page`).
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_safe

from munich_portal.core.fragment_cache import cached_fragment
from munich_portal.core.fragment_cache import once as _once
from munich_portal.core.i18n import active_language
from munich_portal.core.page_cache import cache_public_page, set_valid_until
from munich_portal.core.paging import page_number
from services import opendata, search, selectors, structured_data
from services.forms import SearchForm, read_filters

SEARCH_PARAMETERS = ("q", "lebenslage", "thema", "dienststelle", "online")
OPEN_DATA_MAX_AGE = 60 * 60
SUGGESTIONS_MAX_AGE = 5 * 60


def can_preview(user) -> bool:
    """Staff who may see the catalogue in the admin see drafts on the site, marked as preview."""
    return bool(user.is_active and user.is_staff and user.has_perm("services.view_service"))


#: Catalogue pages: served again while the catalogue version is unchanged, and no longer than
#: the "open now" they show is true (:func:`_status_moment`).
catalogue_page = cache_public_page(version=selectors.catalogue_token)


def _status_moment():
    """Now, the moment the "open now" of any office changes next, and the seconds until then: a
    fragment that shows one is kept no longer, and has that moment in its key, so after it a
    new one is rendered whatever a clock says (docs/services.md, "Fragments")."""
    now = timezone.now()
    valid_until = selectors.open_status_valid_until(now)
    return now, valid_until, max(0.0, (valid_until - now).total_seconds())


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
    number = 1
    if letter and letter in letters:
        number = page_number(request.GET.get("seite"))
        letter_page = _once(selectors.services_by_letter, letter, language, number)
    else:
        letter = ""
    # The lists are callables: on a fragment hit ({% fragment %}) none of them is read.
    return render(
        request,
        "services/catalogue.html",
        {
            "fragment_version": selectors.catalogue_token(),
            "life_situations": _once(selectors.life_situations_with_counts),
            "topics": _once(selectors.topics_with_counts),
            "popular": _once(selectors.popular_services),
            "letters": letters,
            "letter": letter,
            "letter_number": number,
            "letter_page": letter_page,
            "page_params": {"buchstabe": letter} if letter else {},
        },
    )


def _search_results(request):
    """Search results: the result part is kept as a fragment per query, filters, page, language
    and catalogue version, so a repeated search (everyone looking up passports at 7:00) runs no
    search; the page around it is rendered for each visitor."""
    query = search.clean_query(request.GET.get("q", ""))
    filters = read_filters(request.GET, selectors.filter_slugs())
    page = page_number(request.GET.get("seite"))
    results = _once(_search_context, query, filters, page)
    return render(
        request,
        "services/results.html",
        {
            "fragment_version": selectors.catalogue_token(),
            "query": query,
            "filters": filters,
            "page_number": page,
            "page_params": _search_params(query, filters),
            **{name: _once(lambda name: results()[name], name) for name in _SEARCH_PARTS},
        },
    )


_SEARCH_PARTS = ("form", "select_filters", "outcome", "filter_labels", "popular", "life_situations")


def _search_params(query: str, filters) -> dict:
    return {
        "q": query,
        "lebenslage": filters.life_situation,
        "thema": filters.topic,
        "dienststelle": filters.office,
        "online": "1" if filters.online else "",
    }


def _search_context(query: str, filters, page: int) -> dict:
    choices = selectors.filter_choices()
    outcome = search.search_services(
        query=query, language=active_language(), filters=filters, page=page
    )
    params = _search_params(query, filters)
    form = SearchForm({k: v for k, v in params.items() if v}, **choices)
    context = {
        "form": form,
        "select_filters": [
            _select("lebenslage", form, choices["life_situations"], filters.life_situation),
            _select("thema", form, choices["topics"], filters.topic),
            _select("dienststelle", form, choices["offices"], filters.office),
        ],
        "outcome": outcome,
        "filter_labels": _filter_labels(filters, choices),
        "popular": None,
        "life_situations": None,
    }
    if not outcome.results:
        context["popular"] = selectors.popular_services()
        context["life_situations"] = choices["life_situations"]
    return context


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
    """Suggestions as you type, as JSON: ``{"query": …, "results": [{"name", "url"}]}``.

    No template: the JSON is kept as a fragment per query, language and catalogue version."""
    query = search.clean_query(request.GET.get("q", ""))
    language = active_language()

    def body() -> str:
        services = search.suggest_services(query=query, language=language)
        results = [{"name": s.name, "url": s.get_absolute_url()} for s in services]
        return json.dumps({"query": query, "results": results}, cls=DjangoJSONEncoder)

    content = cached_fragment(
        request, "service-suggestions", query, render=body, version=selectors.catalogue_token()
    )
    response = HttpResponse(content.encode(), content_type="application/json")
    patch_cache_control(response, public=True, max_age=SUGGESTIONS_MAX_AGE)
    return response


# --- service detail ---------------------------------------------------------------------------
@require_safe
def service_detail(request, slug):
    if can_preview(request.user) and selectors.published_service_pk(slug) is None:
        service = selectors.service_for_page(slug, include_drafts=True)
        if service is None:
            raise Http404
        # A draft, shown to the staff as a preview: nothing of it is kept.
        return _render_service(request, service.pk, slug, lambda: service, version=None)
    return _public_service_detail(request, slug)


@catalogue_page
def _public_service_detail(request, slug):
    pk = selectors.published_service_pk(slug)
    if pk is None:
        raise Http404
    return _render_service(
        request,
        pk,
        slug,
        _once(_published_service, slug),
        version=selectors.catalogue_token(),
    )


def _published_service(slug):
    service = selectors.service_for_page(slug)
    if service is None:  # unpublished since the remembered catalogue version was read
        raise Http404
    return service


def _render_service(request, pk, slug, service, *, version):
    """The service page; ``service`` is a callable, called only for the fragments rendered."""
    wants_easy = request.GET.get("sprache") == "leicht"
    now, valid_until, seconds = _status_moment()
    response = render(
        request,
        "services/service_detail.html",
        {
            "service": service,
            "service_pk": pk,
            "booking_ref": selectors.service_reference(pk, slug),
            "wants_easy": wants_easy,
            "easy_language": _once(lambda: wants_easy and bool(service().easy_language_de)),
            "offices": _once(lambda: list(service().offices.all())),
            "related": _once(lambda: selectors.related_services(service())),
            "preview": version is None,
            "structured_data": _once(lambda: structured_data.service_data(service())),
            "now": now,
            "fragment_version": version,
            "status_seconds": seconds,
            "status_until": valid_until.isoformat(),
        },
    )
    return set_valid_until(response, valid_until)


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
    now, valid_until, seconds = _status_moment()
    response = render(
        request,
        "services/office_list.html",
        {
            "offices": _once(selectors.offices_for_list),
            "now": now,
            "fragment_version": selectors.catalogue_token(),
            "status_seconds": seconds,
            "status_until": valid_until.isoformat(),
        },
    )
    return set_valid_until(response, valid_until)


@require_safe
@catalogue_page
def office_detail(request, slug):
    pk = selectors.published_office_pk(slug)
    if pk is None:
        raise Http404
    office = _once(_published_office, slug)
    number = page_number(request.GET.get("seite"))
    now, valid_until, seconds = _status_moment()
    response = render(
        request,
        "services/office_detail.html",
        {
            "office": office,
            "office_pk": pk,
            "appointments_ref": selectors.office_reference(pk, slug),
            "now": now,
            "exceptions": _once(lambda: office().schedule.upcoming_exceptions(now)),
            "page": _once(
                lambda: selectors.services_at_office(office(), active_language(), number)
            ),
            "page_number": number,
            "page_params": {},
            "structured_data": _once(lambda: structured_data.office_data(office())),
            "fragment_version": selectors.catalogue_token(),
            "status_seconds": seconds,
            "status_until": valid_until.isoformat(),
        },
    )
    return set_valid_until(response, valid_until)


def _published_office(slug):
    office = selectors.office_for_page(slug)
    if office is None:  # unpublished since the remembered catalogue version was read
        raise Http404
    return office


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
