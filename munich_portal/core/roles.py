"""Staff roles (Django groups) and their permissions — least privilege, see docs/roles.md.

The definition is data in this module; :func:`sync_roles` makes the database match it and runs
after every ``migrate`` (and from ``manage.py sync_roles``), so permissions of models added later
join their role as soon as the model exists. Permissions of models that do not exist yet are
skipped, not errors.
"""

from django.utils.translation import gettext_lazy as _

VIEW = ("view",)
EDIT = ("view", "add", "change")
FULL = ("view", "add", "change", "delete")


class Role:
    EDITORIAL = "Redaktion"
    CASEWORK = "Sachbearbeitung"
    DATA_ENTRY = "Erfassung"
    EVENTS = "Veranstaltungsorganisation"
    ACCESSIBILITY = "Barrierefreiheit"
    DATA_PROTECTION = "Datenschutz"
    ADMINISTRATION = "Administration"


ROLE_DESCRIPTIONS = {
    Role.EDITORIAL: _("Editors maintain the service catalogue, offices and processes."),
    Role.CASEWORK: _("Case workers process online requests and appointments."),
    Role.DATA_ENTRY: _("Clerks type in printed participation forms."),
    Role.EVENTS: _("Event organisers run events, registrations and check-in."),
    Role.ACCESSIBILITY: _("The accessibility officer maintains the statement and barrier reports."),
    Role.DATA_PROTECTION: _("The data-protection officer reviews the data-use log."),
    Role.ADMINISTRATION: _("Administrators manage staff accounts and the city structure."),
}

# group -> {"app_label.model": actions}. Later issues add their models here.
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    Role.EDITORIAL: {
        "core.stadtbezirk": VIEW,
        "core.department": VIEW,
    },
    Role.CASEWORK: {
        "core.stadtbezirk": VIEW,
        "core.department": VIEW,
    },
    Role.DATA_ENTRY: {
        "core.stadtbezirk": VIEW,
    },
    Role.EVENTS: {
        "core.stadtbezirk": VIEW,
        "core.department": VIEW,
    },
    Role.ACCESSIBILITY: {},
    Role.DATA_PROTECTION: {
        "core.department": VIEW,
    },
    Role.ADMINISTRATION: {
        "accounts.user": EDIT,
        "auth.group": VIEW,
        "core.stadtbezirk": FULL,
        "core.department": FULL,
    },
}


def sync_roles(*, using: str = "default") -> dict[str, int]:
    """Create the role groups and set their permissions exactly as defined; idempotent.

    Returns the number of permissions each group holds afterwards.
    """
    from django.contrib.auth.models import Group, Permission

    counts = {}
    for group_name, grants in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=group_name)
        wanted = []
        for model_label, actions in grants.items():
            app_label, model = model_label.split(".")
            codenames = [f"{action}_{model}" for action in actions]
            wanted.extend(
                Permission.objects.using(using).filter(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename__in=codenames,
                )
            )
        group.permissions.set(wanted)
        counts[group_name] = len(wanted)
    return counts


def sync_roles_after_migrate(sender, using="default", **kwargs):
    # post_migrate fires once per app; run once, for this app, creating every app's permissions
    # first (Django would create them only in the later apps' own post_migrate).
    if getattr(sender, "label", None) != "core":
        return
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    sync_roles(using=using)
