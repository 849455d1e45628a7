"""Staff pages outside the admin (the clerks' entry, moderation, results previews)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from munich_portal.accounts.mfa import mfa_step_redirect
from munich_portal.audit.context import needs_department_choice

__all__ = ["staff_page"]


def staff_page(permission: str):
    """Logged in, staff, second factor used in this session, and ``permission``; like the
    admin. A clerk of several departments first says which one they act for."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("account_login"))
            if not (user.is_active and user.is_staff):
                raise PermissionDenied
            step = mfa_step_redirect(request, request.get_full_path())
            if step is not None:
                return step
            if not user.has_perm(permission):
                raise PermissionDenied
            if needs_department_choice(request):
                from munich_portal.audit.admin_mixins import purpose_url

                return redirect(purpose_url(request))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
