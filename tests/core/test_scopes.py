"""The row-scope layer's rules (munich_portal/core/scopes.py), one behaviour each."""

import pytest
from django.core.management import call_command
from django.db.models import Q

from munich_portal.audit.models import DataUseEvent
from munich_portal.core import scopes
from munich_portal.core.roles import Role
from online_requests.models import OnlineRequest
from services.models import Service
from tests.factories import UserFactory
from tests.online_requests.factories import published_service, submitted_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests_by_department():
    kvr = submitted_request(published_service(slug="scope-kvr", department_code="KVR"))
    rku = submitted_request(published_service(slug="scope-rku", department_code="RKU"))
    return kvr, rku


def test_a_role_without_a_rule_sees_no_row(requests_by_department):
    """Deny by default: the Redaktion role has no rule for online requests."""
    editor = UserFactory(staff=True, roles=[Role.EDITORIAL], departments=["KVR"])
    assert not scopes.for_staff(OnlineRequest.objects.all(), editor).exists()


def test_case_workers_see_their_departments_submitted_requests_only(requests_by_department):
    kvr, rku = requests_by_department
    worker = UserFactory(staff=True, roles=[Role.CASEWORK], departments=["KVR"])
    assert list(scopes.for_staff(OnlineRequest.objects.all(), worker)) == [kvr]
    worker_of_both = UserFactory(staff=True, roles=[Role.CASEWORK], departments=["KVR", "RKU"])
    assert set(scopes.for_staff(OnlineRequest.objects.all(), worker_of_both)) == {kvr, rku}


def test_residents_and_inactive_staff_see_nothing_in_the_staff_scope(requests_by_department):
    resident = UserFactory()
    assert not scopes.for_staff(OnlineRequest.objects.all(), resident).exists()
    former = UserFactory(staff=True, roles=[Role.CASEWORK], departments=["KVR"], is_active=False)
    assert not scopes.for_staff(OnlineRequest.objects.all(), former).exists()


def test_reference_data_is_visible_to_whoever_holds_a_permission_even_without_a_role():
    """A permission granted directly (no role group) opens reference data like a role does."""
    service = published_service(slug="scope-reference")
    staff = UserFactory(staff=True)
    assert list(scopes.for_staff(Service.objects.filter(pk=service.pk), staff)) == [service]


def test_a_superuser_sees_every_roles_rows_but_never_drafts_or_the_log(requests_by_department):
    from online_requests import actions, selectors

    service = published_service(slug="scope-draft")
    draft = actions.start_request(
        user=UserFactory(), service=service, version=selectors.current_version(service)
    )
    kvr, rku = requests_by_department
    # Every role's rule, the departments' ones with the superuser's own departments.
    root = UserFactory(staff=True, is_superuser=True, departments=["KVR"])
    visible = set(scopes.for_staff(OnlineRequest.objects.all(), root))
    assert kvr in visible
    assert rku not in visible
    assert draft not in visible
    assert scopes.staff_rule(DataUseEvent, root).kind == "nothing"
    officer = UserFactory(staff=True, is_superuser=True, roles=[Role.DATA_PROTECTION])
    assert scopes.staff_rule(DataUseEvent, officer).kind == "everything"


def test_rules_combine_with_and_and_or():
    somewhere = scopes.where(Q(status="submitted"), "submitted")
    assert (scopes.EVERYTHING & somewhere) is somewhere
    assert (scopes.NOTHING & somewhere) is scopes.NOTHING
    assert (scopes.EVERYTHING | somewhere) is scopes.EVERYTHING
    assert (scopes.NOTHING | somewhere) is somewhere


def test_public_reads_only_what_the_public_rule_allows():
    published = published_service(slug="scope-public")
    draft = published_service(slug="scope-public-draft")
    Service.objects.filter(pk=draft.pk).update(status="draft")
    assert set(scopes.public(Service).filter(slug__startswith="scope-public")) == {published}
    assert scopes.is_public(published) and not scopes.is_public(Service.objects.get(pk=draft.pk))


def test_the_system_checks_pass_for_the_project():
    """Every served model and every personal-data model declares a scope; every admin action
    names its permission (core.E101 to E103)."""
    call_command("check", "--fail-level", "ERROR")


def test_a_served_model_without_a_scope_is_a_check_error(monkeypatch):
    from munich_portal.core.checks import check_row_scopes

    monkeypatch.delitem(scopes._registry, OnlineRequest)
    errors = check_row_scopes()
    assert {error.id for error in errors} >= {"core.E101", "core.E102"}


def test_an_admin_action_without_permissions_is_a_check_error(monkeypatch):
    from django.contrib import admin

    from munich_portal.core.checks import check_admin_actions

    model_admin = admin.site._registry[Service]

    def unguarded(modeladmin, request, queryset):
        """An action that names no permission."""

    monkeypatch.setattr(type(model_admin), "actions", [unguarded])
    assert [error.id for error in check_admin_actions()] == ["core.E103"]
