"""The city's structure that every app refers to: districts (Stadtbezirke), departments and the
departments staff members work for."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from munich_portal.audit.registry import personal_data
from munich_portal.core.scopes import NOTHING, row_scope


class Stadtbezirk(models.Model):
    """One of Munich's 25 city districts."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("city district (Stadtbezirk)")
        verbose_name_plural = _("city districts (Stadtbezirke)")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=25),
                name="stadtbezirk_number_1_to_25",
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"


class Department(models.Model):
    """A department of the city administration (Referat) or one of its units."""

    code = models.CharField(_("short name"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department (Referat)")
        verbose_name_plural = _("departments (Referate)")

    def __str__(self):
        return self.name


@personal_data(
    subject="user",
    fields=(),
    purposes=["staff_administration"],
    on_erasure="delete",
    shown_fields=("department", "created_at"),
)
class StaffMembership(models.Model):
    """A staff member works for a department (Referat).

    The department decides which rows the staff member sees where a model's scope is "of their
    department" (online requests of its services, bookings at its offices; see
    :mod:`munich_portal.core.scopes`), and it is recorded with every data-use event they cause.
    Administration maintains it; a staff member of several departments says which one they act
    for together with the purpose of work.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.PROTECT,
        related_name="staff_memberships",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="staff_memberships",
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("staff member's department")
        verbose_name_plural = _("staff members' departments")
        constraints = [
            models.UniqueConstraint(fields=["user", "department"], name="staffmembership_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.department}"  # noqa: RUF001


@personal_data(
    subject="account_id",
    fields=(),
    purposes=["security"],
    on_erasure="delete",
    shown_fields=("expires_at",),
    # A counter changes on every use: its history would be a second, larger counter.
    history=False,
    # The limiter writes with its own statements, the cleanup job deletes in bulk.
    guard=False,
)
# No one reads the counters in the staff area; erasure and the cleanup job delete them.
@row_scope(public=NOTHING)
class RateLimitWindow(models.Model):
    """The uses of one rate-limit key within its sliding window (munich_portal/core/ratelimit.py).

    ``stamps[i]`` (seconds since the epoch) and ``weights[i]`` are one counted use. The limiter
    writes a row in one ``INSERT … ON CONFLICT`` statement; rows past ``expires_at`` count nothing
    and are deleted by the scheduled ``clear_ratelimits`` job.
    """

    key = models.CharField(_("key"), max_length=255, primary_key=True)
    stamps = ArrayField(models.FloatField(), verbose_name=_("times of the uses"))
    weights = ArrayField(models.PositiveIntegerField(), verbose_name=_("weights of the uses"))
    # Not indexed: a hit changes only unindexed columns, so PostgreSQL updates the row in place
    # (a HOT update, no index write); the cleanup job's scan of a small table is cheap.
    expires_at = models.DateTimeField(_("expires at"))
    # The account of an ``account_key`` key (``…:account:<id>``), so erasure and Meine Daten find
    # the person's windows like any declared row; no foreign key: a hit checks no other table.
    account_id = models.PositiveBigIntegerField(_("account"), null=True, blank=True)

    class Meta:
        verbose_name = _("rate-limit window")
        verbose_name_plural = _("rate-limit windows")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stamps__len=models.F("weights__len")),
                name="ratelimitwindow_one_weight_per_stamp",
            )
        ]
        indexes = [
            models.Index(
                fields=["account_id"],
                condition=models.Q(account_id__isnull=False),
                name="ratelimitwindow_account",
            )
        ]

    def __str__(self):
        return self.key
