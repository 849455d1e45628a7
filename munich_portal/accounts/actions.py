"""Writes on accounts."""

from django.db import transaction


class StaffAccountNotDeletable(Exception):
    """Staff accounts are deactivated by an administrator, never deleted by their owner: their
    admin log entries and data-use events must stay attributed."""


@transaction.atomic
def delete_account(*, user, contributions: str = "delete") -> None:
    """Delete a resident's account: erase their personal data everywhere, then the user row.

    A staff account (:func:`munich_portal.accounts.selectors.is_staff_account`) raises
    :class:`StaffAccountNotDeletable`.

    ``erase_subject`` anonymises every declared record about the user and all their history rows,
    deletes their e-mail addresses, authenticators and sessions, scrubs the admin log, logs the
    erasure and destroys the pseudonym link (docs/data-protection.md). The anonymised user row is
    then deleted as well: the account is gone, and its e-mail address free for a new sign-up.

    Erasure also cancels the resident's registrations and appointments still ahead (their places
    go to the waiting lists). ``contributions`` is the resident's choice for their public
    contributions: ``"delete"`` or ``"keep"`` the text, anonymised (the audit registry's
    ``DELETE``/``KEEP``).
    """
    from munich_portal.accounts.selectors import is_staff_account
    from munich_portal.audit.actions import ErasureReason, erase_subject
    from munich_portal.audit.context import current_context, processing_context

    if is_staff_account(user):
        raise StaffAccountNotDeletable(user.pk)

    actor = current_context().actor
    if actor is None or not (isinstance(actor, str) or actor.is_authenticated):
        # The owner, whom the view has just logged out, deletes their own account.
        actor = user
    with processing_context(actor=actor):
        erase_subject(user=user, reason=ErasureReason.ACCOUNT_DELETED, contributions=contributions)
        # erase_subject reloaded ``user``: the deletion's history row holds only anonymised values.
        user.delete()


def record_staff_access_change(
    *,
    user,
    roles_granted=(),
    roles_removed=(),
    flags: dict | None = None,
    departments_added=(),
    departments_removed=(),
):
    """Log a grant or removal of staff access as a data-use event of ``user`` (the account's
    owner): action ``change``, purpose ``staff_administration``, record ``accounts.user``.

    The data-protection officer sees who changed whose access in the log; the staff member sees it
    in Meine Daten. The details name role groups, access flags (``is_staff``/``is_superuser``
    with their new value) and department codes — never personal values.
    """
    from munich_portal.audit.actions import record_use

    details = {}
    if roles_granted:
        details["roles_granted"] = sorted(str(name) for name in roles_granted)
    if roles_removed:
        details["roles_removed"] = sorted(str(name) for name in roles_removed)
    if flags:
        details["access"] = {str(flag): bool(value) for flag, value in sorted(flags.items())}
    if departments_added:
        details["departments_added"] = sorted(str(code) for code in departments_added)
    if departments_removed:
        details["departments_removed"] = sorted(str(code) for code in departments_removed)
    return record_use(
        action="change",
        subject=user,
        record_type=user._meta.label_lower,
        record_id=user.pk,
        purpose="staff_administration",
        details={"staff_access": details},
    )
