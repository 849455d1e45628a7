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


class EidSignInRefused(Exception):
    """A verified BayernID/BundID sign-in the portal does not turn into a login; ``reason`` is one
    of :data:`EID_REFUSALS` (the problem page explains each)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


#: Why a verified sign-in is refused (keys of the problem page's texts).
EID_REFUSALS = (
    "email_taken",  # a first sign-in whose e-mail address has an account: no silent takeover
    "no_email",  # a first sign-in without an e-mail address: no account to create
    "other_account",  # the identity is connected to another account than the one logged in
    "staff",  # staff accounts sign in with password and second factor only
    "replayed",  # this assertion was used before
)


@transaction.atomic
def sign_in_with_eid(*, assertion, current_user=None):
    """The account a verified assertion signs in to, with the sign-in recorded.

    - A connected identity signs in to its account (a logged-in resident of another account is
      refused: ``other_account``).
    - A logged-in resident without a connected identity connects this one to their account (they
      proved both the password and the identity).
    - Otherwise a first sign-in creates an account with the identity provider's e-mail address
      (verified there), unless that address belongs to an account (``email_taken``: log in with
      the password and connect in Mein Konto; never a silent takeover) or there is none
      (``no_email``).

    Staff accounts are refused (``staff``). The sign-in row (:class:`EidLogin`) stores the level
    and the confirmed name and address; its unique ``assertion_id`` refuses a replay. The
    account's name is filled in from the assertion when it has none.

    Returns ``(user, login)``.
    """
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.db import IntegrityError
    from django.utils import timezone

    from munich_portal.accounts.models import EidIdentity, EidLogin
    from munich_portal.accounts.selectors import is_staff_account

    User = get_user_model()
    attributes = assertion.attributes
    identity = (
        EidIdentity.objects.select_for_update()
        .select_related("user")
        .filter(issuer=assertion.issuer, name_id=assertion.name_id)
        .first()
    )
    current = current_user if getattr(current_user, "is_authenticated", False) else None
    if identity is not None:
        user = identity.user
        if current is not None and current.pk != user.pk:
            raise EidSignInRefused("other_account")
    elif current is not None:
        user = current
    else:
        email = (attributes.get("email") or "").strip()
        if not email:
            raise EidSignInRefused("no_email")
        taken = (
            User._default_manager.filter(email__iexact=email).exists()
            or EmailAddress.objects.filter(email__iexact=email).exists()
        )
        if taken:
            raise EidSignInRefused("email_taken")
        user = User._default_manager.create_user(email=email)
        user.set_unusable_password()
        user.save(update_fields=["password"])
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    if is_staff_account(user) or not user.is_active:
        raise EidSignInRefused("staff")
    now = timezone.now()
    if identity is None:
        identity = EidIdentity.objects.create(
            user=user, issuer=assertion.issuer, name_id=assertion.name_id, created_at=now
        )
    identity.last_login_at = now
    identity.save(update_fields=["last_login_at"])
    try:
        with transaction.atomic():
            login = EidLogin.objects.create(
                user=user,
                identity=identity,
                logged_in_at=now,
                level=assertion.level,
                context=assertion.context,
                assertion_id=assertion.assertion_id,
                **{
                    name: attributes.get(name, "")
                    for name in ("given_name", "family_name", "street", "postal_code", "city")
                },
            )
    except IntegrityError:
        raise EidSignInRefused("replayed") from None
    name = " ".join(
        part for part in (attributes.get("given_name"), attributes.get("family_name")) if part
    )
    if name and not user.full_name:
        user.full_name = name[:150]
        user.save(update_fields=["full_name"])
    return user, login
