from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "appointments"
    verbose_name = _("Appointments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from appointments.notifications import CONFIDENTIAL_KINDS, LETTER_KINDS, MESSAGE_KINDS
        from munich_portal.core.roles import Role
        from munich_portal.messaging.registry import register_message_kinds
        from services.models import OpeningException

        # E-mails to the people who booked or wait: the outbox scopes by kind, not by office, so
        # only the roles that see every booking (casework sees those of its offices only);
        # Administration, who runs the outbox, sees every e-mail anyway. The kinds that are also
        # letters (people without e-mail) are seen by the clerks (Erfassung) too: they print the
        # city's one daily letter batch (docs/decisions.md).
        for letters in (True, False):
            labels = {
                kind: label
                for kind, label in MESSAGE_KINDS.items()
                if (kind in LETTER_KINDS) == letters
            }
            register_message_kinds(
                "appointments",
                labels,
                roles=(Role.DATA_ENTRY, Role.DATA_PROTECTION)
                if letters
                else (Role.DATA_PROTECTION,),
                purpose="appointments",
                letters=letters,
                confidential=CONFIDENTIAL_KINDS & set(labels),
            )

        # The people of a booking leave no names in their history once deleted (with the booking:
        # erasure, retention, a rights request that found only the booker).
        from appointments.models import BookingPerson

        post_delete.connect(
            _forget_person, sender=BookingPerson, dispatch_uid="appointments.forget_person"
        )

        # The offer (types and the services they book) is versioned with the catalogue (its
        # triggers, migration 0010); a change made in this process is seen at once, not only when
        # the remembered version expires.
        from appointments.models import AppointmentType
        from services.selectors import catalogue_token

        catalogue_token.forget_on_writes(
            AppointmentType, m2m=[AppointmentType.services.through], uid="appointments.offer"
        )

        # A closed day or special hours entered for an office change its slots at once.
        for signal in (post_save, post_delete):
            signal.connect(
                _resync_office,
                sender=OpeningException,
                dispatch_uid=f"appointments.resync.{signal}",
            )


def _forget_person(sender, instance, **kwargs):
    from munich_portal.audit.actions import forget_history

    forget_history(sender, [instance.pk])


def _resync_office(sender, instance, **kwargs):
    from django.db import transaction

    from appointments.models import AppointmentType
    from appointments.slots import sync_slots

    office_id = instance.office_id

    def resync():
        for appointment_type in AppointmentType.objects.filter(office_id=office_id):
            sync_slots(appointment_type)

    transaction.on_commit(resync)
