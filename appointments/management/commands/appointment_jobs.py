"""``manage.py appointment_jobs``: the scheduled work of the appointments app.

Run it every 5 minutes, and nightly with ``--slots`` (systemd timers in deploy/systemd/;
docs/deployment.md, "Scheduled jobs"). Each run, idempotent:

1. returns the places of expired holds and offers and of cancellations whose delay has passed,
   offering them to the waiting list first (``actions.release_due``);
2. e-mails the reminders for tomorrow's appointments not yet reminded (``actions.send_reminders``);
3. once a day (``--slots``, or when a type's slots end before the horizon) regenerates the slots
   from the rules up to the horizon.

Not a task: these jobs are periodic, not queued, and django-tasks-db (the outbox's worker) has
no periodic tasks; a command run by the system's scheduler needs nothing more to operate.
"""

from django.core.management.base import BaseCommand

from appointments import actions
from appointments.models import AppointmentType
from appointments.slots import sync_slots


class Command(BaseCommand):
    help = "Release expired holds and due cancellations, send reminders, extend the slots."

    def add_arguments(self, parser):
        parser.add_argument(
            "--slots", action="store_true", help="Regenerate every type's slots from its rules."
        )

    def handle(self, *args, slots=False, **options):
        released = actions.release_due()
        reminded = actions.send_reminders()
        synced = 0
        if slots:
            for appointment_type in AppointmentType.objects.all():
                sync_slots(appointment_type)
                synced += 1
        self.stdout.write(
            f"released {released} place(s), sent {reminded} reminder(s), "
            f"regenerated the slots of {synced} type(s)"
        )
