"""Writes on accounts."""

from django.db import transaction


@transaction.atomic
def delete_account(*, user) -> None:
    """Delete a resident's account.

    TODO(issue 3): route through the audit trail's erasure so personal data in every declared
    model and its history is anonymised and the pseudonym link destroyed.
    """
    user.delete()
