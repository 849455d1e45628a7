"""How something reached the city: the one ``Channel`` of every app.

A registration, an idea, a support, a comment or an appointment comes in online, on a paper form,
by phone or on site (at a counter, a wall at an event, in person). Participation, ideas, results
and appointments store these values; an app that accepts only some of them checks its subset with
a database constraint (appointments: no paper bookings, ``appointments.models.BOOKING_CHANNELS``).

Not to be confused with the audit trail's ``DataUseEvent.Via``: the technical path of a use of
personal data (portal, staff area, automatic, e-mail, letter, ...), see docs/decisions.md.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Channel"]


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    PAPER = "paper", _("paper form")
    PHONE = "phone", _("phone")
    ON_SITE = "on_site", _("on site")
