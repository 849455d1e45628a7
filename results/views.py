"""The results page of a process, its figures as files, the open data files and the export page.

Thin views: reads from :mod:`results.selectors`, files from
:mod:`results.opendata` and :mod:`results.exports`.
"""

from __future__ import annotations

import functools

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from munich_portal.core.fragment_cache import once as fragment_once
from munich_portal.core.page_cache import cache_public_page
from munich_portal.core.paging import page_number
from munich_portal.core.staff import staff_page
from munich_portal.core.timezone import today_in_munich
from participation.models import Process
from participation.selectors import participation_token
from participation.views import can_preview
from results import charts, exports, opendata, selectors, statistics
from results.forms import ExportForm

EXPORT_PERMISSION = "results.export_processresult"
OPEN_DATA_MAX_AGE = 60 * 60


def _chart_context(figures: statistics.PublishedFigures) -> dict:
    by_channel = figures.by_channel()
    by_district = figures.by_district()
    measure_index = statistics.MEASURE_KEYS.index("ideas")
    return {
        "by_channel": by_channel,
        "by_district": by_district,
        "channel_chart": charts.channel_chart(by_channel),
        "district_chart": charts.district_chart(
            by_district,
            measure_index=measure_index,
            measure_label=statistics.MEASURES[measure_index][1],
            chart_id="chart-districts",
        )
        if by_district
        else None,
    }


# --- the results page ---------------------------------------------------------------------------
@require_safe
def results(request, slug):
    """/beteiligung/<slug>/ergebnisse/: summary, decided ideas, figures by channel and district."""
    if can_preview(request.user):
        return _results(request, slug, include_drafts=True)
    return _public_results(request, slug)


@cache_public_page
def _public_results(request, slug):
    return _results(request, slug, include_drafts=False)


def _results(request, slug, *, include_drafts):
    """The public page is fragments (participation version, which also changes with every write to
    ideas and results, and the day): a hit runs no query. Without such a page the first fragment
    raises the 404 (nothing is kept). Staff's preview is never kept."""
    number = page_number(request.GET.get("seite"))

    def build() -> dict:
        page = selectors.results_page(slug, page=number, include_drafts=include_drafts)
        if page is None:
            raise Http404
        context = {"page": page, "process": page.process, "result": _result_of(page.process)}
        if page.published:
            context.update(_chart_context(page.figures))
            context["channel_labels"] = [label for _value, label in statistics.Channel.choices]
            context["measure_labels"] = [label for _key, label in statistics.MEASURES]
        return context

    once = fragment_once(build)
    if include_drafts:
        once()  # a missing process is a 404 before rendering starts
    names = ("page", "process", "result", "by_channel", "by_district", "channel_chart")
    names += ("district_chart", "channel_labels", "measure_labels")
    return render(
        request,
        "results/results.html",
        {
            "results_key": (slug, number),
            "slug": slug,
            "participation_version": None if include_drafts else participation_token(),
            "today": today_in_munich(),
            "page_params": {},
            **{name: SimpleLazyObject(functools.partial(_part, once, name)) for name in names},
        },
    )


def _part(compute, name):
    return compute().get(name)


def _result_of(process: Process):
    try:
        return process.result
    except Process.result.RelatedObjectDoesNotExist:
        return None


# --- open data ----------------------------------------------------------------------------------
def _file_response(text: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=OPEN_DATA_MAX_AGE)
    return response


def _published_process_or_404(slug: str) -> Process:
    page = selectors.results_page(slug)
    if page is None or not page.published:
        raise Http404
    return page.process


@require_safe
def process_statistics_csv(request, slug):
    process = _published_process_or_404(slug)
    return _file_response(
        opendata.csv_text(opendata.records([process])),
        "text/csv; charset=utf-8",
        f"beteiligung-{process.slug}.csv",
    )


@require_safe
def process_statistics_json(request, slug):
    process = _published_process_or_404(slug)
    return _file_response(
        opendata.json_text(opendata.records([process])),
        "application/json",
        f"beteiligung-{process.slug}.json",
    )


@require_safe
@cache_public_page
def open_data_csv(request):
    """Every published process with results: the figures in one file."""
    return _file_response(
        opendata.csv_text(opendata.records(selectors.processes_with_results())),
        "text/csv; charset=utf-8",
        "beteiligung-statistik.csv",
    )


@require_safe
@cache_public_page
def open_data_json(request):
    return _file_response(
        opendata.json_text(opendata.records(selectors.processes_with_results())),
        "application/json",
        "beteiligung-statistik.json",
    )


# --- organisers' export -------------------------------------------------------------------------
@require_http_methods(["GET", "HEAD", "POST"])
@staff_page(EXPORT_PERMISSION)
def export(request, slug):
    """/beteiligung/<slug>/export/: ideas or comments as CSV/XLSX, personal data only on request."""
    process = get_object_or_404(Process, slug=slug)
    status = 200
    if request.method == "POST":
        form = ExportForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            exported = exports.export(
                process=process,
                content=data["content"],
                file_format=data["file_format"],
                personal_data=data["personal_data"],
                purpose=data["purpose"] or None,
                case_number=data["case_number"],
            )
            response = HttpResponse(exported.content, content_type=exported.content_type)
            response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
            patch_cache_control(response, private=True, no_store=True)
            return response
        status = 400
    else:
        form = ExportForm()
    response = render(
        request,
        "results/export.html",
        {"process": process, "form": form, "title": _("Export ideas and comments")},
        status=status,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
