import logging
from dataclasses import asdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from munich_portal.accounts import actions
from munich_portal.accounts.forms import DeleteAccountForm
from munich_portal.accounts.selectors import is_staff_account
from munich_portal.audit.selectors import erasure_preview

logger = logging.getLogger(__name__)


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


# --- Sign-in with BayernID / BundID (issue 16) ---------------------------------------------------

#: How long the portal waits for the identity provider's answer to an AuthnRequest, and for the
#: browser to come back from the answer to the finishing page.
EID_REQUEST_SECONDS = 15 * 60
EID_HANDOFF_SECONDS = 5 * 60
#: The session's proof that it started the sign-in the answer belongs to.
EID_BINDING_KEY = "eid_binding"


def _eid_problem(request, reason: str, *, status: int = 400):
    from munich_portal.accounts import eid

    return render(
        request,
        "accounts/eid_problem.html",
        {"reason": reason, "label": eid.label()},
        status=status,
    )


def _safe_next(request, url: str) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("portal:my_account")


@never_cache
@require_safe
def eid_login(request):
    """Send the browser to the identity provider with a signed AuthnRequest (``?stufe=`` asks for
    a minimum assurance level, ``?next=`` is where to return)."""
    import secrets

    from django.core.cache import cache

    from munich_portal.accounts import eid

    if not eid.configured():
        raise Http404
    level = request.GET.get("stufe", "")
    level = level if level in eid.LEVELS else ""
    next_url = _safe_next(request, request.GET.get("next", ""))
    binding = request.session.get(EID_BINDING_KEY) or secrets.token_urlsafe(24)
    request.session[EID_BINDING_KEY] = binding
    try:
        request_id, location = eid.authn_request(level=level, relay_state="")
    except Exception:  # metadata unreachable or broken: a clear page, never a 500
        logger.exception("BayernID/BundID: could not build the AuthnRequest")
        return _eid_problem(request, "unavailable", status=503)
    cache.set(
        f"eid:request:{request_id}",
        {"next": next_url, "binding": binding, "language": translation.get_language()},
        EID_REQUEST_SECONDS,
    )
    return redirect(location)


def _in_response_to(saml_response: str) -> str:
    """The InResponseTo of a base64 SAMLResponse (unverified: only to find the request)."""
    import base64
    import binascii

    from defusedxml import ElementTree

    try:
        root = ElementTree.fromstring(base64.b64decode(saml_response, validate=False))
    except (binascii.Error, ValueError, ElementTree.ParseError, TypeError):
        return ""
    except Exception:  # defusedxml refuses entities, DTDs and the like
        return ""
    return str(root.get("InResponseTo") or "")


@csrf_exempt
@never_cache
@require_http_methods(["POST"])
def eid_acs(request):
    """The assertion consumer service: the identity provider's POSTed answer.

    The session cookie is not sent with this cross-site POST (SameSite=Lax), so the answer is
    checked here and handed to :func:`eid_finish` (a same-site GET with the session) through the
    shared cache under a random token. Each AuthnRequest is answered once: its record is taken
    from the cache before the answer is checked.
    """
    from django.core.cache import cache

    from munich_portal.accounts import eid

    if not eid.configured():
        raise Http404
    saml_response = request.POST.get("SAMLResponse", "")
    request_id = _in_response_to(saml_response)
    record = cache.get(f"eid:request:{request_id}") if request_id else None
    if record is None:
        logger.warning("BayernID/BundID: answer to no outstanding request (replayed or late)")
        return _eid_problem(request, "invalid")
    cache.delete(f"eid:request:{request_id}")
    with translation.override(record.get("language") or settings.LANGUAGE_CODE):
        return _accept(request, saml_response, request_id, record)


def _accept(request, saml_response: str, request_id: str, record: dict):
    import secrets

    from django.core.cache import cache

    from munich_portal.accounts import eid

    try:
        assertion = eid.read_response(saml_response, outstanding={request_id: record["next"]})
    except eid.ResponseRejected as rejected:
        logger.warning("BayernID/BundID: response rejected: %s", rejected)
        return _eid_problem(request, "invalid")
    if not cache.add(f"eid:assertion:{assertion.assertion_id}", 1, EID_REQUEST_SECONDS):
        return _eid_problem(request, "invalid")
    token = secrets.token_urlsafe(24)
    cache.set(
        f"eid:handoff:{token}",
        {**record, "assertion": asdict(assertion)},
        EID_HANDOFF_SECONDS,
    )
    # 303: the browser GETs the finishing page (with the session cookie, a top-level navigation).
    response = HttpResponseRedirect(f"{reverse('accounts:eid_finish')}?t={token}")
    response.status_code = 303
    return response


@never_cache
@require_safe
def eid_finish(request):
    """Log in with the verified assertion (in the session that started the sign-in)."""
    from allauth.mfa.utils import is_mfa_enabled
    from django.contrib.auth import login
    from django.core.cache import cache

    from munich_portal.accounts import eid
    from munich_portal.accounts.selectors import EID_SESSION_KEY

    if not eid.configured():
        raise Http404
    token = request.GET.get("t", "")
    record = cache.get(f"eid:handoff:{token}") if token else None
    if record is not None:
        cache.delete(f"eid:handoff:{token}")
    binding = request.session.get(EID_BINDING_KEY)
    if record is None or not binding or record["binding"] != binding:
        return _eid_problem(request, "invalid")
    assertion = eid.Assertion(**record["assertion"])
    try:
        user, eid_login_row = actions.sign_in_with_eid(
            assertion=assertion, current_user=request.user
        )
    except actions.EidSignInRefused as refused:
        return _eid_problem(request, refused.reason, status=403)
    if is_mfa_enabled(user) and eid.level_rank(assertion.level) < eid.level_rank("substantial"):
        # A second factor is not bypassed by a sign-in weaker than it.
        return _eid_problem(request, "mfa", status=403)
    if not (request.user.is_authenticated and request.user.pk == user.pk):
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[EID_SESSION_KEY] = {"login": eid_login_row.pk, "level": assertion.level}
    request.session.pop(EID_BINDING_KEY, None)
    return redirect(record["next"])


@require_safe
def eid_metadata(request):
    """The portal's SAML metadata, for the identity provider's registration."""
    from munich_portal.accounts import eid

    if not eid.configured():
        raise Http404
    return HttpResponse(eid.metadata_xml(), content_type="application/samlmetadata+xml")
