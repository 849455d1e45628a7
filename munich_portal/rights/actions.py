"""Writes of rights requests: submit, confirm the identity, answer, erase, close — each logged.

Every step the data-protection officer takes is a data-use event (``record_use`` for a request of
an account holder, else a batch event about no account), purpose ``data_subject_rights``, with the
officer's department from the session.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from munich_portal.audit import purposes
from munich_portal.audit.actions import record_batch_use, record_use
from munich_portal.audit.finders import records_by_label
from munich_portal.core import ratelimit
from munich_portal.messaging import actions as outbox
from munich_portal.rights import selectors
from munich_portal.rights.models import Channel, IdentityMethod, ReplyBy, RightsRequest, Status

EMAIL_KINDS = {"confirmation": gettext_lazy("rights request received")}
LETTER_KINDS = {"answer": gettext_lazy("answer to a rights request")}

#: Requests per client address and hour through the public form.
REQUEST_LIMIT = 5
REQUEST_PERIOD = timedelta(hours=1)

RECORD_TYPE = "rights.rightsrequest"


class TooManyRequests(ratelimit.RateLimited):
    """The client sent :data:`REQUEST_LIMIT` requests within the last hour."""


class StepRefused(ValueError):
    """A step that does not fit the request's state (shown to the officer)."""


def _save(rights_request: RightsRequest, reason: str) -> None:
    """Save with the history row's change reason (read by simple-history)."""
    rights_request._change_reason = reason  # type: ignore[attr-defined]
    rights_request.save()


def log_step(rights_request: RightsRequest, *, action: str, **details) -> None:
    """Log a step on the request (and, through it, on the person's data)."""
    details = {"rights_request": rights_request.pk, **details}
    purpose = purposes.DATA_SUBJECT_RIGHTS.code
    if rights_request.account_id:
        record_use(
            action=action,
            subject=rights_request.account_id,
            record=rights_request,
            purpose=purpose,
            details=details,
        )
    else:
        record_batch_use(
            action=action,
            subjects=[],
            record_type=RECORD_TYPE,
            purpose=purpose,
            criteria={"record_id": str(rights_request.pk), **details},
        )


def submit_request(
    *,
    client_ip: str,
    kind: str,
    name: str,
    email: str = "",
    phone: str = "",
    street: str = "",
    postal_code: str = "",
    city: str = "",
    reply_by: str = ReplyBy.EMAIL,
    account=None,
) -> RightsRequest:
    """Store a request from the public form; confirm its receipt by e-mail (through the outbox).

    Raises :class:`TooManyRequests` (and stores nothing) past the client's limit.
    """
    ratelimit.check(
        ratelimit.client_key(client_ip, "rights.request"),
        limit=REQUEST_LIMIT,
        period=REQUEST_PERIOD,
        error=TooManyRequests,
    )
    with transaction.atomic():
        rights_request = RightsRequest(
            kind=kind,
            channel=Channel.WEB,
            name=name.strip(),
            email=email.strip(),
            phone=phone.strip(),
            street=street.strip(),
            postal_code=postal_code.strip(),
            city=city.strip(),
            reply_by=reply_by,
            account=account if getattr(account, "is_authenticated", False) else None,
            language=(translation.get_language() or settings.LANGUAGE_CODE)[:8],
        )
        _save(rights_request, "submitted")
        if rights_request.email:
            _queue_confirmation(rights_request)
    return rights_request


def _queue_confirmation(rights_request: RightsRequest) -> None:
    with translation.override(rights_request.language):
        context = {"request": rights_request, "controller": purposes.CONTROLLER}
        outbox.queue_email(
            kind="rights.confirmation",
            source=rights_request,
            recipient=rights_request.account,
            to=rights_request.email,
            subject=_("Your request about your data has arrived"),
            body=outbox.plain_text(render_to_string("rights/email/confirmation.txt", context)),
            language=rights_request.language,
            reply_to=purposes.CONTROLLER["data_protection_officer_email"],
        )


def enter_paper_request(rights_request: RightsRequest, *, by) -> None:
    """A request a clerk typed in from paper (channel paper unless they said letter)."""
    if rights_request.channel == Channel.WEB:
        rights_request.channel = Channel.PAPER
    rights_request.entered_by = by
    rights_request._change_reason = "entered"  # type: ignore[attr-defined]  # simple-history


@transaction.atomic
def confirm_identity(
    rights_request: RightsRequest, *, method: str, note: str = "", by
) -> RightsRequest:
    if method not in IdentityMethod.values:
        raise StepRefused(_("Choose how the identity was confirmed."))
    if method == IdentityMethod.OTHER and not note.strip():
        raise StepRefused(_("Describe how the identity was confirmed."))
    if rights_request.status not in (Status.RECEIVED, Status.IDENTITY_CONFIRMED):
        raise StepRefused(_("This request is already answered or closed."))
    rights_request.identity_confirmed_at = timezone.now()
    rights_request.identity_confirmed_by = by
    rights_request.identity_method = method
    rights_request.identity_note = note.strip()
    rights_request.status = Status.IDENTITY_CONFIRMED
    _save(rights_request, "identity confirmed")
    log_step(rights_request, action="change", step="confirm_identity", method=method)
    return rights_request


def letter_context(rights_request: RightsRequest, records: dict[str, list]) -> dict:
    """What the answer shows: the same as Meine Daten's document, for the found records."""
    return {
        "requester": rights_request,
        "generated_at": timezone.now(),
        "controller": purposes.CONTROLLER,
        "records": selectors.records_of(records),
        "history": selectors.history_of(records),
        "uses": [],
        "uses_total": 0,
        "uses_limit": 0,
    }


def render_answer_pdf(rights_request: RightsRequest, records: dict[str, list]) -> bytes:
    """The answer as a PDF in the layout of Meine Daten's PDF (WeasyPrint)."""
    from weasyprint import CSS, HTML

    with translation.override(rights_request.language):
        context = letter_context(rights_request, records)
        html = render_to_string("audit/document_pdf.html", context)
        stylesheet = render_to_string("audit/document_pdf.css", context)
    return HTML(string=html, base_url=None).write_pdf(stylesheets=[CSS(string=stylesheet)])


def _letter_body(context: dict) -> str:
    return outbox.plain_text(render_to_string("rights/letter_answer.txt", context))


@transaction.atomic
def answer_with_letter(rights_request: RightsRequest, *, by) -> bytes:
    """Answer with everything held: the PDF (returned, for download or e-mail) and, for a postal
    answer, a printed letter in the next batch. Needs a confirmed identity."""
    if not rights_request.identity_confirmed:
        raise StepRefused(_("Confirm the person's identity first."))
    if rights_request.status in (Status.REJECTED, Status.CLOSED):
        raise StepRefused(_("This request is already closed."))
    records = records_by_label(selectors.matches_for(rights_request))
    pdf = render_answer_pdf(rights_request, records)
    letter = None
    if rights_request.reply_by == ReplyBy.LETTER:
        if not rights_request.has_postal_address:
            raise StepRefused(_("A letter needs a street, a postal code and a city."))
        with translation.override(rights_request.language):
            context = letter_context(rights_request, records)
            letter = outbox.queue_letter(
                kind="rights.answer",
                source=rights_request,
                recipient=rights_request.account,
                address=outbox.PostalAddress(
                    name=rights_request.name,
                    street=rights_request.street,
                    postal_code=rights_request.postal_code,
                    city=rights_request.city,
                ),
                sender=outbox.Sender(
                    department=str(purposes.CONTROLLER["data_protection_officer"]),
                    email=str(purposes.CONTROLLER["data_protection_officer_email"]),
                ),
                subject=_("Your data held by the City of Munich"),
                body=_letter_body(context),
                language=rights_request.language,
                reference=str(rights_request.pk),
            )
    if rights_request.status in (Status.RECEIVED, Status.IDENTITY_CONFIRMED):
        rights_request.status = Status.ANSWERED
    rights_request.answered_at = timezone.now()
    _save(rights_request, "answered")
    log_step(
        rights_request,
        action="export",
        step="answer",
        records={label: len(pks) for label, pks in records.items()},
        letter=letter.pk if letter else None,
    )
    return pdf


@transaction.atomic
def erase_matches(rights_request: RightsRequest, *, records: dict[str, list], by):
    """Erase the chosen found records (``{label: [pk, ...]}``) after the identity was confirmed."""
    from munich_portal.audit.actions import ErasureReason, erase_records

    if not rights_request.identity_confirmed:
        raise StepRefused(_("Confirm the person's identity before erasing anything."))
    if rights_request.status in (Status.REJECTED, Status.CLOSED):
        raise StepRefused(_("This request is already closed."))
    # Rows of an account are the account holder's to erase (account deletion), never from here.
    found = records_by_label(selectors.matches_for(rights_request), without_account=True)
    chosen = {
        label: [pk for pk in found.get(label, []) if str(pk) in {str(p) for p in pks}]
        for label, pks in records.items()
    }
    chosen = {label: pks for label, pks in chosen.items() if pks}
    if not chosen:
        raise StepRefused(_("Choose at least one of the found records."))
    report = erase_records(chosen, reason=ErasureReason.REQUEST)
    rights_request.status = Status.ERASED
    rights_request.erased_at = timezone.now()
    _save(rights_request, "erased")
    log_step(
        rights_request,
        action="anonymise",
        step="erase",
        records={label: len(pks) for label, pks in chosen.items()},
    )
    return report


@transaction.atomic
def close_request(rights_request: RightsRequest, *, by, reject: bool = False) -> RightsRequest:
    """Close (or reject) the request. A request whose records were erased then loses its own
    personal data too (in its history as well): what was asked, when, how the identity was checked
    and what was done stay as evidence (Art. 5 (2) GDPR), who asked does not."""
    from munich_portal.audit.actions import ErasureReason, erase_records

    if rights_request.status in (Status.CLOSED, Status.REJECTED):
        raise StepRefused(_("This request is already closed."))
    erased = rights_request.status == Status.ERASED
    rights_request.status = Status.REJECTED if reject else Status.CLOSED
    rights_request.closed_at = timezone.now()
    _save(rights_request, "rejected" if reject else "closed")
    log_step(rights_request, action="change", step="reject" if reject else "close")
    if erased and rights_request.account_id is None:
        erase_records({RECORD_TYPE: [rights_request.pk]}, reason=ErasureReason.REQUEST)
        rights_request.refresh_from_db()
    return rights_request
