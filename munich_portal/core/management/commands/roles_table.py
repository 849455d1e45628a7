from django.core.management.base import BaseCommand

from munich_portal.core.docs_tables import write_table
from munich_portal.core.roles import permissions_table


class Command(BaseCommand):
    help = "Print the roles' permissions as a Markdown table (for docs/roles.md)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--write", action="store_true", help="Replace the table in docs/roles.md."
        )

    def handle(self, *args, **options):
        table = permissions_table()
        if options["write"]:
            path = write_table("roles.md", "roles-table", table)
            self.stdout.write(f"Updated {path}.")
        else:
            self.stdout.write(table)
