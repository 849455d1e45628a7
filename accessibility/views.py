"""Accessibility pages: statement, barrier report, Leichte Sprache, sign language, display settings.

Thin views: reads through ``selectors``, writes through ``actions``. The public pages are cached
for anonymous visitors (``cache_public_page``, keyed by the display-preference cookie too).
"""

import logging
import mimetypes
import re
from pathlib import Path
from urllib.parse import urlsplit

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accessibility import actions, selectors
from accessibility import preferences as prefs
from accessibility.forms import BarrierReportForm, DisplayPreferencesForm, local_page
from accessibility.models import SignLanguageVideo
from munich_portal.core.page_cache import cache_public_page

logger = logging.getLogger(__name__)

PLACEHOLDER_DIR = Path(__file__).resolve().parent / "static" / "accessibility" / "dgs"
PLACEHOLDER_CAPTIONS = PLACEHOLDER_DIR / "platzhalter.de.vtt"


def _own_hosts(request) -> set[str]:
    """The host names under which a page address counts as this portal's."""
    return {request.get_host(), urlsplit(settings.SITE_URL).netloc}


# --- Statement, Leichte Sprache, sign language --------------------------------------------------


@require_safe
@cache_public_page
def statement(request):
    return render(
        request,
        "accessibility/statement.html",
        {
            "statement": selectors.published_statement(),
            "site_host": urlsplit(settings.SITE_URL).netloc,
        },
    )


@require_safe
@cache_public_page
def easy_language(request):
    return render(request, "accessibility/easy_language.html")


@require_safe
@cache_public_page
def sign_language(request):
    video = selectors.published_sign_language_video()
    sources = []
    captions_url = ""
    if video is not None:
        if video.is_placeholder:
            sources = [
                (static("accessibility/dgs/platzhalter.mp4"), "video/mp4"),
                (static("accessibility/dgs/platzhalter.webm"), "video/webm"),
            ]
        else:
            url = reverse("accessibility:sign_language_file", args=[video.pk, "video"])
            sources = [(url, mimetypes.guess_type(video.video.name)[0] or "video/mp4")]
        captions_url = reverse("accessibility:sign_language_file", args=[video.pk, "captions"])
    return render(
        request,
        "accessibility/sign_language.html",
        {"video": video, "sources": sources, "captions_url": captions_url},
    )


# One byte range. Positions have at most 18 digits (beyond any file's size, below int()'s digit
# limit): a longer or malformed header is ignored and the whole file is sent (RFC 9110, 14.2).
_RANGE = re.compile(r"^bytes=(\d{0,18})-(\d{0,18})$")


@require_safe
def sign_language_file(request, pk: int, kind: str):
    """The published video's file or its captions, from the portal itself (no third party).

    Uploaded files live outside the static root (MEDIA_ROOT is not served as such), so they are
    served here, for published videos only, with byte ranges so that players can seek. The
    placeholder's captions come from the app's static folder, as ``text/vtt`` — the static file
    server would call them ``application/octet-stream``, which browsers refuse for a track.
    """
    video = get_object_or_404(SignLanguageVideo, pk=pk, is_published=True)
    if kind == "captions":
        if video.captions:
            content = video.captions.open("rb").read()
        elif video.is_placeholder:
            content = PLACEHOLDER_CAPTIONS.read_bytes()
        else:
            raise Http404
        response = HttpResponse(content, content_type="text/vtt; charset=utf-8")
    elif kind == "video" and video.video:
        response = _ranged_file(request, video.video)
    else:
        raise Http404
    response["Cache-Control"] = "public, max-age=3600"
    return response


def _ranged_file(request, field_file):
    content_type = mimetypes.guess_type(field_file.name)[0] or "application/octet-stream"
    size = field_file.size
    match = _RANGE.match(request.headers.get("Range", ""))
    handle = field_file.open("rb")
    if match is None or (not match[1] and not match[2]):
        response = FileResponse(handle, content_type=content_type)
        response["Accept-Ranges"] = "bytes"
        return response
    if match[1]:
        start = int(match[1])
        end = min(int(match[2]), size - 1) if match[2] else size - 1
    else:  # "bytes=-500": the last 500 bytes
        start, end = max(size - int(match[2]), 0), size - 1
    if start > end or start >= size:
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    handle.seek(start)
    data = handle.read(end - start + 1)
    handle.close()
    response = HttpResponse(data, status=206, content_type=content_type)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    return response


# --- Barrier report -----------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def report_barrier(request):
    """The barrier report form; ``?seite=/path/`` fills in the page the person came from."""
    allowed_hosts = _own_hosts(request)
    status = 200
    if request.method == "POST":
        form = BarrierReportForm(request.POST, allowed_hosts=allowed_hosts)
        if form.is_valid():
            try:
                actions.submit_barrier_report(
                    client_ip=get_adapter(request).get_client_ip(request),
                    reporter=request.user,
                    **form.cleaned_data,
                )
            except actions.TooManyReports:
                form.add_error(
                    None,
                    _(
                        "You have sent several reports in the last few minutes. Please wait "
                        "ten minutes and send this one again — your text is still here. Or "
                        "write to %(email)s or call 115."
                    )
                    % {"email": settings.PORTAL_ACCESSIBILITY_EMAIL},
                )
                status = 429
            else:
                return redirect("accessibility:report_thanks")
    else:
        page = local_page(request.GET.get("seite", ""), allowed_hosts=allowed_hosts)
        form = BarrierReportForm(initial={"page": page or ""}, allowed_hosts=allowed_hosts)
    return render(request, "accessibility/report.html", {"form": form}, status=status)


@require_safe
@cache_public_page
def report_thanks(request):
    return render(request, "accessibility/report_thanks.html")


# --- Display preferences ------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def display_settings(request):
    """Text size, contrast, spacing and motion: a plain form, no JavaScript needed.

    Guests' choices go into a cookie for this browser; a logged-in resident's into their account
    (and wins over the cookie while they are logged in). "Reset" restores the normal look.
    """
    allowed_hosts = _own_hosts(request)
    user = request.user
    logged_in = user.is_authenticated
    if request.method == "POST":
        form = DisplayPreferencesForm(request.POST, allowed_hosts=allowed_hosts)
        if form.is_valid():
            page = form.cleaned_data["seite"]
            target = reverse("accessibility:display")
            if page:
                target += "?" + urlencode({"seite": page})
            response = redirect(target)
            if request.POST.get("action") == "reset":
                if logged_in:
                    actions.reset_display_preferences(user=user)
                response.delete_cookie(prefs.COOKIE_NAME, samesite="Lax")
                messages.success(request, _("The normal display is restored."))
                return response
            chosen = form.preferences()
            if logged_in:
                actions.save_display_preferences(user=user, preferences=chosen)
                messages.success(request, _("Your display settings are saved in your account."))
            else:
                _set_preference_cookie(response, chosen)
                messages.success(request, _("Your display settings are saved in this browser."))
            return response
        status = 400
    else:
        page = local_page(request.GET.get("seite", ""), allowed_hosts=allowed_hosts) or ""
        form = DisplayPreferencesForm(
            initial=DisplayPreferencesForm.initial_for(_current_preferences(request), page=page),
            allowed_hosts=allowed_hosts,
        )
        status = 200
    return render(
        request,
        "accessibility/display_settings.html",
        {
            "form": form,
            "back_to": form.initial.get("seite", "") if not form.is_bound else "",
            "stored_in_account": logged_in and selectors.stored_preferences(user) is not None,
        },
        status=status,
    )


def _current_preferences(request) -> prefs.Preferences:
    preferences = getattr(request, "display_preferences", None)
    if preferences is not None:
        return preferences
    return selectors.effective_preferences(
        user=request.user, cookie_value=request.COOKIES.get(prefs.COOKIE_NAME)
    )


def _set_preference_cookie(response, chosen: prefs.Preferences) -> None:
    if chosen.is_default:
        response.delete_cookie(prefs.COOKIE_NAME, samesite="Lax")
        return
    response.set_cookie(
        prefs.COOKIE_NAME,
        chosen.cookie_value(),
        max_age=prefs.COOKIE_MAX_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        # No script reads it: the server applies the preferences.
        httponly=True,
    )
