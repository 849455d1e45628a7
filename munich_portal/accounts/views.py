from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from munich_portal.accounts import actions
from munich_portal.accounts.forms import DeleteAccountForm
from munich_portal.accounts.selectors import is_staff_account
from munich_portal.audit.selectors import erasure_preview


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def delete_account(request):
    """The deletion page: what will be cancelled, deleted and kept anonymised, then the form."""
    if is_staff_account(request.user):
        # Staff accounts stay, so that their work stays attributed; an administrator deactivates
        # them. The page explains; a POST deletes nothing (403).
        status = 403 if request.method == "POST" else 200
        return render(request, "accounts/delete_account_staff.html", status=status)
    preview = erasure_preview(request.user)
    form = DeleteAccountForm(
        request.POST or None, user=request.user, contributions=preview.has_contributions
    )
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        actions.delete_account(user=user, contributions=form.contributions_choice())
        messages.success(request, _("Your account has been deleted."))
        return redirect("portal:home")
    return render(request, "accounts/delete_account.html", {"form": form, "preview": preview})
