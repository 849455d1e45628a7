"""Change history on declared models: acting user as an id, reason, purpose, request id, guard."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from munich_portal.audit import actions
from munich_portal.audit.context import SYSTEM, processing_context
from munich_portal.audit.guard import UntrackedWriteError
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


def test_history_row_records_actor_id_reason_purpose_and_request_id(resident, staff):
    with processing_context(
        actor=staff, purpose="resident_support", request_id="req-1", reason="phone enquiry"
    ):
        resident.full_name = "Anna Neu"
        resident.save()
    row = resident.history.first()
    assert row.full_name == "Anna Neu"
    assert row.history_user_id == staff.pk
    assert row.history_user == staff
    assert row.purpose == "resident_support"
    assert row.request_id == "req-1"
    assert row.history_change_reason == "phone enquiry"


def test_an_instance_change_reason_wins_over_the_context(resident):
    with processing_context(reason="from context"):
        resident.full_name = "Anna Zwei"
        resident._change_reason = "from the form"
        resident.save()
    assert resident.history.first().history_change_reason == "from the form"


def test_deleting_the_acting_user_keeps_the_history_row(resident, staff):
    with processing_context(actor=staff):
        resident.full_name = "Anna Drei"
        resident.save()
    staff_id = staff.pk
    staff.delete()
    row = resident.history.first()
    assert row.history_user_id == staff_id
    assert row.history_user is None


def test_login_and_password_changes_write_no_history_row(resident):
    """Only churn (last_login) or secrets (password) changed: no row, and no hash in history."""
    before = resident.history.count()
    resident.set_password("Ein-anderes-Passwort-9")
    resident.save(update_fields=["password"])
    from django.contrib.auth.models import update_last_login

    update_last_login(None, resident)
    assert resident.history.count() == before


def test_queryset_update_on_a_declared_model_is_refused(resident):
    with pytest.raises(UntrackedWriteError, match="update_with_history"):
        User.objects.filter(pk=resident.pk).update(full_name="Untracked")


def test_bulk_create_and_bulk_update_are_refused(resident):
    with pytest.raises(UntrackedWriteError, match="bulk_create_with_history"):
        User.objects.bulk_create([User(email="bulk@example.org")])
    resident.full_name = "Bulk"
    with pytest.raises(UntrackedWriteError, match="bulk_update_with_history"):
        User.objects.bulk_update([resident], ["full_name"])


def test_reverse_relation_managers_are_guarded_too(resident):
    group = Group.objects.create(name="Testgruppe")
    resident.groups.add(group)
    with pytest.raises(UntrackedWriteError):
        group.user_set.update(full_name="Untracked")


def test_update_with_history_writes_one_history_row_per_row():
    users = UserFactory.create_batch(3)
    with processing_context(actor=SYSTEM, purpose="user_account", request_id="job-7"):
        count = actions.update_with_history(
            User.objects.filter(pk__in=[u.pk for u in users]), full_name="Gleich", reason="merge"
        )
    assert count == 3
    for user in users:
        user.refresh_from_db()
        assert user.full_name == "Gleich"
        row = user.history.first()
        assert (row.full_name, row.history_change_reason, row.purpose, row.request_id) == (
            "Gleich",
            "merge",
            "user_account",
            "job-7",
        )


def test_update_with_history_refuses_expressions(resident):
    from django.db.models import F

    with pytest.raises(TypeError, match="plain values"):
        actions.update_with_history(User.objects.filter(pk=resident.pk), full_name=F("email"))


def test_bulk_helpers_write_history(staff):
    with processing_context(actor=staff, purpose="staff_administration", request_id="r-9"):
        created = actions.bulk_create_with_history(
            [User(email=f"neu{i}@example.org") for i in range(2)], reason="import"
        )
        for user in created:
            user.full_name = "Importiert"
        actions.bulk_update_with_history(created, ["full_name"], reason="fix")
    for user in created:
        types = list(user.history.order_by("history_id").values_list("history_type", flat=True))
        assert types == ["+", "~"]
        latest = user.history.first()
        assert (latest.history_user_id, latest.purpose, latest.history_change_reason) == (
            staff.pk,
            "staff_administration",
            "fix",
        )


def test_queryset_delete_stays_allowed_and_is_tracked():
    """Django's collector deletes row by row when signals listen, so history sees each one."""
    user = UserFactory(verified=False)
    with processing_context(reason="cleanup"):
        User.objects.filter(pk=user.pk).delete()
    row = User.history.filter(id=user.pk).first()
    assert (row.history_type, row.history_change_reason) == ("-", "cleanup")


def test_every_response_carries_a_fresh_request_id(client, resident):
    """The middleware gives each request its own id, sent back as X-Request-ID."""
    client.login(email=resident.email, password=DEFAULT_PASSWORD)
    response = client.get("/")
    request_id = response.headers["X-Request-ID"]
    assert len(request_id) == 36
    assert client.get("/").headers["X-Request-ID"] != request_id


def test_staff_purpose_of_work_comes_from_the_session(rf, staff, resident):
    from munich_portal.accounts.sessions import SessionStore
    from munich_portal.audit.context import current_context, set_work_purpose
    from munich_portal.audit.middleware import ProcessingContextMiddleware

    seen = {}

    def view(request):
        context = current_context()
        seen.update(
            actor=context.actor,
            purpose=context.purpose,
            case_number=context.case_number,
            channel=context.channel,
            request_id=context.request_id,
        )
        request.user.full_name = "Geändert im Admin"
        request.user.save()
        from django.http import HttpResponse

        return HttpResponse("ok")

    for user, expected_purpose in ((staff, "resident_support"), (resident, "")):
        request = rf.get("/admin/accounts/user/")
        request.session = SessionStore()
        set_work_purpose(request.session, purpose="resident_support", case_number="KVR-2026/17")
        request.user = user
        response = ProcessingContextMiddleware(view)(request)
        assert seen["purpose"] == expected_purpose
        assert seen["channel"] == "admin"
        assert seen["actor"] == user
        assert seen["request_id"] == response.headers["X-Request-ID"]
        row = user.history.first()
        assert row.request_id == seen["request_id"]
        assert row.purpose == expected_purpose
        assert row.history_user_id == user.pk
    assert seen["case_number"] == ""  # residents never work under a case number


def test_unknown_purpose_in_a_context_fails_where_it_is_written():
    from munich_portal.audit.purposes import UnknownPurpose

    with pytest.raises(UnknownPurpose), processing_context(purpose="curiosity"):
        pass


def test_contexts_nest_and_restore():
    from munich_portal.audit.context import current_context

    with processing_context(purpose="user_account", case_number="A-1"):
        with processing_context(purpose="resident_support"):
            assert (current_context().purpose, current_context().case_number) == (
                "resident_support",
                "A-1",
            )
        assert current_context().purpose == "user_account"
    assert current_context().purpose == ""
    assert current_context().channel == "system"
