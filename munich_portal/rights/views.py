"""The public rights request form (no login): access to or erasure of one's data."""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from munich_portal.audit import purposes
from munich_portal.rights import actions
from munich_portal.rights.forms import RightsRequestForm


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def request_form(request):
    status = 200
    if request.method == "POST":
        form = RightsRequestForm(request.POST)
        if form.is_valid():
            try:
                actions.submit_request(
                    client_ip=get_adapter(request).get_client_ip(request),
                    account=request.user,
                    **form.cleaned_data,
                )
            except actions.TooManyRequests:
                form.add_error(
                    None,
                    _(
                        "You have sent several requests in the last hour. Please try again "
                        "later — your entries are still here. Or write to %(email)s."
                    )
                    % {"email": purposes.CONTROLLER["data_protection_officer_email"]},
                )
                status = 429
            else:
                return redirect("rights:thanks")
    else:
        form = RightsRequestForm()
    context = {"form": form, "controller": purposes.CONTROLLER}
    return render(request, "rights/request_form.html", context, status=status)


@require_safe
def thanks(request):
    return render(request, "rights/thanks.html", {"controller": purposes.CONTROLLER})
