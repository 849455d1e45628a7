from django.core.management.base import BaseCommand
from django.utils import translation

from munich_portal.core.docs_tables import write_table
from munich_portal.core.roles import permissions_table
from munich_portal.core.scopes import scopes_table


class Command(BaseCommand):
    help = (
        "Print the roles' permissions and the row scopes (who sees which rows) as Markdown tables "
        "(for docs/roles.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--write", action="store_true", help="Replace the tables in docs/roles.md."
        )

    def handle(self, *args, **options):
        with translation.override("en"):
            tables = {"roles-table": permissions_table(), "scopes-table": scopes_table()}
        if options["write"]:
            for marker, table in tables.items():
                path = write_table("roles.md", marker, table)
            self.stdout.write(f"Updated {path}.")
        else:
            self.stdout.write("\n\n".join(tables.values()))
