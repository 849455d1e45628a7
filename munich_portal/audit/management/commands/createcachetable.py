"""``manage.py createcachetable``: Django's, run as the owner when DATABASE_OWNER_URL is set.

The app role may not create tables; the owner creates the cache table and the app role gets its
rights on it (see ``migrate`` in this folder and :mod:`munich_portal.audit.db_roles`).
"""

from django.core.management.commands.createcachetable import Command as DjangoCreateCacheTable
from django.db import DEFAULT_DB_ALIAS

from munich_portal.audit.db_roles import (
    grant_configured_app_role,
    owner_configured,
    owner_connection,
)


class Command(DjangoCreateCacheTable):
    help = DjangoCreateCacheTable.help + " Runs as DATABASE_OWNER_URL's role when set."

    def handle(self, *args, **options):
        if options["database"] != DEFAULT_DB_ALIAS or not owner_configured():
            return super().handle(*args, **options)
        with owner_connection() as connection:
            super().handle(*args, **options)
            grant_configured_app_role(connection)
        return None
