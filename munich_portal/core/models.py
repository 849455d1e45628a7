"""The city's structure that every app refers to: districts (Stadtbezirke), departments and the
departments staff members work for."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from munich_portal.audit.registry import personal_data


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
