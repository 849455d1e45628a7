"""The city's structure that every app refers to: districts (Stadtbezirke) and departments."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
