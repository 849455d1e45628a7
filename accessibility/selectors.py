"""Reads of the accessibility app: the published statement and video, preferences, reminders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from accessibility import preferences as prefs
from accessibility.models import (
    AccessibilityStatement,
    BarrierReport,
    DisplayPreference,
    KnownBarrier,
    SignLanguageVideo,
)


def published_statement() -> AccessibilityStatement | None:
    """The statement on the site, with its known barriers (two queries)."""
    return (
        AccessibilityStatement.objects.published()
        .prefetch_related(Prefetch("barriers", queryset=KnownBarrier.objects.order_by("position")))
        .first()
    )


def published_sign_language_video() -> SignLanguageVideo | None:
    return SignLanguageVideo.objects.filter(is_published=True).order_by("-updated_at").first()


def stored_preferences(user) -> prefs.Preferences | None:
    """A resident's stored display preferences, or ``None`` when they have stored none."""
    if not getattr(user, "is_authenticated", False):
        return None
    relation = DisplayPreference.user.field.remote_field
    if relation.is_cached(user):
        # Loaded with the session (munich_portal.accounts.sessions.load_with_user).
        row = relation.get_cached_value(user)
    else:
        row = DisplayPreference.objects.filter(user=user).first()
    return row.as_preferences() if row is not None else None


def effective_preferences(*, user, cookie_value: str | None) -> prefs.Preferences:
    """What a page applies: the resident's stored preferences win; else the device's cookie."""
    return stored_preferences(user) or prefs.parse(cookie_value) or prefs.DEFAULT


@dataclass(frozen=True)
class Reminders:
    """What the accessibility officer has to do now (shown in the staff area)."""

    statement: AccessibilityStatement | None
    statement_review_due: bool
    overdue_reports: int
    open_reports: int

    @property
    def any(self) -> bool:
        return self.statement_review_due or self.overdue_reports > 0 or self.statement is None


def reminders(*, today: dt.date | None = None) -> Reminders:
    """The yearly review of the published statement, and reports past their deadline."""
    today = today or timezone.localdate()
    statement = AccessibilityStatement.objects.published().first()
    return Reminders(
        statement=statement,
        statement_review_due=statement is not None and statement.review_is_due(today=today),
        overdue_reports=BarrierReport.objects.overdue(today=today).count(),
        open_reports=BarrierReport.objects.open().count(),
    )
