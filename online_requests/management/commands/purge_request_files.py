"""``manage.py purge_request_files``: remove uploaded files of online requests that no row names
any more (after retention or erasure). Run daily after ``enforce_retention`` (deploy/systemd/)."""

from django.core.management.base import BaseCommand

from online_requests.actions import remove_orphan_files


class Command(BaseCommand):
    help = "Remove uploaded request files that no upload row refers to any more."

    def handle(self, *args, **options):
        removed = remove_orphan_files()
        self.stdout.write(f"{removed} file(s) removed.")
