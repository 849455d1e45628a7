"""Staff accountability (issue 11): staff accounts are deactivated, never deleted; residents'
passwords and e-mail addresses stay theirs; roles are granted only by who holds them; every
change of staff access is in the data-use log."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType

from munich_portal.accounts import actions as account_actions
from munich_portal.audit import actions as audit_actions
from munich_portal.audit.context import SESSION_CASE_NUMBER_KEY, SESSION_PURPOSE_KEY
from munich_portal.audit.models import DataUseEvent
from munich_portal.core.models import Department, StaffMembership
from munich_portal.core.roles import sync_roles
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def superuser(db):
    return UserFactory(staff=True, is_superuser=True, mfa=True, email="root@muenchen.de")


@pytest.fixture
def administrator(db):
    return UserFactory(
        staff=True, roles=["Administration"], mfa=True, email="verwaltung@muenchen.de"
    )


@pytest.fixture
def officer(db):
    return UserFactory(staff=True, roles=["Datenschutz"], mfa=True, email="dsb@muenchen.de")


def work_as(client, user, purpose="staff_administration"):
    client.force_login(user)
    session = client.session
    session[SESSION_PURPOSE_KEY] = purpose
    session[SESSION_CASE_NUMBER_KEY] = ""
    session.save()
    return client


def head() -> int:
    return DataUseEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def access_events(user, before: int):
    events = DataUseEvent.objects.filter(
        seq__gt=before,
        subject_pseudonym=audit_actions.pseudonym_for(user),
        purpose="staff_administration",
        action="change",
        record_type="accounts.user",
    ).order_by("seq")
    return [event for event in events if "staff_access" in (event.details or {})]


def change_form_data(user, **overrides):
    """What the user admin's change form posts for ``user`` (its e-mail address inline)."""
    addresses = list(EmailAddress.objects.filter(user=user))
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "is_active": "on",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
        "emailaddress_set-TOTAL_FORMS": str(len(addresses)),
        "emailaddress_set-INITIAL_FORMS": str(len(addresses)),
        "emailaddress_set-MIN_NUM_FORMS": "0",
        "emailaddress_set-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    if user.is_staff:
        data["is_staff"] = "on"
    for index, address in enumerate(addresses):
        data |= {
            f"emailaddress_set-{index}-id": str(address.pk),
            f"emailaddress_set-{index}-user": str(user.pk),
            f"emailaddress_set-{index}-email": address.email,
            f"emailaddress_set-{index}-verified": "on" if address.verified else "",
            f"emailaddress_set-{index}-primary": "on" if address.primary else "",
        }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def group_ids(*names):
    sync_roles()
    return [str(pk) for pk in Group.objects.filter(name__in=names).values_list("pk", flat=True)]


# --- Staff accounts are not deleted by their owner ------------------------------------------------


@pytest.mark.parametrize(
    "account",
    [
        {"staff": True},
        {"roles": ["Redaktion"]},  # a role group without staff status is staff too
    ],
)
def test_staff_cannot_delete_their_own_account(client, account):
    staff = UserFactory(**account)
    client.force_login(staff)
    page = client.get("/konto/loeschen/")
    assert page.status_code == 200  # a page that explains, without the form
    assert "Dienstkonten werden hier nicht gelöscht" in page.text
    assert 'name="password"' not in page.text
    response = client.post("/konto/loeschen/", {"password": DEFAULT_PASSWORD, "confirm": "on"})
    assert response.status_code == 403
    assert User.objects.filter(pk=staff.pk, is_active=True).exists()
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_the_refusal_explains_that_an_administrator_deactivates(client):
    client.force_login(UserFactory(staff=True))
    page = client.get("/en/konto/loeschen/")
    assert "an administrator deactivates your account" in page.text
    assert "<h1>Staff accounts are not deleted here</h1>" in page.text


def test_deleting_a_staff_account_is_refused_by_the_action_too():
    """Their admin log entries and data-use events stay attributed."""
    staff = UserFactory(staff=True)
    LogEntry.objects.create(
        user=staff,
        content_type=ContentType.objects.get_for_model(Department),
        object_id="1",
        object_repr="KVR",
        action_flag=ADDITION,
    )
    with pytest.raises(account_actions.StaffAccountNotDeletable):
        account_actions.delete_account(user=staff)
    assert LogEntry.objects.filter(user=staff).exists()


def test_the_admin_has_no_delete_path_for_accounts(client, superuser):
    resident = UserFactory()
    work_as(client, superuser)
    assert client.get(f"/admin/accounts/user/{resident.pk}/delete/").status_code == 403
    assert (
        client.post(f"/admin/accounts/user/{resident.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    changelist = client.get("/admin/accounts/user/")
    assert changelist.status_code == 200
    assert "delete_selected" not in changelist.text
    client.post(
        "/admin/accounts/user/",
        {"action": "delete_selected", "_selected_action": [resident.pk], "post": "yes"},
    )
    assert User.objects.filter(pk=resident.pk).exists()


def test_administration_deactivates_a_staff_account(client, administrator):
    staff = UserFactory(staff=True, email="gone@muenchen.de")
    work_as(client, administrator)
    response = client.post(
        f"/admin/accounts/user/{staff.pk}/change/", change_form_data(staff, is_active=None)
    )
    assert response.status_code == 302, response.text[:3000]
    staff.refresh_from_db()
    assert not staff.is_active


# --- Residents' passwords and e-mail addresses ----------------------------------------------------


@pytest.mark.parametrize("viewer", ["superuser", "administrator"])
def test_no_password_form_for_a_residents_account(client, request, viewer):
    resident = UserFactory()
    work_as(client, request.getfixturevalue(viewer))
    url = f"/admin/accounts/user/{resident.pk}/password/"
    assert client.get(url).status_code == 403
    response = client.post(
        url, {"password1": "Neu-Passwort-123!", "password2": "Neu-Passwort-123!"}
    )
    assert response.status_code == 403
    resident.refresh_from_db()
    assert resident.check_password(DEFAULT_PASSWORD)
    page = client.get(f"/admin/accounts/user/{resident.pk}/change/")
    assert page.status_code == 200
    assert "../password/" not in page.text
    assert 'name="email"' not in page.text  # read-only
    assert resident.email in page.text


def test_the_e_mail_of_a_resident_is_not_changed_by_a_post(client, administrator):
    resident = UserFactory(email="anna@example.org")
    work_as(client, administrator)
    client.post(
        f"/admin/accounts/user/{resident.pk}/change/",
        change_form_data(resident, email="mallory@example.org"),
    )
    resident.refresh_from_db()
    assert resident.email == "anna@example.org"
    assert EmailAddress.objects.get(user=resident).email == "anna@example.org"


def test_staff_accounts_keep_their_password_form_and_e_mail_field(client, administrator):
    staff = UserFactory(staff=True)
    work_as(client, administrator)
    assert client.get(f"/admin/accounts/user/{staff.pk}/password/").status_code == 200
    page = client.get(f"/admin/accounts/user/{staff.pk}/change/")
    assert 'name="email"' in page.text
    assert "../password/" in page.text


# --- Granting roles -------------------------------------------------------------------------------


def test_administration_offers_only_the_roles_it_holds(client, administrator):
    staff = UserFactory(staff=True)
    work_as(client, administrator)
    page = client.get(f"/admin/accounts/user/{staff.pk}/change/").text
    (administration,) = group_ids("Administration")
    (datenschutz,) = group_ids("Datenschutz")
    assert f'value="{administration}"' in page
    assert f'value="{datenschutz}"' not in page

    response = client.post(
        f"/admin/accounts/user/{staff.pk}/change/",
        change_form_data(staff, groups=[datenschutz]),
    )
    assert response.status_code == 200  # the form again, with the error
    assert 'class="errornote"' in response.text
    assert not staff.groups.exists()


def test_administration_keeps_roles_it_does_not_hold(client, administrator):
    """Removing its own role from someone leaves their other roles as they are."""
    staff = UserFactory(staff=True, roles=["Redaktion", "Administration"])
    work_as(client, administrator)
    page = client.get(f"/admin/accounts/user/{staff.pk}/change/").text
    assert "Redaktion" in page  # listed as a role the viewer cannot change
    before = head()
    response = client.post(
        f"/admin/accounts/user/{staff.pk}/change/", change_form_data(staff, groups=[])
    )
    assert response.status_code == 302, response.text[:3000]
    assert set(staff.groups.values_list("name", flat=True)) == {"Redaktion"}
    (event,) = access_events(staff, before)
    assert event.details == {"staff_access": {"roles_removed": ["Administration"]}}


def test_only_superusers_make_someone_staff_or_superuser(client, administrator):
    resident = UserFactory()
    work_as(client, administrator)
    client.post(
        f"/admin/accounts/user/{resident.pk}/change/",
        change_form_data(resident, is_staff="on", is_superuser="on"),
    )
    resident.refresh_from_db()
    assert not resident.is_staff
    assert not resident.is_superuser


def test_administration_cannot_change_a_superusers_account(client, administrator, superuser):
    work_as(client, administrator)
    page = client.get(f"/admin/accounts/user/{superuser.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.text
    response = client.post(
        f"/admin/accounts/user/{superuser.pk}/change/", change_form_data(superuser, is_active=None)
    )
    assert response.status_code == 403
    assert client.get(f"/admin/accounts/user/{superuser.pk}/password/").status_code == 403
    superuser.refresh_from_db()
    assert superuser.is_active


def test_a_grant_is_a_data_use_event_the_officer_sees(client, superuser, officer):
    resident = UserFactory(email="neu@muenchen.de")
    work_as(client, superuser)
    before = head()
    response = client.post(
        f"/admin/accounts/user/{resident.pk}/change/",
        change_form_data(resident, is_staff="on", groups=group_ids("Redaktion", "Erfassung")),
    )
    assert response.status_code == 302, response.text[:3000]
    (event,) = access_events(resident, before)
    assert event.details == {
        "staff_access": {"access": {"is_staff": True}, "roles_granted": ["Erfassung", "Redaktion"]}
    }
    assert event.record_id == str(resident.pk)
    assert event.actor_role == "superuser"

    work_as(client, officer, purpose="data_protection_audit")
    log = client.get("/admin/audit/datauseevent/?purpose=staff_administration")
    assert log.status_code == 200
    assert f"?actor_pseudonym={event.actor_pseudonym}" in log.text
    assert "root@muenchen.de" in log.text  # the officer sees who it was


def test_saving_without_access_changes_logs_no_access_event(client, administrator):
    staff = UserFactory(staff=True, full_name="Alt")
    work_as(client, administrator)
    before = head()
    client.post(
        f"/admin/accounts/user/{staff.pk}/change/", change_form_data(staff, full_name="Neu")
    )
    assert access_events(staff, before) == []


def test_departments_added_and_removed_are_logged(client, administrator):
    staff = UserFactory(staff=True)
    department = Department.objects.create(code="KVR", name="Kreisverwaltungsreferat")
    work_as(client, administrator)
    before = head()
    response = client.post(
        "/admin/core/staffmembership/add/",
        {"user": str(staff.pk), "department": str(department.pk), "_save": "Save"},
    )
    assert response.status_code == 302, response.text[:3000]
    membership = StaffMembership.objects.get(user=staff)
    response = client.post(f"/admin/core/staffmembership/{membership.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    added, removed = access_events(staff, before)
    assert added.details == {"staff_access": {"departments_added": ["KVR"]}}
    assert removed.details == {"staff_access": {"departments_removed": ["KVR"]}}
