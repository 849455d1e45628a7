"""The city's results of a participation process (issue 7): the summary it writes at the end.

The figures on the results page are not stored: :mod:`results.statistics` counts
them from the registrations, ideas, comments and supports whenever the page is rendered.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from munich_portal.core.i18n import Translated
from munich_portal.core.scopes import row_scope, where

__all__ = ["ProcessResult"]


@row_scope(
    reference=True,
    public=where(Q(process__status="published"), _("of published processes")),
)
class ProcessResult(models.Model):
    """The results summary of one process, written by the city for its results phase."""

    process = models.OneToOneField(
        "participation.Process",
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        related_name="result",
    )
    summary_de = models.TextField(
        _("results summary (German)"),
        help_text=_(
            "What came out of the participation and what the city does with it. Shown at the top "
            "of the results page once the results phase has begun."
        ),
    )
    summary_en = models.TextField(_("results summary (English)"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("results of a process")
        verbose_name_plural = _("results of processes")
        permissions = [
            (
                "export_processresult",
                "Can export the ideas and comments of processes (CSV, XLSX)",
            )
        ]

    summary = Translated()

    def __str__(self):
        return str(self.process)
