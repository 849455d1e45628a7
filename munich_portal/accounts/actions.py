"""Writes on accounts."""

from django.db import transaction


@transaction.atomic
def delete_account(*, user) -> None:
    """Delete a resident's account: erase their personal data everywhere, then the user row.

    ``erase_subject`` anonymises every declared record about the user and all their history rows,
    deletes their e-mail addresses, authenticators and sessions, scrubs the admin log, logs the
    erasure and destroys the pseudonym link (docs/data-protection.md). The anonymised user row is
    then deleted as well: the account is gone, and its e-mail address free for a new sign-up.
    """
    from munich_portal.audit.actions import ErasureReason, erase_subject
    from munich_portal.audit.context import current_context, processing_context

    actor = current_context().actor
    if actor is None or not (isinstance(actor, str) or actor.is_authenticated):
        # The owner, whom the view has just logged out, deletes their own account.
        actor = user
    with processing_context(actor=actor):
        erase_subject(user=user, reason=ErasureReason.ACCOUNT_DELETED)
        # erase_subject reloaded ``user``: the deletion's history row holds only anonymised values.
        user.delete()
