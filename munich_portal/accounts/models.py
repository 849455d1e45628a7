from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from munich_portal.audit import purposes
from munich_portal.audit.registry import personal_data
from munich_portal.core.scopes import NOTHING, row_scope


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A resident or staff member; the e-mail address is the login."""

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    full_name = models.CharField(_("name"), max_length=150, blank=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Staff members can enter the staff area (with two-factor authentication)."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self):
        return self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email)

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


# --- Sign-in with BayernID / BundID (issue 16; munich_portal/accounts/eid.py) --------------------

EID_PURPOSE = purposes.register(
    purposes.Purpose(
        code="eid_sign_in",
        title=_("Sign-in with BayernID / BundID"),
        legal_basis="Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 3 Abs. 2 und § 8 OZG, Art. 4 Abs. 1 "
        "BayDSG",
        description=_(
            "Residents sign in with the state's identity account (BayernID or BundID). The "
            "portal keeps which identity is connected to the account, at which assurance level "
            "each sign-in was made (online requests may require a level), and the name and "
            "address the identity provider confirmed, to fill in request forms."
        ),
        data_categories=(
            _("the identity provider's pseudonymous identifier of the resident"),
            _("assurance level and time of each sign-in"),
            _("name and postal address as confirmed by the identity provider"),
        ),
        data_subjects=(_("residents with a portal account"),),
        recipients=(_("the City of Munich's IT department (operation of the portal)"),),
        retention=_(
            "The connection: until it is removed or the account is deleted. Each sign-in with "
            "its name and address: 30 days."
        ),
    )
)

#: How long a sign-in (its level, name and address) is kept: long beyond any session.
EID_LOGIN_RETENTION = timedelta(days=30)


class AssuranceLevel(models.TextChoices):
    LOW = "low", _("low")
    SUBSTANTIAL = "substantial", _("substantial")
    HIGH = "high", _("high")


@personal_data(
    subject="user",
    fields=["name_id"],
    purposes=["eid_sign_in"],
    on_erasure="delete",
    shown_fields=("issuer", "created_at", "last_login_at"),
)
@row_scope(public=NOTHING)
class EidIdentity(models.Model):
    """An identity at the identity provider (its persistent NameID) connected to an account."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="eid_identities",
    )
    issuer = models.CharField(_("identity provider"), max_length=255)
    name_id = models.CharField(_("identifier at the identity provider"), max_length=255)
    created_at = models.DateTimeField(_("connected"), default=timezone.now)
    last_login_at = models.DateTimeField(_("last sign-in"), default=timezone.now)

    class Meta:
        verbose_name = _("BayernID/BundID connection")
        verbose_name_plural = _("BayernID/BundID connections")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "name_id"], name="eididentity_unique"),
        ]

    def __str__(self):
        return self.issuer


@personal_data(
    subject="user",
    fields=["given_name", "family_name", "street", "postal_code", "city"],
    purposes=["eid_sign_in"],
    retention=EID_LOGIN_RETENTION,
    retention_anchor="logged_in_at",
    on_retention="delete",
    on_erasure="delete",
    shown_fields=(
        "logged_in_at",
        "level",
        "given_name",
        "family_name",
        "street",
        "postal_code",
        "city",
    ),
)
@row_scope(public=NOTHING)
class EidLogin(models.Model):
    """One sign-in with the identity provider: its assurance level and the confirmed name and
    address. ``assertion_id`` is unique, so one assertion signs in once (no replay)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="eid_logins",
    )
    identity = models.ForeignKey(
        EidIdentity, verbose_name=_("connection"), on_delete=models.CASCADE, related_name="logins"
    )
    logged_in_at = models.DateTimeField(_("signed in"), default=timezone.now)
    level = models.CharField(
        _("assurance level"), max_length=20, choices=AssuranceLevel, blank=True
    )
    context = models.CharField(_("authentication context"), max_length=200, blank=True)
    assertion_id = models.CharField(_("assertion"), max_length=255, unique=True)
    given_name = models.CharField(_("given name"), max_length=200, blank=True)
    family_name = models.CharField(_("family name"), max_length=200, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("BayernID/BundID sign-in")
        verbose_name_plural = _("BayernID/BundID sign-ins")
        ordering = ["-logged_in_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__in=["", "low", "substantial", "high"]),
                name="eidlogin_level_valid",
            ),
        ]

    def __str__(self):
        return f"{self.logged_in_at:%Y-%m-%d %H:%M} ({self.level or '-'})"


# --- Sessions -----------------------------------------------------------------------------------


@personal_data(
    subject="user",
    fields=["session_data"],
    purposes=["security"],
    on_erasure="delete",
    # A session's data is the portal's working memory (who is signed in, a form's progress); it
    # changes on every step and has no history worth keeping. Expired sessions are deleted by the
    # scheduled ``clearsessions``.
    history=False,
    shown_fields=("expire_date",),
)
@row_scope(public=NOTHING)
class Session(AbstractBaseSession):
    """Django's database session with the signed-in account as a column (issue 17, round 2).

    The column lets one query load the session, its account and what the apps load with the
    account (:mod:`munich_portal.accounts.sessions`), and finds an account's sessions without
    decoding every session (erasure, signing out everywhere). It is written from the session's
    data on every save, so it never disagrees with the data for longer than a request.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("sign-in session")
        verbose_name_plural = _("sign-in sessions")

    @classmethod
    def get_session_store_class(cls):
        from munich_portal.accounts.sessions import SessionStore

        return SessionStore
