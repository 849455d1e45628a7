"""``manage.py migrate``: Django's, run as the owner of the tables when DATABASE_OWNER_URL is set.

The app role (``DATABASE_URL``) may not create or alter tables; the owner may. With
``DATABASE_OWNER_URL`` set, the default connection logs in as the owner for the whole command —
data migrations and ``post_migrate`` handlers included — and the app role is granted its rights
afterwards (``setup_db_roles``), in the same run. Without it (development, tests) this is exactly
Django's ``migrate``. See :mod:`munich_portal.audit.db_roles` and docs/deployment.md.
"""

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import DEFAULT_DB_ALIAS

from munich_portal.audit.db_roles import (
    grant_configured_app_role,
    owner_configured,
    owner_connection,
)


class Command(DjangoMigrate):
    help = (
        DjangoMigrate.help
        + " Runs as DATABASE_OWNER_URL's role when set, then grants the app role."
    )

    def handle(self, *args, **options):
        if options["database"] != DEFAULT_DB_ALIAS or not owner_configured():
            return super().handle(*args, **options)
        with owner_connection() as connection:
            super().handle(*args, **options)
            report = grant_configured_app_role(connection)
        if report is not None and options["verbosity"] >= 1:
            self.stdout.write(f"Granted the app role {report.role} its rights (setup_db_roles).")
        return None
