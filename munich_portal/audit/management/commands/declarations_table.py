from django.core.management.base import BaseCommand

from munich_portal.audit.selectors import declarations_table
from munich_portal.core.docs_tables import write_table


class Command(BaseCommand):
    help = "Print the personal-data declarations as a Markdown table (docs/data-protection.md)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--write", action="store_true", help="Replace the table in docs/data-protection.md."
        )

    def handle(self, *args, **options):
        table = declarations_table()
        if options["write"]:
            path = write_table("data-protection.md", "declarations-table", table)
            self.stdout.write(f"Updated {path}.")
        else:
            self.stdout.write(table)
