"""Staff roles: seven groups, exactly the permissions the code defines, kept in sync by migrate."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from munich_portal.core.roles import (
    ROLE_DESCRIPTIONS,
    ROLE_PERMISSIONS,
    Role,
    sync_roles,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "Redaktion",
    "Sachbearbeitung",
    "Erfassung",
    "Veranstaltungsorganisation",
    "Barrierefreiheit",
    "Datenschutz",
    "Administration",
]

# The permission matrix for the models that exist today, written out so that a change to a role
# is a visible change here too (docs/roles.md has the same table in words). Later issues add rows.
CURRENT_MATRIX = {
    "Redaktion": {"core.view_stadtbezirk", "core.view_department"},
    "Sachbearbeitung": {"core.view_stadtbezirk", "core.view_department"},
    "Erfassung": {"core.view_stadtbezirk", "core.view_department"},
    "Veranstaltungsorganisation": {"core.view_stadtbezirk", "core.view_department"},
    "Barrierefreiheit": set(),
    "Datenschutz": {"core.view_department", "core.view_historicalstaffmembership"},
    "Administration": {
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "auth.view_group",
        "core.view_stadtbezirk",
        "core.add_stadtbezirk",
        "core.change_stadtbezirk",
        "core.delete_stadtbezirk",
        "core.view_department",
        "core.add_department",
        "core.change_department",
        "core.delete_department",
        *(f"core.{a}_staffmembership" for a in ("view", "add", "change", "delete")),
        "core.view_historicalstaffmembership",
    },
}
MATRIX_APPS = {"accounts", "auth", "core"}


def held(group_name: str) -> set[str]:
    """The permissions a group holds, as ``app_label.codename``."""
    return {
        f"{app_label}.{codename}"
        for app_label, codename in Group.objects.get(name=group_name).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def defined(group_name: str) -> set[str]:
    """What ROLE_PERMISSIONS asks for, limited to permissions that exist in the database."""
    wanted = set()
    for model_label, actions in ROLE_PERMISSIONS[group_name].items():
        app_label, model = model_label.split(".")
        for action in actions:
            codename = f"{action}_{model}"
            if Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).exists():
                wanted.add(f"{app_label}.{codename}")
    return wanted


def test_the_seven_roles_are_defined_with_descriptions():
    """Role, ROLE_PERMISSIONS and ROLE_DESCRIPTIONS name the same seven groups."""
    names = [value for key, value in vars(Role).items() if key.isupper()]
    assert sorted(names) == sorted(ROLES)
    assert set(ROLE_PERMISSIONS) == set(ROLES)
    assert set(ROLE_DESCRIPTIONS) == set(ROLES)


def test_sync_creates_the_seven_groups():
    Group.objects.all().delete()
    sync_roles()
    assert set(Group.objects.values_list("name", flat=True)) == set(ROLES)


@pytest.mark.parametrize("group_name", ROLES)
def test_each_group_holds_exactly_the_defined_permissions(group_name):
    """No permission more, none less than ROLE_PERMISSIONS defines."""
    sync_roles()
    assert held(group_name) == defined(group_name)


@pytest.mark.parametrize("group_name", ROLES)
def test_permission_matrix_for_current_models(group_name):
    """The roles' rights on accounts, groups and the city structure are exactly the matrix."""
    sync_roles()
    in_matrix_apps = {perm for perm in held(group_name) if perm.split(".")[0] in MATRIX_APPS}
    assert in_matrix_apps == CURRENT_MATRIX[group_name]


def test_sync_returns_the_number_of_permissions_per_group():
    counts = sync_roles()
    assert counts == {name: len(held(name)) for name in ROLES}


def test_sync_is_idempotent():
    """A second run changes nothing: same groups (same ids), same permissions, no duplicates."""
    first = sync_roles()
    groups_before = dict(Group.objects.values_list("name", "id"))
    permissions_before = {name: held(name) for name in ROLES}

    second = sync_roles()

    assert second == first
    assert dict(Group.objects.values_list("name", "id")) == groups_before
    assert {name: held(name) for name in ROLES} == permissions_before
    assert Group.objects.filter(name__in=ROLES).count() == len(ROLES)


def test_sync_removes_a_permission_granted_by_hand():
    """The code is the source of truth: an extra permission added in the admin is taken away."""
    sync_roles()
    editorial = Group.objects.get(name=Role.EDITORIAL)
    editorial.permissions.add(Permission.objects.get(codename="change_user"))

    sync_roles()

    assert "accounts.change_user" not in held(Role.EDITORIAL)


def test_sync_leaves_other_groups_alone():
    """Groups that are not roles (made by hand for a project) are neither changed nor removed."""
    other = Group.objects.create(name="Projektgruppe Freiham")
    other.permissions.add(Permission.objects.get(codename="view_department"))
    sync_roles()
    assert held("Projektgruppe Freiham") == {"core.view_department"}


def test_permissions_of_models_that_do_not_exist_yet_are_skipped(monkeypatch):
    """A role may already name a model of a later issue; sync does not fail on it."""
    extended = {name: dict(grants) for name, grants in ROLE_PERMISSIONS.items()}
    before = sync_roles()[Role.ACCESSIBILITY]
    extended[Role.ACCESSIBILITY]["accessibility.notyetbuilt"] = ("view", "change")
    monkeypatch.setattr("munich_portal.core.roles.ROLE_PERMISSIONS", extended)
    counts = sync_roles()
    assert counts[Role.ACCESSIBILITY] == before


@pytest.mark.parametrize("group_name", ROLES)
def test_only_administration_can_manage_users(group_name):
    """Adding, changing or deleting users is for Administration only, and no role deletes users."""
    sync_roles()
    user_writes = {"accounts.add_user", "accounts.change_user", "accounts.delete_user"}
    granted = held(group_name) & user_writes
    if group_name == Role.ADMINISTRATION:
        assert granted == {"accounts.add_user", "accounts.change_user"}
    else:
        assert granted == set()


@pytest.mark.parametrize("group_name", ROLES)
def test_no_role_can_change_groups_or_permissions(group_name):
    """Roles are changed in code only; no group may add, change or delete groups or permissions."""
    sync_roles()
    auth_writes = {
        perm
        for perm in held(group_name)
        if perm.startswith("auth.") and not perm.startswith("auth.view_")
    }
    assert auth_writes == set()


def test_migrate_restores_the_roles():
    """post_migrate runs sync_roles: after ``migrate`` deleted and altered roles are restored."""
    sync_roles()
    Group.objects.get(name=Role.DATA_PROTECTION).delete()
    Group.objects.get(name=Role.DATA_ENTRY).permissions.add(
        Permission.objects.get(codename="delete_stadtbezirk")
    )

    call_command("migrate", verbosity=0, interactive=False)

    assert Group.objects.filter(name=Role.DATA_PROTECTION).exists()
    assert held(Role.DATA_PROTECTION) == defined(Role.DATA_PROTECTION)
    assert held(Role.DATA_ENTRY) == defined(Role.DATA_ENTRY)


def test_sync_roles_command_reports_and_syncs():
    """``manage.py sync_roles`` brings the groups in line, like migrate does, and says so."""
    Group.objects.filter(name__in=ROLES).delete()
    output = io.StringIO()
    call_command("sync_roles", stdout=output)
    assert set(Group.objects.filter(name__in=ROLES).values_list("name", flat=True)) == set(ROLES)
    assert f"Erfassung: {len(defined(Role.DATA_ENTRY))} permissions" in output.getvalue()


def test_docs_roles_table_matches_the_code():
    """docs/roles.md shows the permissions exactly as roles.py defines them."""
    from munich_portal.core.docs_tables import embedded_table
    from munich_portal.core.roles import permissions_table

    assert embedded_table("roles.md", "roles-table") == permissions_table(), (
        "run `manage.py roles_table --write`"
    )


# Appointments (issue 5, appointments): what each role may do, written out.
_DESK = {
    "appointments.view_appointmenttype",
    "appointments.view_slot",
    "appointments.view_booking",
    "appointments.change_booking",
    "appointments.book_for_caller_booking",
    "appointments.mark_attendance_booking",
    "appointments.view_historicalbooking",
}
APPOINTMENTS_MATRIX = {
    "Redaktion": {
        *(f"appointments.{a}_appointmenttype" for a in ("view", "add", "change", "delete")),
        *(f"appointments.{a}_slotrule" for a in ("view", "add", "change", "delete")),
        "appointments.view_historicalappointmenttype",
        "appointments.view_historicalslotrule",
        "appointments.view_slot",
    },
    "Sachbearbeitung": {*_DESK, "appointments.view_waitinglistentry"},
    "Erfassung": _DESK,
    "Datenschutz": {
        "appointments.view_historicalbooking",
        "appointments.view_historicalwaitinglistentry",
    },
}


@pytest.mark.parametrize("group_name", ROLES)
def test_permission_matrix_for_appointments(group_name):
    """Editors define offers, case workers and clerks handle bookings, nobody deletes them."""
    sync_roles()
    in_app = {perm for perm in held(group_name) if perm.startswith("appointments.")}
    assert in_app == APPOINTMENTS_MATRIX.get(group_name, set())


# Online requests (issue 5, online_requests): what each role may do, written out.
_REQUEST_MODELS = {
    "requestform", "formpage", "formfield", "formversion", "onlinerequest", "requestmessage",
    "internalnote", "statuschange", "requestupload",
}  # fmt: skip
_FORM_EDITING = {
    f"online_requests.{action}_{model}"
    for action in ("view", "add", "change", "delete")
    for model in ("requestform", "formpage", "formfield")
}
ONLINE_REQUESTS_MATRIX = {
    "Redaktion": {*_FORM_EDITING, "online_requests.view_formversion"},
    "Sachbearbeitung": {
        "online_requests.view_onlinerequest",
        "online_requests.change_onlinerequest",
        "online_requests.view_historicalonlinerequest",
        "online_requests.view_requestform",
        "online_requests.view_formpage",
        "online_requests.view_formfield",
        "online_requests.view_formversion",
    },
    "Datenschutz": {
        f"online_requests.view_historical{model}"
        for model in (
            "onlinerequest",
            "requestmessage",
            "internalnote",
            "statuschange",
            "requestupload",
        )
    },
}


@pytest.mark.parametrize("group_name", ROLES)
def test_permission_matrix_for_online_requests(group_name):
    """Editors build forms, case workers process requests (never add or delete them)."""
    sync_roles()
    in_app = {
        perm
        for perm in held(group_name)
        if perm.startswith("online_requests.")
        and perm.split(".", 1)[1].split("_", 1)[1].removeprefix("historical") in _REQUEST_MODELS
    }
    assert in_app == ONLINE_REQUESTS_MATRIX.get(group_name, set())
