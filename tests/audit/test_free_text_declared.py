"""Every text field of a declared model is personal, public text, or not personal for a reason.

Issue 14: an idea's place and text, a barrier report's description and edited-away comment text
outlived erasure because the declarations named only the obvious fields. A new text field of a
declared model fails here until its declaration names it (``fields`` or ``public_text``) or this
list says why it holds no personal data. Fields with choices hold codes and are left out.
"""

from django.db import models

from munich_portal.audit.registry import declarations

#: ``label.field`` -> why the text holds no personal data of the record's subject.
NOT_PERSONAL = {
    "accounts.eididentity.issuer": "the identity provider's entity id",
    "accounts.eidlogin.assertion_id": "the identity provider's random assertion id",
    "accounts.eidlogin.context": "the AuthnContextClassRef URI of the sign-in's level",
    "admin.logentry.object_id": "the primary key of the changed record",
    "admin.logentry.object_repr": "scrubbed by the log's own erasure hook (scrub_admin_log)",
    "admin.logentry.change_message": "scrubbed by the log's own erasure hook (scrub_admin_log)",
    "messaging.letter.sender": "the sending office, not the recipient",
    "messaging.letter.sender_phone": "the sending office's phone",
    "messaging.letter.sender_email": "the sending office's address",
    "messaging.outgoingemail.reply_to": "the city's reply address",
    "messaging.outgoingemail.message_id": "a technical message id",
    "appointments.booking.reference": "a random booking reference",
    "core.ratelimitwindow.key": "a limit's scope and a keyed hash or the account id (account_id)",
    "appointments.booking.secret": "a random token (deleted with the booking's use)",
    "appointments.waitinglistentry.secret": "a random token",
    "online_requests.onlinerequest.reference": "a generated case reference",
    "online_requests.onlinerequest.language": "a language code",
    "online_requests.requestupload.field_key": "the form question the file answers",
    "online_requests.requestupload.storage_name": "a random storage name; the file is deleted",
    "online_requests.requestupload.content_type": "the file type",
    "online_requests.requestupload.sha256": "the checksum of a file that is deleted",
    "participation.registration.consent_version": "the version of a consent text",
    "participation.registration.form_number": "the number printed on a paper form",
    "participation.registration.reference": "a random registration reference",
    "participation.registration.cancel_token": "a random token",
    "ideas.idea.consent_version": "the version of a consent text",
    "ideas.comment.consent_version": "the version of a consent text",
    "ideas.support.consent_version": "the version of a consent text",
    "ideas.idea.status_reason": "the city's public reason for a status",
    "ideas.idea.answer": "the city's public answer to the idea",
    "ideas.idea.moderation_reason": "the moderators' public reason for hiding",
    "ideas.comment.moderation_reason": "the moderators' public reason for hiding",
    "ideas.moderationdecision.reason": "the moderators' public reason for a decision",
    "accessibility.barrierreport.page": "the portal page the barrier is on (the statistic)",
    "accounts.user.password": "a password hash, never in history (history_exclude)",
    "accounts.session.session_key": "a random session key (the cookie's value)",
}


def _undeclared_text_fields() -> list[str]:
    found = []
    for declaration in declarations():
        covered = {*declaration.fields, *declaration.public_text}
        for model_field in declaration.model._meta.concrete_fields:
            if not isinstance(model_field, (models.CharField, models.TextField)):
                continue
            if model_field.choices or model_field.name in covered:
                continue
            found.append(f"{declaration.label}.{model_field.name}")
    return found


def test_every_text_field_of_a_declared_model_is_accounted_for():
    unaccounted = sorted(set(_undeclared_text_fields()) - NOT_PERSONAL.keys())
    assert unaccounted == [], (
        "Declare these text fields as personal (fields=/public_text=) or add them to "
        f"NOT_PERSONAL with a reason: {unaccounted}"
    )


def test_the_list_names_only_existing_undeclared_fields():
    assert sorted(NOT_PERSONAL.keys() - set(_undeclared_text_fields())) == []


def test_free_text_is_declared():
    by_label = {declaration.label: declaration for declaration in declarations()}
    assert {"title", "text"} <= set(by_label["ideas.idea"].public_text)
    assert "address" in by_label["ideas.idea"].fields
    assert by_label["ideas.comment"].public_text == ("text",)
    assert "details" in by_label["ideas.report"].fields
    assert {"description", "answer", "note"} <= set(by_label["accessibility.barrierreport"].fields)
