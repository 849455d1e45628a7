"""Accessibility pages.

TODO(issue 8): the statement maintained in the admin, barrier reports stored and handled with
deadlines, the sign-language video; until then the statement, easy-language and sign-language
pages are fixed texts and a barrier report is e-mailed to the accessibility officer.
"""

import logging
from urllib.parse import urlsplit

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accessibility import actions
from accessibility.forms import BarrierReportForm, local_page

logger = logging.getLogger(__name__)


@require_safe
def statement(request):
    return render(
        request, "accessibility/statement.html", {"site_host": urlsplit(settings.SITE_URL).netloc}
    )


@require_safe
def easy_language(request):
    return render(request, "accessibility/easy_language.html")


@require_safe
def sign_language(request):
    return render(request, "accessibility/sign_language.html")


def _own_hosts(request) -> set[str]:
    """The host names under which a page address counts as this portal's."""
    return {request.get_host(), urlsplit(settings.SITE_URL).netloc}


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
                    client_ip=get_adapter(request).get_client_ip(request), **form.cleaned_data
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
            except OSError:
                # The mail server is unreachable: keep everything the person wrote on the page.
                logger.exception("Could not send a barrier report")
                form.add_error(
                    None,
                    _(
                        "We could not send your report just now. Please try again in a few "
                        "minutes — your text is still here. Or write to %(email)s or call 115."
                    )
                    % {"email": settings.PORTAL_ACCESSIBILITY_EMAIL},
                )
                status = 503
            else:
                return redirect("accessibility:report_thanks")
    else:
        page = local_page(request.GET.get("seite", ""), allowed_hosts=allowed_hosts)
        form = BarrierReportForm(initial={"page": page or ""}, allowed_hosts=allowed_hosts)
    return render(request, "accessibility/report.html", {"form": form}, status=status)


@require_safe
def report_thanks(request):
    return render(request, "accessibility/report_thanks.html")
