"""Staff roles (Django groups) and their permissions — least privilege, see docs/roles.md.

The definition is data in this module; :func:`sync_roles` makes the database match it and runs
after every ``migrate`` (and from ``manage.py sync_roles``), so permissions of models added later
join their role as soon as the model exists. Permissions of models that do not exist yet are
skipped, not errors. A permission granted to a role group by hand in the admin is removed by the
next sync: the code is the single source of truth, reviewed like any other change.

Rules the definition keeps (tests/core/test_roles.py checks them):

- Only Administration manages user accounts, and even it cannot delete them: deleting a person's
  account goes through the account deletion, which anonymises (``accounts.actions``).
- No role may change groups or permissions; roles change only here, in reviewed code.
- A role sees reference data (districts, departments) only when its work needs it.
"""

from django.db import transaction
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
    Role.EDITORIAL: _(
        "Editors maintain the service catalogue, offices, life situations and participation "
        "processes."
    ),
    Role.CASEWORK: _(
        "Case workers process online requests and appointments of their department and write to "
        "the residents concerned."
    ),
    Role.DATA_ENTRY: _(
        "Clerks type in printed participation forms and registrations made by phone or in person."
    ),
    Role.EVENTS: _(
        "Event organisers run events: places, waiting lists, registrations, access needs and "
        "check-in."
    ),
    Role.ACCESSIBILITY: _(
        "The accessibility officer maintains the accessibility statement and handles barrier "
        "reports within their deadlines."
    ),
    Role.DATA_PROTECTION: _(
        "The data-protection officer reviews the data-use log and the register of processing "
        "activities (read-only) and answers the rights requests of people without an account."
    ),
    Role.ADMINISTRATION: _(
        "Administrators manage staff accounts and their roles, and the city's structure "
        "(districts, departments)."
    ),
}

# The catalogue's models (services app, issue 4).
SERVICE_CATALOGUE_MODELS = [
    "service",
    "lifesituation",
    "topic",
    "office",
    "openinghours",
    "openingexception",
    "searchsynonym",
]

# Participation (issue 6): processes with their phases and documents, events, registrations.
PARTICIPATION_PROCESS_MODELS = ["process", "phase", "processdocument"]

# Online requests (issue 5, app online_requests): the form definitions editors maintain, and the
# personal-data models whose change history the data-protection officer reads.
ONLINE_REQUEST_FORM_MODELS = ["requestform", "formpage", "formfield"]
ONLINE_REQUEST_PERSONAL_MODELS = [
    "onlinerequest",
    "requestmessage",
    "internalnote",
    "statuschange",
    "requestupload",
]

# group -> {"app_label.model": actions}. Later issues add their models here (and to the matrix in
# tests/core/test_roles.py and docs/roles.md).
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    Role.EDITORIAL: {
        "core.stadtbezirk": VIEW,
        "core.department": VIEW,
        # The service catalogue (issue 4), with read access to its history.
        **{f"services.{model}": FULL for model in SERVICE_CATALOGUE_MODELS},
        **{f"services.historical{model}": VIEW for model in SERVICE_CATALOGUE_MODELS},
        # Participation processes: edit their texts, phases and documents (not delete them).
        "participation.process": EDIT,
        "participation.phase": FULL,
        "participation.processdocument": FULL,
        # The results summary of a process (issue 7): written by editors or organisers.
        "results.processresult": EDIT,
        # Online request forms (issue 5): build and publish; published versions are read-only.
        **{f"online_requests.{model}": FULL for model in ONLINE_REQUEST_FORM_MODELS},
        "online_requests.formversion": VIEW,
    },
    Role.CASEWORK: {
        "core.stadtbezirk": VIEW,
        "core.department": VIEW,
        # The catalogue, read-only, with its history (the admin links every record to it).
        **{f"services.{model}": VIEW for model in SERVICE_CATALOGUE_MODELS},
        **{f"services.historical{model}": VIEW for model in SERVICE_CATALOGUE_MODELS},
        # Online requests of their departments' services (issue 5): assign, change the status,
        # write to the applicant, add notes; never add or delete (retention deletes).
        "online_requests.onlinerequest": ("view", "change"),
        "online_requests.historicalonlinerequest": VIEW,
        **{f"online_requests.{model}": VIEW for model in ONLINE_REQUEST_FORM_MODELS},
        "online_requests.formversion": VIEW,
    },
    Role.DATA_ENTRY: {
        "core.stadtbezirk": VIEW,
        "core.department": VIEW,
        # Clerks type in paper, phone and on-site registrations and print the letters.
        "participation.process": VIEW,
        "participation.event": VIEW,
        "participation.registration": EDIT,
        # Letters to people without e-mail (munich_portal.messaging), every kind they may see.
        "messaging.letter": ("view", "print"),
        # Printed forms (paper): type sheets in, void spoiled ones, record returned piles, see
        # decisions.
        "paper.formbatch": VIEW,
        "paper.formsheet": ("view", "change", "enter"),
        "paper.sheetreturn": ("view", "add"),
        "paper.duplicatedecision": VIEW,
        # Ideas from paper, phone and on site (issue 7): typed in at /erfassung/ideen/<process>/.
        "ideas.idea": ("view", "transcribe"),
        "ideas.ideacategory": VIEW,
        "rights.rightsrequest": ("view", "add"),
    },
    Role.EVENTS: {
        "core.stadtbezirk": VIEW,
        "core.department": VIEW,
        # Organisers run processes and events, their registrations, check-in and exports.
        **{f"participation.{model}": FULL for model in PARTICIPATION_PROCESS_MODELS},
        "participation.event": FULL,
        "participation.registration": (*FULL, "export", "check_in"),
        "messaging.letter": VIEW,
        # Whether the registrants' e-mails went out (the outbox, their kinds only).
        "messaging.outgoingemail": VIEW,
        "participation.consenttext": EDIT,
        # Printed forms: issue batches (numbers are drawn, never edited or deleted), void sheets.
        "paper.formbatch": EDIT,
        "paper.formsheet": ("view", "change"),
        "paper.sheetreturn": ("view", "add"),
        "paper.duplicatedecision": VIEW,
        "paper.historicalformbatch": VIEW,
        "paper.historicalformsheet": VIEW,
        # Ideas and comments (issue 7): organisers moderate, answer and set statuses; content is
        # hidden, never edited or deleted; every decision is a read-only moderation decision.
        "ideas.ideacategory": FULL,
        "ideas.idea": ("view", "change", "moderate", "answer"),
        "ideas.comment": VIEW,
        "ideas.report": VIEW,
        "ideas.userblock": ("view", "change"),
        "ideas.moderationdecision": VIEW,
        "ideas.support": VIEW,
        "ideas.historicalidea": VIEW,
        "ideas.historicalcomment": VIEW,
        # Results summary and the export of ideas and comments (CSV, XLSX) of their processes.
        "results.processresult": (*EDIT, "export"),
    },
    Role.ACCESSIBILITY: {
        # The statement (issue 8): versions are kept, never deleted; barriers are inline rows.
        "accessibility.accessibilitystatement": EDIT,
        "accessibility.historicalaccessibilitystatement": VIEW,
        "accessibility.knownbarrier": FULL,
        "accessibility.historicalknownbarrier": VIEW,
        # Barrier reports: handle and answer; add those that came by phone or letter. Deleting is
        # left to retention (two years after closing).
        "accessibility.barrierreport": EDIT,
        "accessibility.historicalbarrierreport": VIEW,
        "accessibility.signlanguagevideo": FULL,
        "accessibility.historicalsignlanguagevideo": VIEW,
    },
    Role.DATA_PROTECTION: {
        "core.department": VIEW,
        # The data-use log and its anchors (read-only for everyone), and the change history of
        # every personal-data model, to follow up a use (issue 3).
        "audit.datauseevent": VIEW,
        "audit.auditanchor": VIEW,
        "audit.historicaluser": VIEW,
        "audit.historicalemailaddress": VIEW,
        "audit.historicalauthenticator": VIEW,
        "core.historicalstaffmembership": VIEW,
        "participation.historicalregistration": VIEW,
        "messaging.historicalletter": VIEW,
        # The outbox: the e-mails of the kinds registered for the role.
        "messaging.outgoingemail": VIEW,
        "ideas.historicalidea": VIEW,
        "ideas.historicalcomment": VIEW,
        "accessibility.historicalbarrierreport": VIEW,
        "accessibility.historicaldisplaypreference": VIEW,
        **{f"online_requests.historical{model}": VIEW for model in ONLINE_REQUEST_PERSONAL_MODELS},
        # Rights requests of people without an account (munich_portal.rights): the officer
        # answers and erases; nobody deletes a request (retention does).
        "rights.rightsrequest": EDIT,
        "rights.historicalrightsrequest": VIEW,
    },
    Role.ADMINISTRATION: {
        # No delete: an account is removed through the account deletion, which anonymises.
        "accounts.user": EDIT,
        # Seeing the roles helps assigning them; changing them would be undone by the next sync.
        "auth.group": VIEW,
        "core.stadtbezirk": FULL,
        "core.department": FULL,
        # Which departments a staff member works for: their row scopes (issue 11).
        "core.staffmembership": FULL,
        "core.historicalstaffmembership": VIEW,
        # The e-mail outbox (issue 13): every message's delivery, and queueing failed ones again.
        "messaging.outgoingemail": ("view", "retry"),
    },
}

# Appointments (issue 5, appointments; docs/appointments.md): editors define what offices
# offer and when; case workers and clerks handle appointments (book for callers, cancel, note
# attendance); the data-protection officer reads the change history.
_APPOINTMENT_DESK = ("view", "change", "book_for_caller", "mark_attendance")
_APPOINTMENT_GRANTS: dict[str, dict[str, tuple[str, ...]]] = {
    Role.EDITORIAL: {
        "appointments.appointmenttype": FULL,
        "appointments.slotrule": FULL,
        "appointments.historicalappointmenttype": VIEW,
        "appointments.historicalslotrule": VIEW,
        "appointments.slot": VIEW,
    },
    Role.CASEWORK: {
        "appointments.appointmenttype": VIEW,
        "appointments.slot": VIEW,
        "appointments.booking": _APPOINTMENT_DESK,
        "appointments.historicalbooking": VIEW,
        "appointments.waitinglistentry": VIEW,
    },
    Role.DATA_ENTRY: {
        "appointments.appointmenttype": VIEW,
        "appointments.slot": VIEW,
        "appointments.booking": _APPOINTMENT_DESK,
        "appointments.historicalbooking": VIEW,
    },
    Role.DATA_PROTECTION: {
        "appointments.historicalbooking": VIEW,
        "appointments.historicalwaitinglistentry": VIEW,
    },
}
for _role, _grants in _APPOINTMENT_GRANTS.items():
    ROLE_PERMISSIONS[_role].update(_grants)

# The change history of personal-data records (issue 3): with
# SIMPLE_HISTORY_ENFORCE_HISTORY_MODEL_PERMISSIONS the admin's "History" needs the view permission
# of the historical model, not of the model. Each role sees the history of the personal-data
# records it may view.
_HISTORY_OF_VIEWED_RECORDS = {
    Role.ADMINISTRATION: ["audit.historicaluser"],
    Role.DATA_ENTRY: [
        "participation.historicalregistration",
        "messaging.historicalletter",
        "participation.historicalprocess",
        "participation.historicalevent",
        "paper.historicalformsheet",
        "paper.historicalformbatch",
    ],
    Role.EVENTS: [
        "participation.historicalregistration",
        "messaging.historicalletter",
    ],
}
for _role, _history_models in _HISTORY_OF_VIEWED_RECORDS.items():
    ROLE_PERMISSIONS[_role].update(dict.fromkeys(_history_models, VIEW))


def sync_roles(*, using: str = "default") -> dict[str, int]:
    """Create the role groups and set their permissions exactly as defined; idempotent.

    Returns the number of permissions each group holds afterwards.
    """
    from django.contrib.auth.models import Group, Permission

    # Every permission the roles name, in one query (not one per model and role): the test
    # factories and every deployment call this.
    labels = {label.split(".")[0] for grants in ROLE_PERMISSIONS.values() for label in grants}
    known = {
        (app_label, model, codename): pk
        for pk, app_label, model, codename in Permission.objects.using(using)
        .filter(content_type__app_label__in=labels)
        .values_list("pk", "content_type__app_label", "content_type__model", "codename")
    }
    counts = {}
    # One transaction: a role is never seen half-updated, e.g. by a request during a deployment.
    with transaction.atomic(using=using):
        for group_name, grants in ROLE_PERMISSIONS.items():
            group, _created = Group.objects.using(using).get_or_create(name=group_name)
            wanted = []
            for model_label, actions in grants.items():
                app_label, model = model_label.split(".")
                for action in actions:
                    pk = known.get((app_label, model, f"{action}_{model}"))
                    if pk is not None:
                        wanted.append(pk)
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


def permissions_table() -> str:
    """The role definition as a Markdown table (docs/roles.md embeds it; a test keeps it true)."""
    lines = ["| role | model | permissions |", "|---|---|---|"]
    for group_name, grants in ROLE_PERMISSIONS.items():
        if not grants:
            lines.append(f"| {group_name} | – | – |")  # noqa: RUF001 (a typographic dash in the docs table)
        for model_label, actions in sorted(grants.items()):
            lines.append(f"| {group_name} | `{model_label}` | {', '.join(actions)} |")
    return "\n".join(lines)
