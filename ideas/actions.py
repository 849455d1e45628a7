"""Every write on ideas, supports, comments, reports and moderation (issue 7).

Keyword-only functions that check the rules (:mod:`ideas.rules`), write inside a
transaction and keep the derived counters of an idea true (:func:`refresh_counters`). Views, the
admin, the clerks' form and the demo data call these and nothing else.

Rate limits go through the kernel's limiter (:mod:`munich_portal.core.ratelimit`) with the
resident's own rows as the log (ideas, comments, reports in the last hour): exact, across app
servers, with no counter to keep.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ideas import rules
from ideas.models import (
    IDEAS_PURPOSE,
    Comment,
    Idea,
    IdeaStatus,
    Moderation,
    ModerationDecision,
    Redaction,
    Report,
    Support,
    UserBlock,
)
from ideas.text import name_key, postal_code_key
from munich_portal.audit import purposes
from munich_portal.audit.actions import record_batch_use, record_use
from munich_portal.audit.admin_mixins import is_data_protection_officer
from munich_portal.audit.guard import allow_untracked_writes
from munich_portal.audit.redaction import rewrite_history, scrub
from munich_portal.audit.registry import KEEP, Declaration, Erasure, declaration_for
from munich_portal.core import ratelimit
from munich_portal.core.channels import Channel
from participation.models import Process

#: The consent an online author gives (the form shows the text); paper forms print their version.
ONLINE_CONSENT_VERSION = "ideen-2026-1"

#: Most ideas / comments / reports one resident may write per hour.
IDEAS_PER_HOUR = 5
COMMENTS_PER_HOUR = 20
REPORTS_PER_HOUR = 10
RATE_PERIOD = dt.timedelta(hours=1)

DELETED_TEXT = ""


class IdeaError(Exception):
    """A write the rules do not allow; ``str()`` is a message for the resident."""

    default = _("This is not possible.")

    def __init__(self, message=None):
        super().__init__(str(message or self.default))


class NotOpen(IdeaError):
    default = _("Contributions are only possible during the participation phase.")


class NotAllowed(IdeaError):
    default = _("You cannot do this.")


class Blocked(IdeaError):
    default = _(
        "Your account is blocked from contributing to this process. The e-mail from the "
        "moderation team tells you why and whom to contact."
    )


class RateLimited(IdeaError, ratelimit.RateLimited):
    default = _("You have written a lot in the last hour. Please try again later.")


class EditWindowClosed(IdeaError):
    default = _("The time for editing this comment is over.")


class AlreadyReported(IdeaError):
    default = _("You have already reported this. The moderation team is looking at it.")


class DuplicateSupport(IdeaError):
    """The person of a list line already supports the idea (same name and postal code)."""

    default = _("This person is already on a list for this idea: the line is not counted twice.")


class SameNameOnline(DuplicateSupport):
    """A person of the line's name supports the idea online; the clerk decides."""

    default = _(
        "A person of this name already supports this idea online. If it is the same person, "
        "leave the line out; if it is another person, tick “another person of the same name”."
    )


# --- helpers --------------------------------------------------------------------------------------
def _check_contributor(user, process: Process) -> None:
    state = rules.process_phase_state(process)
    if state != rules.DURING:
        raise NotOpen
    if not rules.is_resident(user):
        raise NotAllowed(_("Please log in with a confirmed e-mail address."))
    if rules.is_blocked(user, process):
        raise Blocked


def _check_rate(kind: str, rows, limit: int, now: dt.datetime) -> None:
    ratelimit.check(
        f"ideas.{kind}", limit=limit, period=RATE_PERIOD, now=now, rows=rows, error=RateLimited
    )


def _check_transcription(
    process: Process, clerk, channel: str, received_on: dt.date | None
) -> dt.datetime:
    """The checks every clerk entry shares; returns the time the contribution counts from.

    Paper, phone or on site only; a clerk with the right; received (by the date on the form or of
    the call) within the participation phase — later typing of timely post is fine.
    """
    if channel not in (Channel.PAPER, Channel.PHONE, Channel.ON_SITE):
        raise NotAllowed(_("Choose paper, phone or on site."))
    if not rules.can_transcribe(clerk):
        raise NotAllowed
    phases = [p for p in process.phases.all() if p.kind == "participation"]
    today = timezone.localdate()
    received_on = received_on or today
    if received_on > today:
        raise NotAllowed(_("The date of receipt cannot be in the future."))
    if not any(p.starts_on <= received_on <= p.ends_on for p in phases):
        raise NotOpen(_("The contribution was received outside the participation phase."))
    if received_on == today:
        return timezone.now()
    return timezone.make_aware(dt.datetime.combine(received_on, dt.time(12)))


def _initial_moderation(process: Process) -> str:
    return Moderation.PENDING if process.moderation_mode == "pre" else Moderation.PUBLISHED


def _public_name(user, wanted: str | None) -> str:
    """The name shown with an online contribution: what the author chose, else nothing."""
    return (wanted or "").strip()[:100]


def refresh_counters(idea_id: int) -> None:
    """Recompute an idea's support and comment counters from the rows, in one UPDATE.

    Derived data excluded from the history, so the guarded bulk write is safe here: the counters
    never hold personal data and are always rebuilt from the rows, never incremented.
    """
    # A line whose name an online supporter of the idea bears counts once with the online
    # support, unless the clerk confirmed another person (an online support after the line).
    online_same_name = Support.objects.filter(
        idea=OuterRef("idea"), user__isnull=False, name_key=OuterRef("name_key")
    )
    supports = (
        Support.objects.filter(idea=OuterRef("pk"))
        .exclude(
            Q(user__isnull=True, same_name_confirmed=False)
            & ~Q(name_key="")
            & Q(Exists(online_same_name))
        )
        .order_by()
        .values("idea")
        .annotate(n=Count("pk"))
        .values("n")
    )
    comments = (
        Comment.objects.filter(
            idea=OuterRef("pk"), moderation=Moderation.PUBLISHED, deleted_at__isnull=True
        )
        .order_by()
        .values("idea")
        .annotate(n=Count("pk"))
        .values("n")
    )
    with allow_untracked_writes():
        Idea.objects.filter(pk=idea_id).update(
            supports_count=Coalesce(Subquery(supports, output_field=IntegerField()), Value(0)),
            comments_count=Coalesce(Subquery(comments, output_field=IntegerField()), Value(0)),
        )


# --- ideas ----------------------------------------------------------------------------------------
def create_idea(
    *,
    process: Process,
    user,
    title: str,
    text: str,
    category=None,
    district=None,
    address: str = "",
    author_name: str = "",
    language: str = "de",
    notify: bool = True,
    now: dt.datetime | None = None,
) -> Idea:
    """An online idea by a resident in the participation phase (pending under pre-moderation)."""
    now = now or timezone.now()
    _check_contributor(user, process)
    _check_rate("idea", Idea.objects.filter(author=user), IDEAS_PER_HOUR, now)
    if category is not None and category.process_id != process.pk:
        raise NotAllowed(_("Choose a category of this process."))
    return Idea.objects.create(
        process=process,
        title=title.strip(),
        text=text.strip(),
        category=category,
        district=district,
        address=address.strip(),
        channel=Channel.ONLINE,
        author=user,
        author_name=_public_name(user, author_name),
        contact_email="",
        language=language,
        notify=notify,
        consent_version=ONLINE_CONSENT_VERSION,
        consented_at=now,
        moderation=_initial_moderation(process),
        created_at=now,
    )


def transcribe_idea(
    *,
    process: Process,
    clerk,
    channel: str,
    title: str,
    text: str,
    consent_version: str,
    received_on: dt.date | None = None,
    category=None,
    district=None,
    address: str = "",
    author_name: str = "",
    contact_email: str = "",
    contact_street: str = "",
    contact_postal_code: str = "",
    contact_city: str = "",
    language: str = "de",
) -> Idea:
    """An idea a clerk types in from paper, phone or on-site input.

    Accepted from the start of the participation phase on; ideas received after its end (by the
    date on the form or of the call) are refused, later typing of timely post is fine.
    """
    created_at = _check_transcription(process, clerk, channel, received_on)
    if category is not None and category.process_id != process.pk:
        raise NotAllowed(_("Choose a category of this process."))
    idea = Idea.objects.create(
        process=process,
        title=title.strip(),
        text=text.strip(),
        category=category,
        district=district,
        address=address.strip(),
        channel=channel,
        author=None,
        author_name=author_name.strip(),
        contact_email=contact_email.strip(),
        contact_street=contact_street.strip(),
        contact_postal_code=contact_postal_code.strip(),
        contact_city=contact_city.strip(),
        language=language,
        notify=bool(contact_email or contact_street),
        consent_version=consent_version,
        consented_at=created_at,
        entered_by=clerk,
        moderation=_initial_moderation(process),
        created_at=created_at,
    )
    return idea


# --- supports -------------------------------------------------------------------------------------
def toggle_support(*, idea: Idea, user) -> bool:
    """Support the idea, or take the support back; returns whether the user supports it now."""
    _check_contributor(user, idea.process)
    if idea.moderation != Moderation.PUBLISHED:
        raise NotAllowed
    with transaction.atomic():
        existing = Support.objects.filter(idea=idea, user=user).first()
        if existing is not None:
            existing.delete()
            supported = False
        else:
            try:
                with transaction.atomic():
                    Support.objects.create(
                        idea=idea,
                        user=user,
                        channel=Channel.ONLINE,
                        name_key=name_key(user.full_name),
                    )
            except IntegrityError:
                pass  # a double click: the other request created it
            supported = True
        refresh_counters(idea.pk)
    return supported


def add_support_line(
    *,
    idea: Idea,
    clerk,
    channel: str,
    name: str,
    postal_code: str,
    consent_version: str,
    street: str = "",
    received_on: dt.date | None = None,
    same_name_confirmed: bool = False,
) -> Support:
    """One supporter of a signature list (or a call, a list at an event), typed in by a clerk.

    The same checks as an online support (a published idea in its participation phase) and as a
    clerk's idea (:func:`transcribe_idea`). One person counts once: a line with the name
    (normalised, :func:`ideas.text.name_key`) and postal code of a line already typed in for the
    idea is refused (:class:`DuplicateSupport`, also by a constraint); a line with the name of an
    online supporter is refused (:class:`SameNameOnline`) unless the clerk confirms another person
    of the same name — accounts have no postal code, so the name is all there is to compare.
    """
    created_at = _check_transcription(idea.process, clerk, channel, received_on)
    if idea.moderation != Moderation.PUBLISHED:
        raise NotAllowed(_("Only published ideas can be supported."))
    key, code = name_key(name), postal_code_key(postal_code)
    if not key or not code:
        raise NotAllowed(_("Every line needs a name and a postal code."))
    with transaction.atomic():
        # Lines of one idea are typed in one after another: the idea's row orders them.
        Idea.objects.select_for_update().filter(pk=idea.pk).first()
        earlier = Support.objects.filter(
            idea=idea, user__isnull=True, name_key=key, postal_code=code
        ).first()
        if earlier is not None:
            raise DuplicateSupport(
                _(
                    "%(name)s (%(code)s) is already on a list for this idea, typed in on "
                    "%(date)s: the line is not counted twice."
                )
                % {
                    "name": earlier.name,
                    "code": earlier.postal_code,
                    "date": timezone.localtime(earlier.created_at).strftime("%d.%m.%Y"),
                }
            )
        online = Support.objects.filter(idea=idea, user__isnull=False, name_key=key)
        if not same_name_confirmed and online.exists():
            raise SameNameOnline
        try:
            with transaction.atomic():
                support = Support.objects.create(
                    idea=idea,
                    user=None,
                    channel=channel,
                    name=name.strip()[:150],
                    street=street.strip()[:200],
                    postal_code=code,
                    name_key=key,
                    same_name_confirmed=same_name_confirmed,
                    consent_version=consent_version,
                    entered_by=clerk,
                    created_at=created_at,
                )
        except IntegrityError:
            raise DuplicateSupport from None
        refresh_counters(idea.pk)
        record_batch_use(
            action="create",
            records=[support],
            criteria={"support_line": True, "idea": idea.pk},
            purpose=IDEAS_PURPOSE.code,
            # The log's paths know paper and phone; a list from an event is paper too.
            channel=Channel.PHONE if channel == Channel.PHONE else Channel.PAPER,
        )
    return support


def log_support_lines_viewed(lines) -> None:
    """A clerk saw the names of typed-in lines: one ``list`` data-use event."""
    if lines:
        record_batch_use(
            action="list",
            records=list(lines),
            criteria={"support_lines": len(lines)},
            purpose=IDEAS_PURPOSE.code,
        )


# --- comments -------------------------------------------------------------------------------------
def _check_comment_target(process: Process, idea: Idea | None, parent: Comment | None) -> None:
    """Where a comment may go, online or typed in: a published idea of the process (or the
    process itself), and a reply only to a published top-level comment of the same place."""
    if idea is not None and (idea.process_id != process.pk or idea.moderation != "published"):
        raise NotAllowed
    if parent is not None:
        if parent.parent_id is not None:
            raise NotAllowed(_("Replies to replies are not possible; reply to the comment."))
        if parent.process_id != process.pk or parent.idea_id != (idea.pk if idea else None):
            raise NotAllowed
        if parent.moderation != Moderation.PUBLISHED:
            raise NotAllowed


def add_comment(
    *,
    process: Process,
    user,
    text: str,
    idea: Idea | None = None,
    parent: Comment | None = None,
    author_name: str = "",
    now: dt.datetime | None = None,
) -> Comment:
    """A comment on an idea (or on the process), or a reply to a top-level comment."""
    now = now or timezone.now()
    _check_contributor(user, process)
    _check_comment_target(process, idea, parent)
    _check_rate("comment", Comment.objects.filter(author=user), COMMENTS_PER_HOUR, now)
    with transaction.atomic():
        comment = Comment.objects.create(
            process=process,
            idea=idea,
            parent=parent,
            author=user,
            author_name=_public_name(user, author_name),
            channel=Channel.ONLINE,
            text=text.strip(),
            moderation=_initial_moderation(process),
            created_at=now,
        )
        if idea is not None:
            refresh_counters(idea.pk)
    return comment


def transcribe_comment(
    *,
    process: Process,
    clerk,
    channel: str,
    text: str,
    consent_version: str,
    received_on: dt.date | None = None,
    idea: Idea | None = None,
    parent: Comment | None = None,
    author_name: str = "",
) -> Comment:
    """A comment a clerk types in from paper, phone or on site: the checks of an online comment
    (:func:`add_comment`: where it may go) and of a clerk's idea (:func:`transcribe_idea`: when
    it was received); moderated like an online comment. ``author_name`` as the person gave it
    (empty: published without a name)."""
    created_at = _check_transcription(process, clerk, channel, received_on)
    _check_comment_target(process, idea, parent)
    with transaction.atomic():
        comment = Comment.objects.create(
            process=process,
            idea=idea,
            parent=parent,
            author=None,
            author_name=author_name.strip()[:100],
            channel=channel,
            text=text.strip(),
            consent_version=consent_version,
            entered_by=clerk,
            moderation=_initial_moderation(process),
            created_at=created_at,
        )
        if idea is not None:
            refresh_counters(idea.pk)
    return comment


def edit_comment(*, comment: Comment, user, text: str, now: dt.datetime | None = None) -> Comment:
    """The author changes the text within ``PARTICIPATION_COMMENT_EDIT_MINUTES`` of writing it."""
    now = now or timezone.now()
    if comment.author_id is None or not user.is_authenticated or comment.author_id != user.pk:
        raise NotAllowed
    if rules.process_phase_state(comment.process) != rules.DURING:
        raise NotOpen
    if not rules.comment_editable(comment, user, now=now):
        raise EditWindowClosed
    comment.text = text.strip()
    comment.edited_at = now
    fields = ["text", "edited_at"]
    # Under pre-moderation the moderators approved the old words, not these: the changed comment
    # waits for approval again (only its author and the moderators see it meanwhile).
    back_to_queue = (
        comment.process.moderation_mode == "pre" and comment.moderation == Moderation.PUBLISHED
    )
    with transaction.atomic():
        if back_to_queue:
            comment.moderation = Moderation.PENDING
            fields.append("moderation")
        comment.save(update_fields=fields)
        if back_to_queue and comment.idea_id:
            refresh_counters(comment.idea_id)
    return comment


def delete_comment(*, comment: Comment, user, now: dt.datetime | None = None) -> Comment:
    """The author deletes a comment: its text is replaced (also in its history), replies stay."""
    if not rules.comment_deletable(comment, user):
        raise NotAllowed
    with transaction.atomic():
        comment.text = DELETED_TEXT
        comment.deleted_at = now or timezone.now()
        comment.save(update_fields=["text", "deleted_at"])
        # The author wanted the words gone: the earlier versions in the history go too.
        with allow_untracked_writes():
            Comment.history.filter(id=comment.pk).update(text=DELETED_TEXT)
        if comment.idea_id:
            refresh_counters(comment.idea_id)
    return comment


# --- reports --------------------------------------------------------------------------------------
def report(
    *,
    user,
    reason: str,
    details: str = "",
    idea: Idea | None = None,
    comment: Comment | None = None,
    now: dt.datetime | None = None,
) -> Report:
    """A resident reports an idea or a comment; at most one open report per person and item."""
    now = now or timezone.now()
    if not (user and user.is_authenticated):
        raise NotAllowed(_("Please log in to report content."))
    if (idea is None) == (comment is None):
        raise NotAllowed
    _check_rate("report", Report.objects.filter(reporter=user), REPORTS_PER_HOUR, now)
    try:
        with transaction.atomic():
            return Report.objects.create(
                idea=idea,
                comment=comment,
                reporter=user,
                reason=reason,
                details=details.strip(),
                created_at=now,
            )
    except IntegrityError:
        raise AlreadyReported from None


# --- moderation (staff) ---------------------------------------------------------------------------
def _log_staff_change(target, details: dict) -> None:
    if target.author_id:
        record_use(action="change", subject=target.author_id, record=target, details=details)


def moderate(
    *,
    target: Idea | Comment,
    action: str,
    by,
    reason: str = "",
    note_to_author: str = "",
) -> ModerationDecision:
    """Approve, hide or restore an idea or comment (or only write a note to its author).

    Hiding needs a reason, which is shown publicly in place of the content. Every decision is a
    :class:`ModerationDecision` row; the open reports on the item count as handled.
    """
    if not rules.can_moderate(by):
        raise NotAllowed
    action_enum = ModerationDecision.Action
    reason = (reason or "").strip()
    if action == action_enum.HIDE and not reason:
        raise NotAllowed(_("Say why the content is hidden; the reason is shown publicly."))
    if action not in (
        action_enum.APPROVE,
        action_enum.HIDE,
        action_enum.RESTORE,
        "note",
        action_enum.DISMISS,
    ):
        raise NotAllowed
    is_idea = isinstance(target, Idea)
    now = timezone.now()
    with transaction.atomic():
        target = type(target).objects.select_for_update().get(pk=target.pk)
        before = target.moderation
        if action == action_enum.HIDE:
            target.moderation = Moderation.HIDDEN
            target.moderation_reason = reason
        elif action in (action_enum.APPROVE, action_enum.RESTORE):
            target.moderation = Moderation.PUBLISHED
            target.moderation_reason = ""
        if target.moderation != before:
            target.save(update_fields=["moderation", "moderation_reason"])
            _log_staff_change(target, {"moderation": target.moderation})
        decision = ModerationDecision.objects.create(
            process_id=target.process_id,
            idea=target if is_idea else None,
            comment=None if is_idea else target,
            affected_user_id=target.author_id,
            action=action,
            reason=reason,
            note_to_author=note_to_author.strip(),
            decided_by_id=by.pk,
            decided_at=now,
        )
        reports = Report.objects.filter(handled_at__isnull=True)
        reports = reports.filter(idea=target) if is_idea else reports.filter(comment=target)
        for open_report in reports:  # one by one: each gets its history row
            open_report.handled_at = now
            open_report.handled_by_id = by.pk
            open_report.save(update_fields=["handled_at", "handled_by"])
        idea_id = target.pk if is_idea else target.idea_id
        if idea_id:
            refresh_counters(idea_id)
        if decision.note_to_author:
            from ideas import notifications

            # An outbox row in the decision's transaction; sent once it has committed.
            notifications.queue_moderation_note(decision)
    return decision


def block_user(*, user, by, reason: str, process: Process | None = None) -> UserBlock:
    """Block an account from contributing to ``process`` (or to every process)."""
    if not rules.can_moderate(by):
        raise NotAllowed
    reason = (reason or "").strip()
    if not reason:
        raise NotAllowed(_("Say why the account is blocked."))
    with transaction.atomic():
        block = UserBlock.objects.create(
            user=user, process=process, reason=reason, blocked_by_id=by.pk
        )
        if process is not None:
            ModerationDecision.objects.create(
                process=process,
                affected_user=user,
                action=ModerationDecision.Action.BLOCK,
                reason=reason,
                decided_by_id=by.pk,
            )
        record_use(action="change", subject=user, record=block, details={"block": "created"})
    return block


def lift_block(*, block: UserBlock, by) -> UserBlock:
    if not rules.can_moderate(by):
        raise NotAllowed
    with transaction.atomic():
        block.lifted_at = timezone.now()
        block.save(update_fields=["lifted_at"])
        if block.process_id:
            ModerationDecision.objects.create(
                process_id=block.process_id,
                affected_user_id=block.user_id,
                action=ModerationDecision.Action.UNBLOCK,
                decided_by_id=by.pk,
            )
        record_use(
            action="change", subject=block.user_id, record=block, details={"block": "lifted"}
        )
    return block


# --- the city's answer and status ---------------------------------------------------------------
def answer_idea(
    *, idea: Idea, by, answer: str | None = None, status: str | None = None, reason: str = ""
) -> Idea:
    """Give an idea the city's official answer and/or a status with its reason; tell the author.

    The author hears about it by e-mail (online authors, and paper authors who gave one) or by a
    letter the clerks print (paper authors with a postal address), unless they opted out.
    """
    if not rules.can_answer(by):
        raise NotAllowed
    now = timezone.now()
    changed: list[str] = []
    kinds: list[str] = []
    with transaction.atomic():
        idea = Idea.objects.select_for_update().get(pk=idea.pk)
        if answer is not None and answer.strip() and answer.strip() != idea.answer:
            idea.answer = answer.strip()
            idea.answered_at = now
            idea.answered_by = by
            changed += ["answer", "answered_at", "answered_by"]
            kinds.append("answer")
        if status is not None and (status != idea.status or reason.strip() != idea.status_reason):
            if status not in IdeaStatus.values:
                raise NotAllowed(_("Unknown status."))
            if status != idea.status:
                kinds.append("status")
            idea.status = status
            idea.status_reason = reason.strip()
            idea.status_changed_at = now
            changed += ["status", "status_reason", "status_changed_at"]
        if changed:
            idea.save(update_fields=[*changed, "updated_at"])
            _log_staff_change(idea, {"fields": sorted(set(changed))})
        if kinds:
            from ideas import notifications

            # The letter or the e-mail (an outbox row) is written in this transaction.
            notifications.notify_author(idea, "answer" if "answer" in kinds else "status")
    return idea


def opt_out(*, idea: Idea) -> Idea:
    """The author follows the link in a message: no more messages about this idea."""
    if idea.notify:
        idea.notify = False
        idea.save(update_fields=["notify", "updated_at"])
    return idea


def open_reports_count() -> int:
    return Report.objects.filter(handled_at__isnull=True).count()


# --- erasure and the redaction queue (issue 14) ---------------------------------------------------
def _declaration(model) -> Declaration:
    declaration = declaration_for(model)
    assert declaration is not None
    return declaration


def _fit(model, name: str, value: str) -> str:
    """``value`` cut to the field's length (a scrubbed title can grow past it)."""
    limit = model._meta.get_field(name).max_length
    return value[:limit] if limit else value


def _erase_contributions(model, erasure: Erasure) -> list:
    """Anonymise the subject's rows of ``model``: personal fields by the declaration, the public
    text scrubbed (``KEEP``: the row goes on the redaction queue) or emptied (``DELETE``);
    then every history row carries at most the final text. Returns the rows."""
    declaration = _declaration(model)
    pks = erasure.records.get(declaration.label, [])
    rows = list(model._base_manager.filter(pk__in=pks))
    keep = erasure.contributions == KEEP
    for row in rows:
        values = declaration.anonymised_values(row.pk)
        for attname, value in values.items():
            setattr(row, attname, value)
        changed = [model._meta.get_field(attname).name for attname in values]
        for name in declaration.public_text:
            text = scrub(getattr(row, name), erasure.personal_values) if keep else ""
            setattr(row, name, _fit(model, name, text))
        deleted = getattr(row, "deleted_at", None) is not None
        if not keep and model is Comment and not deleted:
            row.deleted_at = timezone.now()
            changed.append("deleted_at")
        # Nothing left to redact in an empty (deleted) text.
        has_text = any(getattr(row, name) for name in declaration.public_text)
        row.redaction = Redaction.PENDING if keep and has_text else Redaction.NONE
        row.save(update_fields=[*changed, *declaration.public_text, "redaction"])
    # Versions the resident edited away, and the history of rows already gone (deleted with
    # their idea): at most the final text stays, blank for what is gone.
    rewrite_history(declaration, pks, declaration.public_text, blank=not keep)
    return rows


def erase_ideas(erasure: Erasure) -> None:
    """Erasure hook of :class:`Idea`: the resident's choice for their ideas.

    ``DELETE``: the ideas are deleted, and with them their supports, reports, moderation
    decisions, letters and the comments under them (also other people's: they answer an idea that
    is no longer there); every history row of the ideas loses its text. ``KEEP``: the author's
    link, name, contacts and the place are cleared, the title and text scrubbed of the resident's
    personal values, and the idea waits on the redaction queue.
    """
    declaration = _declaration(Idea)
    pks = erasure.records.get(declaration.label, [])
    if not pks:
        return
    if erasure.contributions == KEEP:
        _erase_contributions(Idea, erasure)
        return
    Idea._base_manager.filter(pk__in=pks).delete()
    rewrite_history(declaration, pks, declaration.public_text, blank=True)


def erase_comments(erasure: Erasure) -> None:
    """Erasure hook of :class:`Comment`: ``DELETE`` empties the resident's comments like their own
    "delete" does (replies of others keep their place), ``KEEP`` scrubs them and queues them for
    redaction; the author's link and name go either way, and so do earlier versions."""
    rows = _erase_contributions(Comment, erasure)
    for idea_id in {row.idea_id for row in rows if row.idea_id}:
        refresh_counters(idea_id)


def can_redact(user) -> bool:
    """Who opens the redaction queue: the moderators, who redact, and the data-protection
    officer, who reviews (and does not redact: four eyes)."""
    return rules.can_moderate(user) or is_data_protection_officer(user)


def _log_redaction(target, step: str, *, action: str = "change") -> None:
    # The author was erased: like the staff area's uses of records about no account holder, a
    # batch event without residents names the record (the officer sees it in the log).
    record_batch_use(
        action=action,
        subjects=[],
        record_type=target._meta.label_lower,
        criteria={"record_id": str(target.pk), "redaction": step},
        purpose=purposes.DATA_SUBJECT_RIGHTS.code,
    )


def redact(*, target: Idea | Comment, by, text: str, title: str | None = None) -> Idea | Comment:
    """A moderator edits the remaining personal data out of a kept contribution.

    The new text replaces the text in the row and in every one of its history rows; the
    contribution then waits for the data-protection officer's review.
    """
    if not rules.can_moderate(by) or target.redaction not in (Redaction.PENDING, Redaction.REVIEW):
        raise NotAllowed
    model = type(target)
    declaration = _declaration(model)
    with transaction.atomic():
        target.text = text.strip()
        fields = ["text", "redaction"]
        if isinstance(target, Idea) and title is not None:
            target.title = title.strip()
            fields.append("title")
        target.redaction = Redaction.REVIEW
        target.save(update_fields=fields)
        rewrite_history(declaration, [target.pk], declaration.public_text)
        _log_redaction(target, "redacted")
    return target


def review_redaction(*, target: Idea | Comment, by, approve: bool) -> Idea | Comment:
    """The data-protection officer approves a redaction, or sends it back to the moderators."""
    if not is_data_protection_officer(by) or target.redaction != Redaction.REVIEW:
        raise NotAllowed
    with transaction.atomic():
        target.redaction = Redaction.APPROVED if approve else Redaction.PENDING
        target.save(update_fields=["redaction"])
        _log_redaction(target, "approved" if approve else "returned")
    return target


def log_redaction_view(target: Idea | Comment) -> None:
    """Opening a kept contribution on the redaction page is a use of what is left of it."""
    _log_redaction(target, "viewed", action="view")


__all__ = [
    "COMMENTS_PER_HOUR",
    "IDEAS_PER_HOUR",
    "ONLINE_CONSENT_VERSION",
    "REPORTS_PER_HOUR",
    "AlreadyReported",
    "Blocked",
    "DuplicateSupport",
    "EditWindowClosed",
    "IdeaError",
    "NotAllowed",
    "NotOpen",
    "RateLimited",
    "SameNameOnline",
    "add_comment",
    "add_support_line",
    "answer_idea",
    "block_user",
    "can_redact",
    "create_idea",
    "delete_comment",
    "edit_comment",
    "erase_comments",
    "erase_ideas",
    "lift_block",
    "log_redaction_view",
    "log_support_lines_viewed",
    "moderate",
    "open_reports_count",
    "opt_out",
    "redact",
    "refresh_counters",
    "report",
    "review_redaction",
    "toggle_support",
    "transcribe_comment",
    "transcribe_idea",
]
