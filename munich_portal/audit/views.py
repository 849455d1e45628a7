"""Meine Daten (/meine-daten/): what the city holds about the logged-in resident, every change to
it and every use of it, with downloads (JSON, a printable page, a PDF).

The overview stays small whatever a resident has (issue 17, round 2): it counts the records of each
kind and the uses in one query and shows one page of uses; the records of each kind
(``daten/<kind>/``), the changes (``aenderungen/``) and the records made without logging in
(``ohne-konto/``) have pages of their own, paged with ``?seite=`` (not a number: page 1; past the
last page: 404). The downloads still contain everything.

The downloads read everything the city holds about the person (the PDF also renders it), so they
are rate limited per account (:data:`DOWNLOADS_PER_HOUR`, the kernel's limiter
:mod:`munich_portal.core.ratelimit`): past the limit a page in the portal layout answers 429.

Every page shows the logged-in person's own data only: no URL takes a person's id, and the one id
a URL takes (a use's reference number) is looked up among the person's own uses — anyone else's
gives 404. Reading one's own data is itself a use: each page and download logs an event (actor
"self", purpose ``data_subject_rights``, channel web) before it reads, so the page shows itself.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from munich_portal.audit import exports, purposes
from munich_portal.audit.actions import pseudonym_for, record_use
from munich_portal.audit.forms import UsesFilterForm
from munich_portal.audit.models import DataUseEvent
from munich_portal.audit.registry import declaration_for
from munich_portal.audit.selectors import (
    events_for_subject,
    guest_records_for_subject,
    history_for_subject,
    overview_for_subject,
    record_counts_for_subject,
    records_page_for_subject,
)
from munich_portal.core import ratelimit
from munich_portal.core.fragment_cache import once

#: Uses per page of the overview, records per page of one kind, changes per page (the downloads
#: have them all).
USES_PER_PAGE = 20
RECORDS_PER_PAGE = 20
CHANGES_PER_PAGE = 50
PAGE_PARAM = "seite"
#: Downloads (JSON, printable page, PDF together) per account and hour.
DOWNLOADS_PER_HOUR = 10


def _meine_daten_view(view):
    """Logged in, never cached anywhere (personal data), GET and HEAD only."""
    return login_required(never_cache(require_safe(view)))


def _log_own_use(
    request, *, action: str = "view", record_id=None, durable: bool = True, **details
) -> None:
    # Explicit purpose and no case number: a staff member reading their own data does so as a
    # data subject, not under the purpose of work in their session.
    record_use(
        durable=durable,
        action=action,
        subject=request.user,
        actor=request.user,
        record_type="audit.datauseevent" if record_id is not None else None,
        record_id=record_id,
        purpose=purposes.DATA_SUBJECT_RIGHTS.code,
        case_number="",
        channel=DataUseEvent.Via.WEB,
        details=details,
    )


def _downloads_limited(request) -> HttpResponse | None:
    """A 429 page when the account has used up its downloads, else ``None`` (one is counted)."""
    if ratelimit.hit(
        ratelimit.account_key(request.user, "meine_daten.download"),
        limit=DOWNLOADS_PER_HOUR,
        period=timedelta(hours=1),
    ):
        return None
    return render(request, "audit/too_many_downloads.html", status=429)


def _with_urls(uses: list) -> list:
    # One reverse() for the page instead of one per use.
    prefix = reverse("audit:use_detail", args=[0])[: -len("0/")]
    for use in uses:
        use.url = f"{prefix}{use.seq}/"
    return uses


def _page_number(request) -> int:
    """The page asked for with ``?seite=``: anything but a positive number is page 1."""
    try:
        number = int(request.GET.get(PAGE_PARAM, 1))
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


def _page_links(page) -> dict:
    """The previous and next pages' links (``None`` where there is none)."""
    return {
        "previous_url": f"?{PAGE_PARAM}={page.previous_page_number()}"
        if page.has_previous()
        else None,
        "next_url": f"?{PAGE_PARAM}={page.next_page_number()}" if page.has_next() else None,
    }


@_meine_daten_view
def meine_daten(request):
    """The overview: how many records of each kind, one page of uses (filterable by a GET form)
    and the downloads; queries and work do not grow with the number of records."""
    # The resident's own view: chained like every use, without waiting for the disk
    # (docs/decisions.md, "Meine Daten: the resident's own views").
    _log_own_use(request, view="meine_daten", durable=False)
    user = request.user
    # Unfilled, the form is built only when its fragment is rendered (issue 17, round 7).
    form = UsesFilterForm(request.GET) if set(request.GET) - {PAGE_PARAM} else None
    filter_error = form is not None and not form.is_valid()
    filters = form.selector_filters() if form is not None and not filter_error else {}
    filtered = bool(filters) and any(filters.values())
    number = _page_number(request)
    if filtered or number != 1:
        counts = record_counts_for_subject(user)
        page = events_for_subject(
            user,
            filters=filters,
            page=number,
            per_page=USES_PER_PAGE,
            count=None if filtered else counts.uses,
            pseudonym=counts.pseudonym,
        )
    else:
        # The usual visit: counts and the newest uses in one round trip.
        counts, page = overview_for_subject(user, per_page=USES_PER_PAGE)
    kept = {
        key: value
        for key, value in request.GET.items()
        if form is not None and key in form.fields and value and not filter_error
    }

    def page_url(number: int) -> str:
        return "?" + urlencode({**kept, PAGE_PARAM: number}) + "#uses-heading"

    context = {
        "form": form,
        "empty_form": once(UsesFilterForm),
        "filter_error": filter_error,
        "filtered": filtered,
        "counts": counts,
        "page": page,
        "uses": _with_urls(exports.describe_events(page.object_list)),
        "previous_url": page_url(page.previous_page_number()) if page.has_previous() else None,
        "next_url": page_url(page.next_page_number()) if page.has_next() else None,
        "controller": purposes.CONTROLLER,
    }
    return render(request, "audit/meine_daten.html", context)


@_meine_daten_view
def records(request, label: str):
    """One kind of record about the resident, newest first, a page of
    :data:`RECORDS_PER_PAGE` at a time; an unknown kind or a page past the last gives 404."""
    declaration = declaration_for(label)
    if declaration is None or declaration.label != label:
        raise Http404
    _log_own_use(request, view="meine_daten_records", record_kind=label, durable=False)
    try:
        page, group = records_page_for_subject(
            request.user, declaration, number=_page_number(request), per_page=RECORDS_PER_PAGE
        )
    except EmptyPage:
        raise Http404 from None
    context = {
        "declaration": declaration,
        "page": page,
        "records": [group] if group else [],
        **_page_links(page),
    }
    return render(request, "audit/records.html", context)


@_meine_daten_view
def changes(request):
    """Every change to the resident's records, newest first, :data:`CHANGES_PER_PAGE` a page."""
    _log_own_use(request, view="meine_daten_changes", durable=False)
    try:
        page = Paginator(history_for_subject(request.user), CHANGES_PER_PAGE).page(
            _page_number(request)
        )
    except EmptyPage:
        raise Http404 from None
    context = {"page": page, "history": page.object_list, **_page_links(page)}
    return render(request, "audit/changes.html", context)


@_meine_daten_view
def guest_records(request):
    """Records made without logging in with one of the resident's confirmed e-mail addresses."""
    _log_own_use(request, view="meine_daten_guest_records", durable=False)
    context = {"guest_records": guest_records_for_subject(request.user)}
    return render(request, "audit/guest_records.html", context)


@_meine_daten_view
def use_detail(request, seq: int):
    """One use of the person's data, with its reference number; another person's gives 404."""
    pseudonym = pseudonym_for(request.user, create=False)
    event = (
        DataUseEvent.objects.filter(seq=seq, subject_pseudonym=pseudonym).first()
        if pseudonym
        else None
    )
    if event is None:
        raise Http404
    _log_own_use(request, record_id=seq, view="meine_daten_event", durable=False)
    (use,) = exports.describe_events([event])
    batch = (
        DataUseEvent.objects.filter(seq=event.batch).only("seq", "details").first()
        if event.batch
        else None
    )
    context = {
        "event": event,
        "use": use,
        "batch_size": (batch.details or {}).get("subjects") if batch else None,
        "controller": purposes.CONTROLLER,
    }
    return render(request, "audit/use_detail.html", context)


@_meine_daten_view
def export_json(request):
    """Everything as JSON: records, changes and every use."""
    if limited := _downloads_limited(request):
        return limited
    _log_own_use(request, action="export", format="json")
    response = HttpResponse(
        exports.subject_json(request.user), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="meine-daten-{timezone.localdate():%Y-%m-%d}.json"'
    )
    return response


@_meine_daten_view
def document(request):
    """Everything as a readable page, made for printing."""
    if limited := _downloads_limited(request):
        return limited
    _log_own_use(request, action="export", format="html")
    return render(request, "audit/document.html", exports.document_context(request.user))


@_meine_daten_view
def export_pdf(request):
    """Everything as a PDF document (WeasyPrint)."""
    if limited := _downloads_limited(request):
        return limited
    _log_own_use(request, action="export", format="pdf")
    context = exports.document_context(request.user, limit=exports.PDF_EVENT_LIMIT)
    pdf = exports.render_pdf(context, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="meine-daten-{timezone.localdate():%Y-%m-%d}.pdf"'
    )
    return response
