"""The generated access matrix (issue 11): every URL pattern, role and situation.

The test does not keep a list of pages: it walks every URL pattern the resolver knows (the staff
area's and the public site's) and requests each one as every role (anonymous, a resident, another
resident, each staff role, a superuser) for every situation of the record the page shows (own,
another resident's, another department's, another office's, a draft, hidden by moderation,
pending, in an unpublished process). What it expects comes from the declarations, not from the
views:

- staff-area pages of a model: allowed exactly when the model admin's own permission methods
  allow it *and* the row is in the staff member's row scope (:mod:`munich_portal.core.scopes`,
  read straight from the declaration with :func:`~munich_portal.core.scopes.staff_q`); out of
  scope is a refusal (403, 404 or the admin's "does not exist" redirect) whose page does not
  contain the record; change lists never link an out-of-scope record;
- the apps' own staff-area pages about one record (file downloads, prints, moderation, answers,
  check-in, exports): refused out of scope;
- public pages about one record: allowed exactly when the row is in the model's ``public`` rule,
  or the viewer owns it, or the page lets the viewer preview it (declared per URL below);
- pages reached by a signed link answer a forged link with a refusal, never a 500;
- every other page: never a 500 for anyone.

A URL pattern that is neither a generated admin view nor named in :data:`URL_RULES` fails the
test ("no declared rule"), and so does a model the staff area serves without a row scope or
without a record in the world built here. The test prints how many cells it checked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from munich_portal.audit.admin_mixins import offered_purposes
from munich_portal.audit.context import SESSION_PURPOSE_KEY
from munich_portal.core import scopes
from munich_portal.core.roles import ROLE_PERMISSIONS, Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# --- the people -----------------------------------------------------------------------------------

VIEWERS = ["anonymous", "resident", "other_resident", *ROLE_PERMISSIONS, "superuser"]


@dataclass
class Situation:
    """One record in one situation, and a string of it that must not leak where it is refused."""

    name: str
    obj: object
    marker: str = ""
    owner: object = None  # the resident the record belongs to, if any


@dataclass
class World:
    users: dict[str, object] = field(default_factory=dict)
    situations: dict[type, list[Situation]] = field(default_factory=dict)
    # A model without a situation is shown by any of its rows (the demo data has one of each);
    # the bare world has none, also when a test runs inside the built world's transaction.
    any_row: bool = True

    def add(self, name, obj, *, marker="", owner=None):
        self.situations.setdefault(type(obj), []).append(Situation(name, obj, marker, owner))
        return obj

    def of(self, model) -> list[Situation]:
        found = self.situations.get(model)
        if found or not self.any_row:
            return found or []
        first = model._default_manager.order_by("pk").first()
        return [Situation("any", first)] if first is not None else []


def build_world() -> World:
    """The demo data (every model has rows) plus one record per situation."""
    from appointments.models import Booking
    from ideas.models import Comment, Idea, Moderation
    from munich_portal.portal.demo import load_all
    from participation.models import ProcessStatus
    from tests.appointments.factories import AppointmentTypeFactory, BookingFactory, SlotFactory
    from tests.ideas.conftest import make_idea, make_process
    from tests.online_requests.factories import (
        department,
        published_service,
        submitted_request,
    )
    from tests.services.factories import OfficeFactory

    load_all()
    world = World()
    resident = UserFactory(email="zora.geheim@example.org", full_name="Zora Geheim")
    other = UserFactory(email="bruno.fremd@example.org", full_name="Bruno Fremd")
    world.users.update(anonymous=AnonymousUser(), resident=resident, other_resident=other)
    for role in ROLE_PERMISSIONS:
        world.users[role] = UserFactory(
            email=f"{role.lower()}@matrix.example.org",
            staff=True,
            mfa=True,
            roles=[role],
            departments=["KVR"],
        )
    world.users["superuser"] = UserFactory(
        email="root@matrix.example.org",
        staff=True,
        mfa=True,
        roles=[Role.ADMINISTRATION],
        is_superuser=True,
    )

    # Online requests: the case worker's department (KVR), another department, a draft.
    from online_requests.models import OnlineRequest

    kvr_service = published_service(slug="matrix-kvr", department_code="KVR")
    other_service = published_service(slug="matrix-rku", department_code="RKU")
    own = submitted_request(kvr_service, resident)
    # The applicant's name, not the reference: the reference is in the URL itself.
    world.add("own_department", own, marker=resident.full_name, owner=resident)
    foreign = submitted_request(other_service, other)
    world.add("other_department", foreign, marker=other.full_name, owner=other)
    from online_requests import actions as request_actions
    from online_requests import selectors as request_selectors

    draft = request_actions.start_request(
        user=resident,
        service=kvr_service,
        version=request_selectors.current_version(kvr_service),
    )
    world.add(
        "draft",
        OnlineRequest.objects.get(pk=draft.pk),
        marker=resident.full_name,
        owner=resident,
    )

    # Bookings: at an office of the staff's department and at another department's office.
    kvr_office = OfficeFactory(slug="matrix-kvr-office", department=department("KVR"))
    rku_office = OfficeFactory(slug="matrix-rku-office", department=department("RKU"))
    for name, office, person in (
        ("own_office", kvr_office, "Olga Hierbucher"),
        ("other_office", rku_office, "Otto Dortbucher"),
    ):
        slot = SlotFactory(appointment_type=AppointmentTypeFactory(office=office))
        booking = BookingFactory(slot=slot, name=person, user=resident)
        world.add(name, Booking.objects.get(pk=booking.pk), marker=person, owner=resident)

    # Ideas and comments: published, hidden, pending, in an unpublished process.
    process = make_process("during", slug="matrix-verfahren")
    draft_process = make_process("during", slug="matrix-entwurf")
    draft_process.status = ProcessStatus.DRAFT
    draft_process.save()
    for name, proc, moderation in (
        ("published", process, Moderation.PUBLISHED),
        ("hidden", process, Moderation.HIDDEN),
        ("pending", process, Moderation.PENDING),
        ("unpublished", draft_process, Moderation.PUBLISHED),
    ):
        title = f"Matrixidee {name}"
        reason = "Beleidigend" if moderation == Moderation.HIDDEN else ""
        idea = make_idea(
            proc, resident, title=title, moderation=moderation, moderation_reason=reason
        )
        world.add(name, Idea.objects.get(pk=idea.pk), marker=title, owner=resident)
        text = f"Matrixkommentar {name}"
        comment = Comment.objects.create(
            process=proc,
            idea=None,
            author=other,
            text=text,
            moderation=moderation,
            moderation_reason=reason,
        )
        world.add(name, comment, marker=text, owner=other)
    # The process and event pages: published and unpublished.
    from participation.models import Event, Process

    world.add("published", Process.objects.get(pk=process.pk))
    world.add("unpublished", Process.objects.get(pk=draft_process.pk))
    from tests.participation.factories import EventFactory

    world.add("published", Event.objects.get(pk=EventFactory(process=process, slug="matrix-ev").pk))
    world.add(
        "unpublished",
        Event.objects.get(pk=EventFactory(process=draft_process, slug="matrix-ev-entwurf").pk),
    )
    _records_the_demo_lacks(world, resident, other)
    return world


def _records_the_demo_lacks(world: World, resident, other) -> None:
    """One row of each model the staff area serves that the demo data does not create."""
    from appointments.models import AppointmentType, WaitingListEntry
    from ideas.models import Comment, Idea, Report, UserBlock
    from munich_portal.audit.actions import create_anchor, record_use
    from munich_portal.messaging.models import Letter
    from paper.models import DuplicateDecision, FormSheet
    from participation.models import Registration

    idea = next(s.obj for s in world.situations[Idea] if s.name == "published")
    comment = next(s.obj for s in world.situations[Comment] if s.name == "published")
    world.add(
        "own",
        Report.objects.create(idea=idea, reporter=resident, reason="spam", details="Matrixmeldung"),
        marker="Matrixmeldung",
        owner=resident,
    )
    Report.objects.create(comment=comment, reporter=resident, reason="spam")
    world.add(
        "any",
        UserBlock.objects.create(user=other, process=idea.process, reason="Matrixsperre"),
        marker="Matrixsperre",
    )
    # Letters of both apps that write them: one model, the scope decided by each kind.
    from tests.messaging.conftest import idea_letter, registration_letter

    letter = registration_letter(first_name="Matrixbrief", user=resident)
    world.add(
        "participation", Letter.objects.get(pk=letter.pk), marker="Matrixbrief", owner=resident
    )
    letter = idea_letter(process=idea.process, author_name="Matrixideenbrief")
    world.add("ideas", Letter.objects.get(pk=letter.pk), marker="Matrixideenbrief")
    # An e-mail in the outbox (participation's kind); inside the world's transaction no task runs.
    from munich_portal.messaging.actions import queue_email
    from munich_portal.messaging.models import OutgoingEmail

    email = queue_email(
        kind="participation.confirmation",
        source=Registration.objects.order_by("pk").first(),
        recipient=resident,
        to=resident.email,
        subject="Matrixmail",
        body="Sie sind angemeldet.",
        language="de",
    )
    world.add("participation", OutgoingEmail.objects.get(pk=email.pk), marker="Matrixmail")
    world.add(
        "any",
        WaitingListEntry.objects.create(
            appointment_type=AppointmentType.objects.order_by("pk").first(),
            status="waiting",
            user=resident,
            name="Wanda Wartend",
            email="wanda@example.org",
        ),
        marker="Wanda Wartend",
        owner=resident,
    )
    registrations = list(Registration.objects.order_by("pk")[:2])
    sheet = FormSheet.objects.order_by("pk").first()
    world.add(
        "any",
        DuplicateDecision.objects.create(
            sheet=sheet,
            candidate=registrations[0],
            registration=registrations[1],
            decision=DuplicateDecision.Decision.DIFFERENT_PERSON,
            decided_by_id=world.users[Role.DATA_ENTRY].pk,
        ),
    )
    from paper.actions import record_returns

    world.add("any", record_returns(batch=sheet.batch, by=world.users[Role.DATA_ENTRY], count=1)[0])
    # Rights requests: from the web form (the officer's only) and on paper (clerks see it too).
    from munich_portal.rights.models import RightsRequest

    for channel, name in (("web", "Matrixwebantrag"), ("paper", "Matrixpapierantrag")):
        world.add(
            channel,
            RightsRequest.objects.create(
                kind="access", channel=channel, name=name, email="antrag@example.org"
            ),
            marker=name,
        )
    record_use(action="view", subject=resident.pk, record=resident, purpose="data_subject_rights")
    create_anchor(verify=False)


# --- how a page is requested and judged -------------------------------------------------------

REFUSED_REDIRECTS = ("/admin/", "/konto/login/", "/admin/login/", "/admin/zweck/")


def refused(response) -> bool:
    if response.status_code in (400, 403, 404, 405, 410):
        return True
    if response.status_code in (301, 302):
        location = response["Location"].split("?")[0]
        return location in REFUSED_REDIRECTS or location.startswith("/konto/login")
    return False


def allowed(response) -> bool:
    return response.status_code == 200


@dataclass
class Cell:
    url: str
    viewer: str
    situation: str
    expected: str  # "allowed", "refused" or "no error"
    marker: str = ""


# --- the declared rules of URLs that are not generated admin views -------------------------------


@dataclass
class Rule:
    """How the test fills a URL's arguments and what it expects.

    ``kind``: ``page`` (no record: never a 500), ``public`` (a public page about a record of
    ``model``), ``owner`` (a resident's own record), ``no_personal_data`` (a page about a record
    that never shows its personal data), ``token`` (a signed link), ``staff_object``
    (a staff page about a record of ``model``), ``redirect`` (the admin's shortcut to the change
    page, covered by it), ``page_login`` (a page for signed-in people).
    """

    kind: str
    model: object = None
    args: Callable | None = None  # situation -> kwargs (or None: not applicable)
    preview: Callable | None = None  # (viewer user, situation) -> bool: the page may show it


def _model(label):
    from django.apps import apps

    return lambda: apps.get_model(label)


def _idea_kwargs(situation):
    return {"slug": situation.obj.process.slug, "pk": situation.obj.pk}


def _process_preview(user, situation):
    from participation.views import can_preview

    return bool(getattr(user, "is_authenticated", False)) and can_preview(user)


def _idea_preview(user, situation):
    """The author sees their pending idea; moderators see pending ones; drafts of processes
    are previews for staff who may view processes."""
    from ideas import rules as idea_rules

    obj = situation.obj
    if not getattr(user, "is_authenticated", False):
        return False
    process_visible = obj.process.status == "published" or _process_preview(user, situation)
    if not process_visible:
        return False
    if obj.moderation != "pending":
        return True  # hidden ideas show their notice, published ones their text
    return obj.author_id == user.pk or idea_rules.can_moderate(user)


def _anonymous_process_visible(user, situation):
    obj = situation.obj
    return obj.process.status == "published" and obj.moderation != "pending"


def _idea_page_preview(user, situation):
    if not getattr(user, "is_authenticated", False):
        return _anonymous_process_visible(user, situation)
    return _idea_preview(user, situation)


def _staff_object(label: str, argument: str) -> Rule:
    """A staff page about one record whose id is the URL's ``argument``."""
    return Rule("staff_object", _model(label), lambda s: {argument: s.obj.pk})


PAGE = Rule("page")
PAGE_LOGIN = Rule("page_login")
TOKEN = Rule("token")

URL_RULES: dict[str, Rule] = {
    # The staff area's own pages without a record.
    "admin:index": PAGE,
    "admin:login": PAGE,
    "admin:logout": PAGE,
    "admin:password_change_done": PAGE,
    "admin:autocomplete": PAGE,
    "admin:jsi18n": PAGE,
    "admin:view_on_site": PAGE,
    "admin:app_list": PAGE,
    "admin:audit_purpose": PAGE,
    "admin:audit_datauseevent_unusual": PAGE,
    "admin:audit_processing_register": PAGE,
    "admin:audit_processing_register_json": PAGE,
    "admin:audit_processing_register_csv": PAGE,
    "admin:appointments_booking_day_list": PAGE,
    "admin:appointments_booking_day_list_print": PAGE,
    "admin:appointments_booking_clerk": PAGE,
    # The redaction queue of kept contributions and its page about one of them: only rows on the
    # queue (none in the world; tests/ideas/test_erasure_contributions.py checks who sees them).
    "admin:ideas_redaction_queue": PAGE,
    "admin:ideas_redaction": PAGE,
    # The apps' own staff-area pages about one record.
    "admin:online_requests_onlinerequest_file": Rule(
        "staff_object",
        _model("online_requests.OnlineRequest"),
        lambda s: (
            {"object_id": s.obj.pk, "upload_id": upload.pk}
            if (upload := s.obj.uploads.first()) is not None
            else None
        ),
    ),
    **{
        name: _staff_object(label, argument)
        for name, label, argument in (
            ("admin:appointments_booking_print", "appointments.Booking", "booking_id"),
            ("admin:participation_event_overview", "participation.Event", "event_id"),
            ("admin:participation_registration_check_in", "participation.Event", "event_id"),
            ("admin:participation_registration_export", "participation.Event", "event_id"),
            ("admin:participation_registration_duplicates", "participation.Event", "event_id"),
            (
                "admin:participation_registration_duplicates_merge",
                "participation.Event",
                "event_id",
            ),
            ("admin:paper_formbatch_pdf", "paper.FormBatch", "pk"),
            ("admin:paper_formbatch_returns", "paper.FormBatch", "pk"),
            ("admin:ideas_idea_moderate", "ideas.Idea", "pk"),
            ("admin:ideas_comment_moderate", "ideas.Comment", "pk"),
            ("admin:accessibility_barrierreport_answer", "accessibility.BarrierReport", "pk"),
            ("admin:rights_rightsrequest_identity", "rights.RightsRequest", "pk"),
            ("admin:rights_rightsrequest_answer", "rights.RightsRequest", "pk"),
            ("admin:rights_rightsrequest_erase", "rights.RightsRequest", "pk"),
            ("admin:rights_rightsrequest_close", "rights.RightsRequest", "pk"),
        )
    },
    # Ideas and comments on public pages: the public rule, the author, moderators' previews.
    "ideas:idea": Rule("public", _model("ideas.Idea"), _idea_kwargs, _idea_page_preview),
    "ideas:idea_report": Rule("public", _model("ideas.Idea"), _idea_kwargs, lambda user, s: False),
    "ideas:comment_report": Rule(
        "public",
        _model("ideas.Comment"),
        lambda s: {"slug": s.obj.process.slug, "pk": s.obj.pk},
        lambda user, s: False,
    ),
    "ideas:idea_support": Rule("public", _model("ideas.Idea"), _idea_kwargs, _idea_preview),
    "ideas:idea_comment": Rule("public", _model("ideas.Idea"), _idea_kwargs, _idea_page_preview),
    "ideas:comment_edit": Rule(
        "owner",
        _model("ideas.Comment"),
        lambda s: {"slug": s.obj.process.slug, "pk": s.obj.pk},
    ),
    "ideas:comment_delete": Rule(
        "owner",
        _model("ideas.Comment"),
        lambda s: {"slug": s.obj.process.slug, "pk": s.obj.pk},
    ),
    # A resident's own records.
    "online_requests:request_file": Rule(
        "owner",
        _model("online_requests.OnlineRequest"),
        lambda s: (
            {"upload_id": upload.pk} if (upload := s.obj.uploads.first()) is not None else None
        ),
    ),
    # What happens next after booking: by its reference, without any personal data.
    "appointments:booked": Rule(
        "no_personal_data",
        _model("appointments.Booking"),
        lambda s: {"reference": s.obj.reference},
    ),
}

# Processes and events: published, or a preview for staff who may view processes.
_BY_SLUG = {
    "participation.Process": (
        "participation:process", "ideas:ideas", "ideas:idea_create",
        "ideas:process_comments", "results:results", "results:results_csv",
        "results:results_json", "participation:process_image",
    ),
    "participation.Event": ("participation:event", "participation:event_calendar"),
}  # fmt: skip
for _label, _names in _BY_SLUG.items():
    for _name in _names:
        URL_RULES[_name] = Rule(
            "public", _model(_label), lambda s: {"slug": s.obj.slug}, _process_preview
        )
# A resident's own requests, by reference.
for _name in (
    "online_requests:request_detail",
    "online_requests:request_submitted",
    "online_requests:request_withdraw",
):
    URL_RULES[_name] = Rule(
        "owner", _model("online_requests.OnlineRequest"), lambda s: {"reference": s.obj.reference}
    )

# Pages without a record (or whose record is the signed-in person): never a 500.
for _name in (
    "portal:home", "portal:privacy", "portal:imprint", "portal:contact", "healthz", "set_language",
    "accessibility:statement", "accessibility:report", "accessibility:report_thanks",
    "accessibility:display", "accessibility:easy_language", "accessibility:sign_language",
    "accessibility:sign_language_file", "admin:password_change", "admin:auth_user_password_change",
    "services:detail", "services:suggestions",
    "services:catalogue", "services:service", "services:life_situations", "services:life_situation",
    "services:offices", "services:office", "services:a_to_z", "services:suggest",
    "portal:open_data", "services:open_data_services_csv", "services:open_data_services_json",
    "services:open_data_offices_csv", "services:open_data_offices_json",
    "online_requests:request_start", "online_requests:request_step",
    "online_requests:request_check", "online_requests:request_list",
    "appointments:book", "appointments:waitlist", "appointments:service_waitlist",
    "appointments:mine", "appointments:service_times",
    "participation:processes", "participation:document", "results:results_export",
    "results:open_data_csv", "results:open_data_json",
    "ideas:idea_transcribe", "ideas:clerk_index", "ideas:comment_transcribe",
    "ideas:support_lists", "ideas:support_list", "paper:paper_entry", "paper:paper_letters",
    "paper:paper_print_letters", "paper:paper_reprint_letters", "paper:paper_call",
    "paper:paper_sheet", "participation:registration_done",
    "portal:my_account", "accounts:delete_account", "audit:meine_daten", "audit:use_detail",
    "audit:document", "audit:export_json", "audit:export_pdf", "audit:records", "audit:changes",
    "audit:guest_records",
    "rights:request", "rights:thanks",
    # BayernID/BundID sign-in (issue 16): no record; unconfigured, 404.
    "accounts:eid_login", "accounts:eid_acs", "accounts:eid_finish", "accounts:eid_metadata",
):  # fmt: skip
    URL_RULES.setdefault(_name, PAGE)
for _name in (
    "appointments:confirm", "appointments:manage", "appointments:rebook", "appointments:calendar",
    "appointments:offer", "appointments:confirm_waitlist", "participation:confirm_guest",
    "participation:cancel", "ideas:idea_opt_out",
    "account_confirm_email", "account_reset_password_from_key",
):  # fmt: skip
    URL_RULES[_name] = TOKEN


# --- walking the resolver -------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    name: str
    route: str
    converters: tuple


def url_patterns() -> list[Pattern]:
    found = []

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                space = namespace
                if pattern.namespace:
                    space = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), space)
            elif isinstance(pattern, URLPattern):
                name = pattern.name or ""
                full = f"{namespace}:{name}" if namespace and name else name
                converters = tuple(getattr(pattern.pattern, "converters", {}))
                found.append(Pattern(full, prefix + str(pattern.pattern), converters))

    walk(get_resolver().url_patterns)
    return found


_GENERATED = re.compile(
    r"^admin:(?P<app>[a-z_]+?)_(?P<model>[a-z0-9]+)_"
    r"(?P<view>changelist|add|change|delete|history|simple_history)$"
)


def generated_admin_view(name: str):
    """``(model, view)`` for a URL the admin generates for a registered model, else ``None``."""
    match = _GENERATED.match(name)
    if not match:
        return None
    for model in admin.site._registry:
        meta = model._meta
        if (meta.app_label, meta.model_name) == (match["app"], match["model"]):
            return model, match["view"]
    return None


def rule_for(pattern: Pattern) -> Rule | None:
    if pattern.name in URL_RULES:
        return URL_RULES[pattern.name]
    if pattern.name.startswith("admin:") and pattern.name in ("admin:", "admin:None"):
        return Rule("redirect")
    if not pattern.name and pattern.route.startswith("admin/"):
        return Rule("redirect")  # the admin's "<object_id>/" shortcut and its catch-all
    if pattern.name.startswith(("account_", "mfa_")):
        return PAGE  # allauth's account pages: the signed-in person's own
    if pattern.name.startswith("bench"):
        return PAGE
    return None


# --- expectations from the declarations -----------------------------------------------------------


def in_staff_scope(model, obj, user) -> bool:
    """The declaration's answer, read without the admin: is ``obj`` in ``user``'s scope?"""
    return model._default_manager.filter(pk=obj.pk).filter(scopes.staff_q(model, user)).exists()


def is_public(model, obj) -> bool:
    return scopes.public(model._default_manager.filter(pk=obj.pk)).exists()


def admin_request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    request.session = {}
    return request


def expected_admin(model, view, situation, user) -> str:
    if not getattr(user, "is_authenticated", False) or not user.is_staff:
        return "refused"
    model_admin = admin.site._registry[model]
    request = admin_request(user)
    obj = situation.obj
    if view == "changelist":
        return "allowed" if model_admin.has_view_or_change_permission(request) else "refused"
    if view == "add":
        return "allowed" if model_admin.has_add_permission(request) else "refused"
    if not in_staff_scope(model, obj, user):
        return "refused"
    if view == "change":
        permitted = model_admin.has_view_or_change_permission(request, obj)
    elif view == "delete":
        permitted = model_admin.has_delete_permission(request, obj)
    elif hasattr(model_admin, "has_view_history_or_change_history_permission"):
        # simple-history's history list and versions
        permitted = model_admin.has_view_history_or_change_history_permission(request, obj)
    else:  # Django's own history (the admin's action log of the record)
        permitted = model_admin.has_view_or_change_permission(request, obj)
    return "allowed" if permitted else "refused"


def owner_of(situation):
    return situation.owner


# --- the test ------------------------------------------------------------------------------------


def client_for(world: World, viewer: str) -> Client:
    client = Client(raise_request_exception=False)
    user = world.users[viewer]
    if getattr(user, "is_authenticated", False):
        client.force_login(user)
        if user.is_staff:
            session = client.session
            purposes = [purpose.code for purpose in offered_purposes(user)]
            if purposes:
                session[SESSION_PURPOSE_KEY] = (
                    "data_subject_rights" if "data_subject_rights" in purposes else purposes[0]
                )
            session.save()
    return client


def cells_for(world: World, viewer: str) -> tuple[list[Cell], list[str]]:
    """Every URL and situation for one viewer, and the URL patterns without a declared rule."""
    user = world.users[viewer]
    cells: list[Cell] = []
    undeclared: list[str] = []
    for pattern in url_patterns():
        generated = generated_admin_view(pattern.name)
        if generated is not None:
            model, view = generated
            if scopes.scope_for(model) is None:
                undeclared.append(f"{model._meta.label}: no row scope")
                continue
            situations = world.of(model)
            if not situations:
                undeclared.append(f"{model._meta.label}: no record in the matrix's world")
                continue
            if view in ("changelist", "add"):
                situations = situations[:1]
            for situation in situations:
                obj = situation.obj
                if view in ("changelist", "add"):
                    url = reverse(pattern.name)
                elif view == "simple_history":
                    version = obj.history.order_by("-history_id").first()
                    if version is None:
                        continue
                    url = reverse(pattern.name, args=[obj.pk, version.history_id])
                else:
                    url = reverse(pattern.name, args=[obj.pk])
                cells.append(
                    Cell(
                        url,
                        viewer,
                        f"{model._meta.label_lower}:{view}:{situation.name}",
                        expected_admin(model, view, situation, user),
                        "" if view in ("changelist", "add") else situation.marker,
                    )
                )
            continue
        rule = rule_for(pattern)
        if rule is None:
            undeclared.append(f"{pattern.name or pattern.route}: no declared rule")
            continue
        if rule.kind == "redirect":
            continue
        if rule.kind in ("page", "page_login", "token"):
            url = _page_url(pattern, world)
            if url is not None:
                cells.append(Cell(url, viewer, f"{pattern.name}:{rule.kind}", "no error"))
            continue
        model = rule.model()
        for situation in world.of(model):
            kwargs = rule.args(situation)
            if kwargs is None:
                continue
            url = reverse(pattern.name, kwargs=kwargs)
            cells.append(
                Cell(
                    url,
                    viewer,
                    f"{pattern.name}:{situation.name}",
                    _expected_for_rule(rule, model, situation, user),
                    situation.marker,
                )
            )
    return cells, undeclared


def _expected_for_rule(rule: Rule, model, situation, user) -> str:
    authenticated = getattr(user, "is_authenticated", False)
    if rule.kind == "staff_object":
        if not (authenticated and user.is_staff):
            return "refused"
        return "no error" if in_staff_scope(model, situation.obj, user) else "refused"
    if rule.kind == "no_personal_data":
        return "shows no personal data"
    if rule.kind == "owner":
        owner = owner_of(situation)
        return "no error" if owner is not None and owner == user else "refused"
    # public
    if is_public(model, situation.obj):
        return "no error"
    if rule.preview is not None and rule.preview(user, situation):
        return "no error"
    return "refused"


_SAMPLE_VALUES = {
    "slug": "gibt-es-nicht",
    "str": "nicht-vorhanden",
    "int": "999999",
    "uuid": "00000000-0000-0000-0000-000000000000",
    "path": "999999",
}


def _page_url(pattern: Pattern, world: World) -> str | None:
    """A URL for a page without a record: sample values for its arguments (a non-existing record
    must be a 404, never a 500)."""
    try:
        if not pattern.converters:
            return reverse(pattern.name) if pattern.name else None
        kwargs = dict.fromkeys(pattern.converters, _SAMPLE_VALUES["slug"])
        try:
            return reverse(pattern.name, kwargs=kwargs)
        except Exception:
            kwargs = dict.fromkeys(pattern.converters, _SAMPLE_VALUES["int"])
            return reverse(pattern.name, kwargs=kwargs)
    except Exception:
        return None


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """The world, built once per test worker: it holds the whole demo data, and building it costs
    more than checking a group of viewers. It lives in a transaction that is rolled back after the
    module; each test runs in a savepoint inside it (pytest-django's ``db``), so no test sees what
    another one changed."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(shared_world, db, settings):
    settings.PAGE_CACHE_SECONDS = 0
    return shared_world


@pytest.fixture
def bare_world():
    """Only the people: enough to find undeclared URLs and models."""
    world = World(any_row=False)
    world.users.update(anonymous=AnonymousUser())
    for role in ROLE_PERMISSIONS:
        world.users[role] = UserFactory(staff=True, roles=[role], departments=["KVR"])
    return world


def _health_probe_answer(cell, response) -> bool:
    """``/healthz``'s own 503: its probe of the database did not answer within half a second
    (munich_portal/core/health.py), which on a test machine busy with browser tests happens now
    and then. It is the probe's designed answer about the database, the same for every viewer,
    not a refusal or an error of the page; tests/core/test_healthz.py holds the answer itself."""
    return (
        cell.url == reverse("healthz")
        and response.status_code == 503
        and response.get("Content-Type") == "application/json"
        and json.loads(response.content).get("status") == "error"
    )


def check_cells(world: World, viewer: str) -> tuple[int, list[str]]:
    """Request every cell of ``viewer``; the number of cells and what went wrong."""
    cells, undeclared = cells_for(world, viewer)
    assert not undeclared, "URL patterns or models without a declared rule:\n" + "\n".join(
        sorted(set(undeclared))
    )
    client = client_for(world, viewer)
    wrong = []
    for cell in cells:
        response = client.get(cell.url)
        body = b"" if response.streaming else response.content
        problem = ""
        if response.status_code >= 500 and not _health_probe_answer(cell, response):
            problem = f"answered {response.status_code}"
        elif cell.expected == "refused":
            if not refused(response):
                problem = f"expected a refusal, got {response.status_code}"
            elif cell.marker and cell.marker.encode() in body:
                problem = "refused, but the page shows the record"
        elif cell.expected == "allowed" and not allowed(response):
            problem = f"expected 200, got {response.status_code}"
        elif cell.expected == "shows no personal data" and cell.marker.encode() in body:
            problem = "the page shows personal data"
        if problem:
            wrong.append(f"{viewer} {cell.url} [{cell.situation}]: {problem}")
    return len(cells), wrong


# Four groups of viewers (staff pages cost most, so each group mixes both), in two halves, each
# kept on one test worker (``make test`` distributes by ``xdist_group``): the two workers share
# the work, and each builds the world once for its half.
VIEWER_GROUPS = [VIEWERS[start::4] for start in range(4)]
FIRST_HALF = pytest.mark.xdist_group("access_matrix_1")
SECOND_HALF = pytest.mark.xdist_group("access_matrix_2")


@pytest.mark.parametrize(
    "viewers",
    [
        pytest.param(group, id="-".join(group), marks=FIRST_HALF if index < 2 else SECOND_HALF)
        for index, group in enumerate(VIEWER_GROUPS)
    ],
)
def test_every_url_answers_every_role_as_the_declarations_say(world, viewers, record_property):
    counts = {}
    wrong = []
    for viewer in viewers:
        counts[viewer], problems = check_cells(world, viewer)
        wrong += problems
    # Summed up and printed at the end of the run (tests/conftest.py), also under xdist.
    record_property("access_matrix_cells", sum(counts.values()))
    record_property("access_matrix_patterns", len(url_patterns()))
    assert not wrong, "\n".join(wrong)


@FIRST_HALF
def test_the_scopes_hold_in_lists_day_lists_and_the_declarations(world):
    """Change lists never link a record out of scope; a custom admin view (the day list) reads
    through the scope; and anchors that pin the declarations to what the issue asks."""
    for viewer in [*ROLE_PERMISSIONS, "superuser"]:
        user = world.users[viewer]
        client = client_for(world, viewer)
        for model, situations in world.situations.items():
            model_admin = admin.site._registry.get(model)
            if model_admin is None:
                continue
            if not model_admin.has_view_or_change_permission(admin_request(user)):
                continue
            meta = model._meta
            page = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
            assert page.status_code == 200, (viewer, meta.label)
            html = page.content.decode()
            for situation in situations:
                link = reverse(
                    f"admin:{meta.app_label}_{meta.model_name}_change", args=[situation.obj.pk]
                )
                if not in_staff_scope(model, situation.obj, user):
                    assert f'href="{link}"' not in html, (viewer, meta.label, situation.name)

    from appointments.models import Booking
    from online_requests.models import OnlineRequest

    caseworker = world.users[Role.CASEWORK]
    requests = {s.name: s.obj for s in world.situations[OnlineRequest]}
    assert in_staff_scope(OnlineRequest, requests["own_department"], caseworker)
    assert not in_staff_scope(OnlineRequest, requests["other_department"], caseworker)
    for viewer in [*ROLE_PERMISSIONS, "superuser"]:
        assert not in_staff_scope(OnlineRequest, requests["draft"], world.users[viewer])
    bookings = {s.name: s for s in world.situations[Booking]}
    for role in (Role.CASEWORK, Role.DATA_ENTRY):
        assert in_staff_scope(Booking, bookings["own_office"].obj, world.users[role])
        assert not in_staff_scope(Booking, bookings["other_office"].obj, world.users[role])
    from ideas.models import Comment, Idea

    for model in (Idea, Comment):
        public = {s.name for s in world.situations[model] if is_public(model, s.obj)}
        assert public == {"published"}, model
    from munich_portal.messaging.models import Letter

    # Letters: whoever sees registrations and ideas sees the letters about them, nobody else.
    team = {Role.DATA_ENTRY, Role.EVENTS, Role.DATA_PROTECTION, "superuser"}
    for situation in world.situations[Letter]:
        for viewer in [*ROLE_PERMISSIONS, "superuser"]:
            seen = in_staff_scope(Letter, situation.obj, world.users[viewer])
            assert seen == (viewer in team), (viewer, situation.name)
        assert not is_public(Letter, situation.obj)
    from munich_portal.messaging.models import OutgoingEmail

    # E-mails: the registrations' team and Administration, who runs the outbox.
    for situation in world.situations[OutgoingEmail]:
        for viewer in [*ROLE_PERMISSIONS, "superuser"]:
            seen = in_staff_scope(OutgoingEmail, situation.obj, world.users[viewer])
            assert seen == (viewer in team | {Role.ADMINISTRATION}), (viewer, situation.name)
        assert not is_public(OutgoingEmail, situation.obj)
    from munich_portal.audit.models import DataUseEvent

    event = DataUseEvent.objects.first()
    assert event is not None
    assert not in_staff_scope(DataUseEvent, event, world.users["superuser"])
    assert in_staff_scope(DataUseEvent, event, world.users[Role.DATA_PROTECTION])

    # The day list of another department's office shows none of its bookings.
    other = bookings["other_office"]
    client = client_for(world, Role.DATA_ENTRY)
    office = other.obj.slot.appointment_type.office
    day = timezone.localtime(other.obj.slot.starts_at).date()
    url = (
        reverse("admin:appointments_booking_day_list")
        + f"?dienststelle={office.pk}&tag={day:%Y-%m-%d}"
    )
    response = client.get(url)
    assert response.status_code == 200
    assert other.marker not in response.content.decode()


def test_a_removed_declaration_fails_the_matrix(bare_world, monkeypatch):
    """Without the online request's row scope the matrix reports it instead of passing."""
    from online_requests.models import OnlineRequest

    monkeypatch.delitem(scopes._registry, OnlineRequest)
    _cells, undeclared = cells_for(bare_world, Role.CASEWORK)
    assert "online_requests.OnlineRequest: no row scope" in undeclared


def test_a_new_url_without_a_rule_fails_the_matrix(bare_world, monkeypatch):
    """A page nobody declared a rule for is reported."""
    monkeypatch.delitem(URL_RULES, "ideas:idea_report")
    _cells, undeclared = cells_for(bare_world, "anonymous")
    assert "ideas:idea_report: no declared rule" in undeclared


def test_docs_scopes_table_matches_the_code():
    """docs/roles.md shows the row scopes exactly as the models declare them."""
    from django.utils import translation

    from munich_portal.core.docs_tables import embedded_table

    with translation.override("en"):
        table = scopes.scopes_table()
    assert embedded_table("roles.md", "scopes-table") == table, (
        "run `manage.py roles_table --write`"
    )


def test_only_the_health_probes_own_answer_is_excused():
    """The matrix lets ``/healthz`` answer its JSON 503 (the database was slow), nothing else."""
    from types import SimpleNamespace

    from django.http import HttpResponse, JsonResponse

    health = SimpleNamespace(url=reverse("healthz"))
    slow = JsonResponse({"status": "error", "database": "timeout"}, status=503)
    assert _health_probe_answer(health, slow)
    assert not _health_probe_answer(health, HttpResponse(status=500))
    assert not _health_probe_answer(health, HttpResponse("<html>", status=503))
    assert not _health_probe_answer(SimpleNamespace(url="/"), slow)
