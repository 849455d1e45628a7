"""``manage.py setup_db_roles [--app-role NAME]``: the app's database role, run as the owner.

Creates the app role if it does not exist (the owner needs ``CREATEROLE`` for that; otherwise a
DBA creates it) and grants it what the portal needs and no more: full DML on ordinary tables,
only ``SELECT, INSERT`` on the data-use log and its anchors, no ``TRUNCATE``, no ownership, plus
the same default privileges for tables created later (:mod:`munich_portal.audit.db_roles`).
Idempotent: run it again at any time. With ``DATABASE_OWNER_URL`` set it connects as that role
(else as ``DATABASE_URL``'s), and ``migrate`` and ``createcachetable`` run it after every run.
See docs/deployment.md.
"""

import os

import psycopg
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from munich_portal.audit.db_roles import RoleProblem, app_role, grant_app_role, owner_connection


class Command(BaseCommand):
    help = "Create/grant the application's database role (run as the owner of the tables)."
    # The checks would connect as the app role, which may not exist yet.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--app-role",
            metavar="NAME",
            help="The role the application runs as. Default: the user of DATABASE_URL when "
            "DATABASE_OWNER_URL names another (the owner, whom this command connects as).",
        )
        parser.add_argument(
            "--password-env",
            metavar="VARIABLE",
            help="Set the app role's password from this environment variable (never on the "
            "command line, where other users could read it).",
        )

    def handle(self, *args, **options):
        role = options["app_role"] or app_role()
        if not role:
            raise CommandError(
                "Name the app role: --app-role NAME (or set DATABASE_URL to the app role and "
                "DATABASE_OWNER_URL to the owner)."
            )
        password = self._password(options["password_env"])
        try:
            with owner_connection() as connection, transaction.atomic(using=connection.alias):
                report = grant_app_role(connection, role, password=password)
        except RoleProblem as error:
            raise CommandError(str(error)) from error
        except (DatabaseError, psycopg.Error) as error:
            hint = ""
            cause = error if isinstance(error, psycopg.Error) else error.__cause__
            if isinstance(cause, psycopg.errors.InsufficientPrivilege):
                hint = (
                    " — run it as the owner of the tables; creating the role needs CREATEROLE "
                    "(or let a DBA run CREATE ROLE … LOGIN first)."
                )
            raise CommandError(f"Cannot set up the role {role}: {error}{hint}") from error
        if options["verbosity"] >= 2:
            for statement in report.statements:
                self.stdout.write(statement)
        state = "created" if report.created else "exists"
        password_note = ", password set" if report.password_set else ""
        self.stdout.write(
            f"App role {role} ({state}{password_note}): SELECT/INSERT/UPDATE/DELETE on tables, "
            "SELECT/INSERT only on audit_datauseevent and audit_auditanchor."
        )

    def _password(self, variable: str | None) -> str | None:
        if not variable:
            return None
        value = os.environ.get(variable, "")
        if not value:
            raise CommandError(f"The environment variable {variable} is empty or not set.")
        return value
