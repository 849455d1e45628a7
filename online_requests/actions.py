"""Every write of online requests: publishing forms, drafts, submission, case work, files.

Functions take keyword-only arguments, run in a transaction and lock the request row
(``select_for_update``) before they look at its status, so two tabs or two case workers cannot
race each other past the state machine (:mod:`online_requests.states`).
"""

from __future__ import annotations

import datetime as dt
import time
import unicodedata
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from online_requests import fields as form_fields
from online_requests import files, notifications, references, states
from online_requests.models import (
    FormVersion,
    InternalNote,
    OnlineRequest,
    RequestForm,
    RequestMessage,
    RequestStatus,
    RequestUpload,
    StatusChange,
)

__all__ = [
    "MESSAGE_MAX",
    "NEW_STATUS_WITH_QUESTION",
    "NotReady",
    "add_note",
    "answer_request",
    "assign",
    "draft_uploads",
    "publish_form",
    "remove_orphan_files",
    "save_answers",
    "save_for_later",
    "send_message",
    "start_request",
    "store_upload",
    "submit_request",
    "transition",
    "unpublish_form",
    "withdraw",
    "work_on_request",
]

MESSAGE_MAX = 5000
NEW_STATUS_WITH_QUESTION = gettext_lazy(
    "A message that asks for information sets the status to “information requested”: "
    "leave the new status unchanged."
)
_KEEP = object()
RAW_ANSWER_MAX = 5000


class NotReady(Exception):
    """The draft cannot be submitted yet: ``page`` is the first page with a missing answer."""

    def __init__(self, page: int):
        super().__init__(page)
        self.page = page


def _clean_text(value: str, limit: int) -> str:
    value = "".join(
        character
        for character in str(value or "")
        if character in "\n\t" or unicodedata.category(character) != "Cc"
    )
    return value.strip()[:limit]


# --- Forms -------------------------------------------------------------------------------------


@transaction.atomic
def publish_form(*, request_form: RequestForm, actor=None) -> FormVersion:
    """Freeze the working copy into a new version that new drafts use from now on."""
    request_form = RequestForm.objects.select_for_update().get(pk=request_form.pk)
    definition = form_fields.snapshot(request_form)
    if not definition["pages"]:
        raise ValidationError(_("A form needs at least one page with a field before publishing."))
    for page in definition["pages"]:
        for field in page["fields"]:
            if field["kind"] == "choice" and not field["choices"]:
                raise ValidationError(
                    _("The choice field “%(label)s” has no options.")
                    % {"label": field["label"]["de"]}
                )
    latest = request_form.versions.order_by("-number").first()
    if latest is not None and latest.definition == definition:
        if not latest.is_current:
            FormVersion.objects.filter(form=request_form, is_current=True).update(is_current=False)
            latest.is_current = True
            latest.save(update_fields=["is_current"])
        return latest
    FormVersion.objects.filter(form=request_form, is_current=True).update(is_current=False)
    return FormVersion.objects.create(
        form=request_form,
        number=(latest.number + 1) if latest else 1,
        definition=definition,
        is_current=True,
        published_by=actor if getattr(actor, "pk", None) else None,
    )


@transaction.atomic
def unpublish_form(*, request_form: RequestForm) -> None:
    """No new requests; drafts and submitted requests keep their version."""
    FormVersion.objects.filter(form=request_form, is_current=True).update(is_current=False)


# --- Drafts ------------------------------------------------------------------------------------


def start_request(*, user, service, version: FormVersion) -> OnlineRequest:
    """The resident's draft for ``service``: the existing one (resumed), or a new one."""
    draft = OnlineRequest.objects.filter(
        user=user, service=service, status=RequestStatus.DRAFT
    ).first()
    if draft is not None:
        return draft
    try:
        with transaction.atomic():
            return OnlineRequest.objects.create(
                user=user,
                service=service,
                form_version=version,
                office=version.form.office,
                language=(get_language() or "de")[:2],
            )
    except IntegrityError:
        # Started in another tab at the same moment: the unique draft constraint kept one.
        return OnlineRequest.objects.get(user=user, service=service, status=RequestStatus.DRAFT)


def _locked_draft(online_request: OnlineRequest) -> OnlineRequest:
    locked = OnlineRequest.objects.select_for_update().get(pk=online_request.pk)
    if locked.status != RequestStatus.DRAFT:
        raise states.IllegalTransition(locked.status, RequestStatus.DRAFT, states.RESIDENT)
    return locked


def store_upload(
    *, uploaded, owner, online_request=None, field_key="", message=None
) -> RequestUpload:
    """Write a checked file to the private directory and record it (the caller checked type and
    size with the form; the name on disk is random)."""
    storage_name, size, sha256 = files.write_upload(uploaded)
    file_type = files.sniff(_head(uploaded))
    try:
        return RequestUpload.objects.create(
            owner=owner,
            request=online_request,
            message=message,
            field_key=field_key,
            storage_name=storage_name,
            original_name=files.safe_original_name(getattr(uploaded, "name", "")),
            content_type=file_type.content_type if file_type else "application/octet-stream",
            size=size,
            sha256=sha256,
        )
    except Exception:
        files.delete_stored(storage_name)
        raise


def _head(uploaded) -> bytes:
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    return head


@transaction.atomic
def save_answers(
    *, online_request: OnlineRequest, page: int, answers: dict, uploads: dict
) -> OnlineRequest:
    """Store the checked answers of one page (and its files) in the draft."""
    draft = _locked_draft(online_request)
    draft.answers = {**draft.answers, **answers}
    replaced = []
    for key, uploaded in uploads.items():
        old = draft.uploads.filter(field_key=key).first()
        upload = store_upload(
            uploaded=uploaded, owner=draft.user, online_request=draft, field_key=key
        )
        draft.answers[key] = str(upload.pk)
        if old is not None:
            replaced.append(old.storage_name)
            old.delete()
    draft.current_page = max(1, page)
    draft.save(update_fields=["answers", "current_page", "updated_at"])
    for storage_name in replaced:
        transaction.on_commit(partial(files.delete_stored, storage_name))
    return draft


@transaction.atomic
def save_for_later(
    *, online_request: OnlineRequest, page: int, data: dict[str, str]
) -> OnlineRequest:
    """Keep what the resident typed on ``page`` even if it is not valid yet ("save and continue
    later"): nothing typed is lost; the check before submitting validates everything again."""
    draft = _locked_draft(online_request)
    definition = draft.form_version.definition
    page_fields = definition["pages"][page - 1]["fields"]
    names = [
        name
        for field in page_fields
        if field["kind"] != "file"
        for name in form_fields.field_names(field)
    ]
    kept = {name: _clean_text(data.get(name, ""), RAW_ANSWER_MAX) for name in names}
    draft.answers = {**draft.answers, **kept}
    draft.current_page = max(1, page)
    draft.save(update_fields=["answers", "current_page", "updated_at"])
    return draft


def draft_uploads(online_request: OnlineRequest) -> dict[str, RequestUpload]:
    """The request's form files by field key (only those its answers still point to)."""
    by_id = {str(upload.pk): upload for upload in online_request.uploads.filter(message=None)}
    return {
        key: by_id[value]
        for key, value in online_request.answers.items()
        if isinstance(value, str) and value in by_id
    }


@transaction.atomic
def submit_request(*, online_request: OnlineRequest) -> OnlineRequest:
    """Submit a complete draft: reference number, status "received", confirmation e-mail."""
    draft = _locked_draft(online_request)
    definition = draft.form_version.definition
    invalid = form_fields.first_invalid_page(definition, draft.answers, draft_uploads(draft))
    if invalid is not None:
        raise NotReady(invalid)
    now = timezone.now()
    states.check(draft.status, RequestStatus.RECEIVED, who=states.RESIDENT)
    draft.reference = references.new_reference(year=timezone.localdate(now).year)
    draft.status = RequestStatus.RECEIVED
    draft.submitted_at = now
    draft.save(update_fields=["reference", "status", "submitted_at", "updated_at"])
    StatusChange.objects.create(
        request=draft,
        from_status=RequestStatus.DRAFT,
        to_status=RequestStatus.RECEIVED,
        actor=draft.user,
    )
    notifications.queue_email(draft, "submitted")
    return draft


# --- Case work ---------------------------------------------------------------------------------


@transaction.atomic
def transition(*, online_request: OnlineRequest, to_status: str, actor, who: str) -> OnlineRequest:
    """Change the status if the state machine allows ``who`` (staff or resident) to; a change by
    staff is news for the applicant (one e-mail)."""
    locked = OnlineRequest.objects.select_for_update().get(pk=online_request.pk)
    _change_status(locked, to_status=to_status, actor=actor, who=who)
    if who == states.STAFF:
        notifications.queue_email(locked, "news")
    online_request.status = locked.status
    online_request.closed_at = locked.closed_at
    return locked


def _change_status(locked: OnlineRequest, *, to_status: str, actor, who: str) -> None:
    """The status change of a locked request, without the e-mail: the caller announces it."""
    if to_status == RequestStatus.RECEIVED and locked.status == RequestStatus.DRAFT:
        raise states.IllegalTransition(locked.status, to_status, who)  # use submit_request
    states.check(locked.status, to_status, who=who)
    from_status = locked.status
    locked.status = to_status
    locked.closed_at = timezone.now() if to_status in states.FINAL else None
    locked.save(update_fields=["status", "closed_at", "updated_at"])
    StatusChange.objects.create(
        request=locked, from_status=from_status, to_status=to_status, actor=actor
    )


@transaction.atomic
def assign(*, online_request: OnlineRequest, assignee, office=_KEEP) -> OnlineRequest:
    """Assign the request to a case worker (``None``: nobody) and optionally to another office."""
    locked = OnlineRequest.objects.select_for_update().get(pk=online_request.pk)
    if locked.is_draft:
        raise ValidationError(_("Drafts cannot be assigned."))
    locked.assigned_to = assignee
    if office is not _KEEP:
        locked.office = office
    locked.save(update_fields=["assigned_to", "office", "updated_at"])
    online_request.assigned_to = locked.assigned_to
    online_request.office = locked.office
    return locked


def add_note(*, online_request: OnlineRequest, body: str, author) -> InternalNote:
    body = _clean_text(body, MESSAGE_MAX)
    if not body:
        raise ValidationError(_("Write a note."))
    return InternalNote.objects.create(request=online_request, body=body, author=author)


@transaction.atomic
def send_message(
    *, online_request: OnlineRequest, body: str, author, ask_for_information: bool = False
) -> RequestMessage:
    """A message to the applicant (shown in the portal, announced by e-mail without content);
    ``ask_for_information`` also sets the status to "information requested" (one e-mail for
    both)."""
    locked = OnlineRequest.objects.select_for_update().get(pk=online_request.pk)
    message = _write_message(
        locked, body=body, author=author, ask_for_information=ask_for_information
    )
    notifications.queue_email(locked, "news")
    online_request.status = locked.status
    return message


def _write_message(
    locked: OnlineRequest, *, body: str, author, ask_for_information: bool
) -> RequestMessage:
    """The message to the applicant of a locked request, without the e-mail: the caller
    announces it."""
    body = _clean_text(body, MESSAGE_MAX)
    if not body:
        raise ValidationError(_("Write a message."))
    if locked.is_draft:
        raise ValidationError(_("Drafts have no messages."))
    if ask_for_information and locked.status != RequestStatus.INFORMATION_REQUESTED:
        states.check(locked.status, RequestStatus.INFORMATION_REQUESTED, who=states.STAFF)
    message = RequestMessage.objects.create(
        request=locked,
        direction=RequestMessage.Direction.TO_RESIDENT,
        body=body,
        author=author,
        asks_for_information=ask_for_information,
    )
    if ask_for_information and locked.status != RequestStatus.INFORMATION_REQUESTED:
        _change_status(
            locked, to_status=RequestStatus.INFORMATION_REQUESTED, actor=author, who=states.STAFF
        )
    return message


@transaction.atomic
def work_on_request(
    *,
    online_request: OnlineRequest,
    actor,
    assignee=_KEEP,
    office=_KEEP,
    message: str = "",
    ask_for_information: bool = False,
    to_status: str = "",
    note: str = "",
) -> OnlineRequest:
    """One save of the case worker's page: assignment, message, status and note together, in one
    transaction; the applicant gets at most one e-mail for it.

    A message and a status change in one save are one piece of news: they used to send two
    identical e-mails, one from :func:`send_message` and one from :func:`transition` (issue 14).
    Assignment and notes are internal and send nothing. A message that asks for information sets
    the status itself, so it cannot come with another new status.
    """
    if ask_for_information and to_status and to_status != RequestStatus.INFORMATION_REQUESTED:
        raise ValidationError(NEW_STATUS_WITH_QUESTION)
    locked = OnlineRequest.objects.select_for_update().get(pk=online_request.pk)
    if assignee is not _KEEP or office is not _KEEP:
        assign(
            online_request=locked,
            assignee=locked.assigned_to if assignee is _KEEP else assignee,
            office=office,
        )
    news = False
    if message.strip():
        _write_message(locked, body=message, author=actor, ask_for_information=ask_for_information)
        news = True
    if to_status and to_status != locked.status:
        _change_status(locked, to_status=to_status, actor=actor, who=states.STAFF)
        news = True
    if note.strip():
        add_note(online_request=locked, body=note, author=actor)
    if news:
        notifications.queue_email(locked, "news")
    online_request.status = locked.status
    online_request.closed_at = locked.closed_at
    return locked


@transaction.atomic
def answer_request(
    *, online_request: OnlineRequest, body: str, user, uploaded=None
) -> RequestMessage:
    """The applicant writes to the case workers (answering a request for information puts the
    request back into work)."""
    body = _clean_text(body, MESSAGE_MAX)
    if not body and uploaded is None:
        raise ValidationError(_("Write a message or attach a file."))
    locked = OnlineRequest.objects.select_for_update().get(pk=online_request.pk)
    if locked.user_id != user.pk or locked.status not in states.OPEN:
        raise ValidationError(_("This request is closed; you cannot write to it any more."))
    message = RequestMessage.objects.create(
        request=locked, direction=RequestMessage.Direction.FROM_RESIDENT, body=body, author=user
    )
    if uploaded is not None:
        store_upload(uploaded=uploaded, owner=user, online_request=locked, message=message)
    if locked.status == RequestStatus.INFORMATION_REQUESTED:
        transition(
            online_request=locked,
            to_status=RequestStatus.IN_PROGRESS,
            actor=user,
            who=states.RESIDENT,
        )
    return message


def withdraw(*, online_request: OnlineRequest, user) -> OnlineRequest:
    if online_request.user_id != user.pk:
        raise states.IllegalTransition(online_request.status, RequestStatus.WITHDRAWN, states.STAFF)
    return transition(
        online_request=online_request,
        to_status=RequestStatus.WITHDRAWN,
        actor=user,
        who=states.RESIDENT,
    )


def remove_orphan_files(*, older_than: dt.timedelta = dt.timedelta(hours=1)) -> int:
    """Delete stored files that no ``RequestUpload`` row names any more (rows removed by retention
    or erasure, or a transaction that rolled back after the file was written). Files younger than
    ``older_than`` are left alone: their row may not be committed yet. Returns the count."""
    root = files.upload_root()
    if not root.is_dir():
        return 0
    cutoff = time.time() - older_than.total_seconds()
    known = set(RequestUpload.objects.values_list("storage_name", flat=True))
    removed = 0
    for path in root.glob("??/*"):
        if not files.STORAGE_NAME.fullmatch(path.name) or path.name in known:
            continue
        if path.stat().st_mtime < cutoff:
            files.delete_stored(path.name)
            removed += 1
    return removed
