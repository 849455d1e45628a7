from django.core.management.base import BaseCommand

from munich_portal.core.roles import sync_roles


class Command(BaseCommand):
    help = "Create the staff role groups and set their permissions (idempotent)."

    def handle(self, *args, **options):
        for group, count in sync_roles().items():
            self.stdout.write(f"{group}: {count} permissions")
