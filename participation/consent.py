"""The consent text residents agree to when they register, online and on paper.

The version in force is the newest :class:`~participation.models.ConsentText` whose
``valid_from`` has arrived; every registration records the version it was given under. Until the
city has entered one, a built-in text (version ``"2026-1"``) applies.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from participation.models import ConsentText

BUILTIN_VERSION = "2026-1"
BUILTIN_TEXT = _(
    "The City of Munich uses my details to organise this event: to confirm my place, keep the "
    "waiting list, check me in and prepare the support I asked for. Details about support I "
    "need are used only for this. The details are deleted six months after the event. I can "
    "withdraw my consent at any time by cancelling the registration."
)


@dataclass(frozen=True)
class Consent:
    version: str
    text: str
    privacy_notice: str = ""


def current_consent(today=None) -> Consent:
    from munich_portal.core.timezone import today_in_munich

    today = today or today_in_munich()
    row = ConsentText.objects.filter(valid_from__lte=today).order_by("-valid_from", "-pk").first()
    if row is None:
        return Consent(version=BUILTIN_VERSION, text=str(BUILTIN_TEXT))
    return Consent(version=row.version, text=row.text, privacy_notice=row.privacy_notice)
