from django.core.management.base import BaseCommand

from munich_portal.core.roles import permissions_table


class Command(BaseCommand):
    help = "Print the roles' permissions as a Markdown table (for docs/roles.md)."

    def handle(self, *args, **options):
        self.stdout.write(permissions_table())
