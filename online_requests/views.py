"""The resident's pages: start, the form's pages, check your answers, confirmation, the list of
requests at /antraege/, a request's page with its messages, withdrawing, and file downloads.

Thin views: :mod:`.actions` writes, :mod:`.selectors` reads, :mod:`.fields` builds the forms.
Every page that shows a request checks that it belongs to the logged-in resident (others get 404).
Replies with a file are rate limited per account (:data:`REPLY_FILES_PER_HOUR`, the kernel's
limiter :mod:`munich_portal.core.ratelimit`): past the limit the form answers 429 with an error at
the file field and keeps the message typed.
"""

from __future__ import annotations

import functools
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from munich_portal.accounts import eid
from munich_portal.accounts import selectors as account_selectors
from munich_portal.accounts.models import AssuranceLevel
from munich_portal.core import ratelimit
from munich_portal.core.prepared import read_together
from online_requests import actions, fields, files, selectors, states
from online_requests.forms import ReplyForm
from online_requests.models import OnlineRequest, RequestForm, RequestStatus
from services.models import Service

ACTION_LATER = "later"
#: Replies with a file per account and hour; the file itself is at most 10 MB
#: (:data:`.forms.ATTACHMENT_MAX_BYTES`).
REPLY_FILES_PER_HOUR = 20
REPLY_FILES_PERIOD = timedelta(hours=1)


def has_verified_email(user) -> bool:
    return account_selectors.verified_email_reading(user).result()


def verified_resident_required(view=None, *, reading=None):
    """Logged in (else to the login, and back) with a verified e-mail address (else a page that
    explains how to verify it, with the way back).

    ``reading(request)``: the view's own read (a :class:`munich_portal.core.prepared.Reading`),
    sent to the database with the check in one round trip; the view gets its result as ``read``.
    """
    if view is None:
        return functools.partial(verified_resident_required, reading=reading)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("account_login"))
        if reading is None:
            verified = has_verified_email(request.user)
        else:
            verified, kwargs["read"] = read_together(
                account_selectors.verified_email_reading(request.user), reading(request)
            )
        if not verified:
            return render(
                request,
                "online_requests/verify_email.html",
                {"next_url": request.get_full_path()},
                status=403,
            )
        return view(request, *args, **kwargs)

    return never_cache(wrapper)


def _service_with_form(slug: str):
    service = get_object_or_404(Service.objects.published(), slug=slug)
    return service, selectors.current_version(service)


def _draft(request, service) -> OnlineRequest | None:
    return (
        OnlineRequest.objects.select_related("form_version", "service")
        .filter(user=request.user, service=service, status=RequestStatus.DRAFT)
        .first()
    )


def _level_label(level: str) -> str:
    return str(AssuranceLevel(level).label) if level in AssuranceLevel.values else ""


def required_level(service) -> str:
    """The BayernID/BundID level the service's request form requires (``""``: none)."""
    level = (
        RequestForm.objects.filter(service=service)
        .values_list("min_assurance_level", flat=True)
        .first()
    )
    return level or ""


def level_refused(request, service, level: str):
    """The page refusing to start or send a request without a sign-in at ``level``, with the
    button that signs in again with BayernID asking for that level and returns to the form."""
    return render(
        request,
        "online_requests/eid_required.html",
        {
            "service": service,
            "level": level,
            "level_label": _level_label(level),
            "current_level": _level_label(account_selectors.eid_level(request)),
            "label": eid.label(),
            "configured": eid.configured(),
            "sign_in_url": eid.login_url(
                reverse("online_requests:request_start", kwargs={"slug": service.slug}), level
            ),
        },
        status=403,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def start(request, slug):
    """The start page: what the request needs; "Start" (or "Continue") creates/resumes the draft."""
    service, version = _service_with_form(slug)
    draft = _draft(request, service) if request.user.is_authenticated else None
    if version is None and draft is None:
        raise Http404
    level = required_level(service)
    if request.method == "POST":
        if not account_selectors.eid_level_met(request, level):
            return level_refused(request, service, level)
        if not request.user.is_authenticated:
            return redirect_to_login(request.path, reverse("account_login"))
        if not has_verified_email(request.user):
            return verified_resident_required(start)(request, slug)
        draft = draft or actions.start_request(user=request.user, service=service, version=version)
        return redirect("online_requests:request_step", slug=slug, number=draft.current_page)
    definition = (draft.form_version if draft else version).definition
    return render(
        request,
        "online_requests/start.html",
        {
            "service": service,
            "draft": draft,
            "intro": fields.text_in(definition.get("intro")),
            "page_titles": [fields.text_in(page["title"]) for page in definition["pages"]],
            "file_fields": any(
                field["kind"] == "file" for page in definition["pages"] for field in page["fields"]
            ),
            "verified": request.user.is_authenticated and has_verified_email(request.user),
            "level": level,
            "level_label": _level_label(level),
            "level_met": account_selectors.eid_level_met(request, level),
            "eid_label": eid.label(),
        },
    )


@verified_resident_required
@require_http_methods(["GET", "HEAD", "POST"])
def step(request, slug, number):
    service = get_object_or_404(Service, slug=slug)
    draft = _draft(request, service)
    if draft is None:
        return redirect("online_requests:request_start", slug=slug)
    definition = draft.form_version.definition
    total = len(definition["pages"])
    if not 1 <= number <= total:
        raise Http404
    returning = request.GET.get("pruefen") == "1" or request.POST.get("pruefen") == "1"
    uploads = actions.draft_uploads(draft)
    page = definition["pages"][number - 1]
    page_uploads = {f["key"]: uploads[f["key"]] for f in page["fields"] if f["key"] in uploads}
    if request.method == "POST":
        if request.POST.get("action") == ACTION_LATER:
            actions.save_for_later(online_request=draft, page=number, data=request.POST)
            messages.success(
                request,
                _("Your draft is saved. Continue any time from “My requests”."),
            )
            return redirect("online_requests:request_list")
        form = fields.page_form(
            definition, number, data=request.POST, files=request.FILES, uploads=page_uploads
        )
        if form.is_valid():
            actions.save_answers(
                online_request=draft,
                page=number if returning else min(number + 1, total),
                answers=form.answers(),
                uploads=form.uploaded_files(),
            )
            if returning or number == total:
                return redirect("online_requests:request_check", slug=slug)
            return redirect("online_requests:request_step", slug=slug, number=number + 1)
    else:
        # BayernID/BundID's confirmed name and address fill what the resident has not answered.
        prefill = fields.prefilled_answers(definition, account_selectors.eid_person(request))
        answered = {key: value for key, value in draft.answers.items() if value not in ("", None)}
        form = fields.page_form(
            definition, number, initial={**prefill, **answered}, uploads=page_uploads
        )
        if request.GET.get("pruefen") == "1" and request.GET.get("fehler") == "1":
            # Sent back from the check page: show what is missing at once.
            data = {
                name: draft.answers.get(name, "")
                for f in page["fields"]
                for name in fields.field_names(f)
            }
            form = fields.page_form(definition, number, data=data, files={}, uploads=page_uploads)
            form.is_valid()
    return render(
        request,
        "online_requests/step.html",
        {
            "service": service,
            "draft": draft,
            "form": form,
            "number": number,
            "total": total,
            "page_title": fields.text_in(page["title"]),
            "returning": returning,
            "uploads": page_uploads,
            "multipart": any(f["kind"] == "file" for f in page["fields"]),
            "previous_url": reverse(
                "online_requests:request_step", kwargs={"slug": slug, "number": number - 1}
            )
            if number > 1
            else reverse("online_requests:request_start", kwargs={"slug": slug}),
        },
    )


@verified_resident_required
@require_http_methods(["GET", "HEAD", "POST"])
def check(request, slug):
    """Check your answers: every answer with a change link; "Submit" sends the request."""
    service = get_object_or_404(Service, slug=slug)
    draft = _draft(request, service)
    if draft is None:
        return redirect("online_requests:request_start", slug=slug)
    definition = draft.form_version.definition
    if request.method == "POST":
        level = required_level(service)
        if not account_selectors.eid_level_met(request, level):
            return level_refused(request, service, level)
        try:
            submitted = actions.submit_request(online_request=draft)
        except actions.NotReady as not_ready:
            messages.error(
                request, _("Some answers are missing or not valid. Please check this page.")
            )
            url = reverse(
                "online_requests:request_step", kwargs={"slug": slug, "number": not_ready.page}
            )
            return redirect(f"{url}?pruefen=1&fehler=1")
        return redirect("online_requests:request_submitted", reference=submitted.reference)
    uploads = actions.draft_uploads(draft)
    return render(
        request,
        "online_requests/check.html",
        {
            "service": service,
            "draft": draft,
            "pages": fields.pages_with_answers(definition, draft.answers, uploads),
        },
    )


@verified_resident_required
@require_safe
def submitted(request, reference):
    online_request = selectors.request_for_resident(request.user, reference)
    if online_request is None:
        raise Http404
    return render(request, "online_requests/submitted.html", {"online_request": online_request})


@verified_resident_required(reading=lambda request: selectors.requests_reading(request.user))
@require_safe
def request_list(request, read):
    requests = read
    return render(
        request,
        "online_requests/list.html",
        {
            "drafts": [item for item in requests if item.is_draft],
            "requests": [item for item in requests if not item.is_draft],
        },
    )


@verified_resident_required
@require_http_methods(["GET", "HEAD", "POST"])
def detail(request, reference):
    online_request = selectors.request_for_resident(request.user, reference)
    if online_request is None:
        raise Http404
    form = ReplyForm()
    status = 200
    if request.method == "POST":
        form = ReplyForm(request.POST, request.FILES)
        counted_at = None
        limit_key = ratelimit.account_key(request.user, "online_requests.reply_file")
        if form.is_valid() and form.cleaned_data.get("attachment"):
            counted_at = timezone.now()
            if not ratelimit.hit(
                limit_key, limit=REPLY_FILES_PER_HOUR, period=REPLY_FILES_PERIOD, now=counted_at
            ):
                counted_at = None
                form.add_error(
                    "attachment",
                    _(
                        "You have sent many files in the last hour. Please send this file "
                        "again later (within an hour). Your message is still here; you can "
                        "also send it now without the file."
                    ),
                )
                status = 429
        if form.is_valid():
            try:
                actions.answer_request(
                    online_request=online_request,
                    body=form.cleaned_data["body"],
                    user=request.user,
                    uploaded=form.cleaned_data.get("attachment"),
                )
            except ValidationError as error:
                if counted_at is not None:  # nothing was sent: the attempt does not count
                    ratelimit.undo(limit_key, period=REPLY_FILES_PERIOD, now=counted_at)
                form.add_error(None, error)
            else:
                messages.success(request, _("Your message has been sent."))
                return redirect("online_requests:request_detail", reference=reference)
    uploads = actions.draft_uploads(online_request)
    definition = online_request.form_version.definition
    thread = list(online_request.messages.prefetch_related("uploads"))
    return render(
        request,
        "online_requests/detail.html",
        {
            "online_request": online_request,
            "pages": fields.pages_with_answers(definition, online_request.answers, uploads),
            "status_changes": list(online_request.status_changes.all()),
            "thread": thread,
            "form": form,
            "can_withdraw": online_request.status in states.OPEN,
            "information_requested": online_request.status == RequestStatus.INFORMATION_REQUESTED,
        },
        status=status,
    )


@verified_resident_required
@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request, reference):
    online_request = selectors.request_for_resident(request.user, reference)
    if online_request is None:
        raise Http404
    error = None
    if request.method == "POST":
        try:
            actions.withdraw(online_request=online_request, user=request.user)
        except states.IllegalTransition as illegal:
            error = illegal.message
        else:
            messages.success(request, _("Your request has been withdrawn."))
            return redirect("online_requests:request_detail", reference=reference)
    return render(
        request,
        "online_requests/withdraw.html",
        {
            "online_request": online_request,
            "error": error,
            "can_withdraw": online_request.status in states.OPEN,
        },
    )


def file_response(upload) -> FileResponse:
    """The stored file as a download: never shown inline, never sniffed by the browser."""
    try:
        path = files.path_of(upload.storage_name)
        handle = path.open("rb")
    except (ValueError, OSError):
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=upload.original_name, content_type=upload.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@verified_resident_required
@require_safe
def download(request, upload_id):
    """A file the resident uploaded (only their own: others get 404)."""
    upload = selectors.upload_for_resident(request.user, upload_id)
    if upload is None:
        raise Http404
    return file_response(upload)
