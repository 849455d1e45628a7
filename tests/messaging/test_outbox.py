"""The e-mail outbox (issue 13): written in the transaction of its change, delivered once by a task
after commit, retried with back-off while the relay fails, failed after its maximum age and shown
to staff, who can queue it again; the data-use ``send`` event only for a message actually sent."""

import logging
import smtplib
import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation

from munich_portal.audit.models import DataUseEvent
from munich_portal.core.roles import Role
from munich_portal.messaging import actions
from munich_portal.messaging.models import EmailStatus, OutgoingEmail
from munich_portal.messaging.registry import (
    UnknownLetterKind,
    kinds_for_role,
    letter_kind,
    register_message_kinds,
)
from participation import actions as participation_actions
from tests.factories import UserFactory
from tests.messaging.conftest import staff, staff_client
from tests.participation.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def relay_down(monkeypatch):
    """The mail relay refuses every message until the test says otherwise."""
    state = {"down": True, "tries": 0}
    original = mail.EmailMessage.send

    def send(message, *args, **kwargs):
        state["tries"] += 1
        if state["down"]:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return original(message, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMessage, "send", send)
    return state


def queue(on_commit=None, *, recipient=None, to="anna@example.org", **values):
    """A confirmation e-mail about a registration, queued in its own transaction."""
    registration = RegistrationFactory(email=to, user=recipient)
    arguments = {
        "kind": "participation.confirmation",
        "source": registration,
        "recipient": recipient,
        "to": to,
        "subject": "Anmeldung bestätigt",
        "body": "Sie sind angemeldet.",
        "language": "de",
        **values,
    }
    if on_commit is None:
        return actions.queue_email(**arguments)
    return on_commit(actions.queue_email, **arguments)


def make_due(email: OutgoingEmail, **values) -> None:
    """Let time pass for ``email``: its next attempt (and whatever else is given) is now past."""
    email.refresh_from_db()
    email.next_attempt_at = timezone.now() - timedelta(seconds=1)
    for name, value in values.items():
        setattr(email, name, value)
    email.save()


def sends(email: OutgoingEmail):
    return DataUseEvent.objects.filter(
        action="send", record_type="messaging.outgoingemail", record_id=str(email.pk)
    )


# --- written with its change ----------------------------------------------------------------------


def test_a_registration_writes_its_email_in_the_same_transaction(on_commit):
    """The registration and its e-mail are committed together; after commit it is sent."""
    event = EventFactory()
    registration = on_commit(
        participation_actions.register,
        event=event,
        channel="online",
        person={"first_name": "Anna", "last_name": "Berg", "email": "anna@example.org"},
        user=UserFactory(email="anna@example.org"),
        number_of_people=1,
        access_needs=[],
        consent_version="1",
    )
    (email,) = OutgoingEmail.objects.all()
    assert (email.kind, email.source, email.to_address) == (
        "participation.confirmation",
        registration,
        "anna@example.org",
    )
    assert email.status == EmailStatus.SENT
    (sent,) = mail.outbox
    assert sent.extra_headers["Message-ID"] == email.message_id
    assert [(name, kind) for name, _content, kind in sent.attachments] == [
        (f"check-in-{registration.reference}.png", "image/png"),
        ("veranstaltung.ics", "text/calendar"),
    ]


def test_a_change_that_rolls_back_leaves_no_email_and_sends_nothing(
    django_capture_on_commit_callbacks,
):
    event = EventFactory()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        participation_actions.register(
            event=event,
            channel="online",
            person={"first_name": "Anna", "last_name": "Berg", "email": "anna@example.org"},
            user=UserFactory(email="anna@example.org"),
            number_of_people=1,
            access_needs=[],
            consent_version="1",
        )
        assert OutgoingEmail.objects.count() == 1  # written inside the transaction
        raise RuntimeError("the change fails after the e-mail was written")
    assert not OutgoingEmail.objects.exists()
    assert callbacks == []
    assert mail.outbox == []


def test_an_email_of_a_kind_no_app_registered_is_refused():
    with pytest.raises(UnknownLetterKind):
        queue(kind="tests.unknown")


def test_the_database_keeps_the_outbox_invariants():
    email = queue()
    email.status = EmailStatus.SENT  # without sent_at
    with pytest.raises(Exception, match="outgoingemail_sent_at_iff_sent"), transaction.atomic():
        email.save()


# --- delivered once ------------------------------------------------------------------------------


def test_a_queued_email_is_delivered_once(on_commit):
    email = queue(on_commit)
    email.refresh_from_db()
    assert (email.status, email.attempts, len(mail.outbox)) == (EmailStatus.SENT, 1, 1)
    assert email.sent_at is not None
    message = mail.outbox[0].message()
    assert message["Message-ID"] == email.message_id
    assert message["To"] == "anna@example.org"


def test_a_second_delivery_of_a_sent_email_sends_nothing(on_commit):
    """A task that runs twice, or late, finds the message sent and leaves it."""
    email = queue(on_commit)
    assert actions.deliver_email(email.pk) is False
    assert actions.deliver_due_emails() == 0
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.attempts == 1


@pytest.mark.django_db(transaction=True)
def test_a_message_another_worker_holds_is_left_alone():
    """While one worker holds the row lock (it is sending), another's task sends nothing."""
    email = queue()  # autocommit: the task ran at once
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    second = queue(to="bert@example.org")
    holding, release = threading.Event(), threading.Event()

    def other_worker():
        try:
            with transaction.atomic():
                OutgoingEmail.objects.select_for_update().get(pk=second.pk)
                holding.set()
                release.wait(10)
        finally:
            connection.close()

    # The immediate backend already sent it; queue it again to see the lock alone decide.
    second.refresh_from_db()
    second.status, second.sent_at = EmailStatus.QUEUED, None
    second.save()
    mail.outbox.clear()
    worker = threading.Thread(target=other_worker)
    worker.start()
    try:
        assert holding.wait(10)
        assert actions.deliver_email(second.pk) is False
        assert mail.outbox == []
    finally:
        release.set()
        worker.join()


# --- failures, back-off, maximum age -------------------------------------------------------------


def test_a_failed_attempt_is_retried_later_with_exponential_back_off(on_commit, relay_down):
    email = queue(on_commit)
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.QUEUED, 1)
    assert "SMTPServerDisconnected" in email.last_error
    first_wait = email.next_attempt_at - timezone.now()
    assert timedelta(seconds=55) < first_wait <= timedelta(seconds=settings.OUTBOX_RETRY_SECONDS)

    # Not due yet: nothing is tried.
    assert actions.deliver_email(email.pk) is False
    assert relay_down["tries"] == 1

    make_due(email)
    assert actions.deliver_due_emails() == 0
    email.refresh_from_db()
    assert email.attempts == 2
    second_wait = email.next_attempt_at - timezone.now()
    assert timedelta(seconds=115) < second_wait <= timedelta(seconds=120)

    relay_down["down"] = False
    make_due(email)
    assert actions.deliver_due_emails() == 1
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (EmailStatus.SENT, 3, "")
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("code", "status"),
    [(550, EmailStatus.FAILED), (451, EmailStatus.QUEUED)],
    ids=["refused-for-good-fails-at-once", "refused-for-now-is-retried"],
)
def test_a_refused_address_fails_at_once_only_when_refused_for_good(
    on_commit, monkeypatch, code, status
):
    def refuse(message, *args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({"anna@example.org": (code, b"Mailbox says no")})

    monkeypatch.setattr(mail.EmailMessage, "send", refuse)
    email = queue(on_commit)
    email.refresh_from_db()
    assert (email.status, email.attempts) == (status, 1)
    assert "Mailbox says no" in email.last_error


class _RecordsHandler(logging.Handler):
    """Keeps the records as logged, before the configured handlers' redaction."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.mark.parametrize("code", [550, 451], ids=["refused-for-good", "refused-for-now"])
def test_a_failure_is_logged_by_the_messages_id_never_its_address(on_commit, monkeypatch, code):
    """Issue 14, part 3: the worker's failure lines name the e-mail by id and kind; the records
    themselves (before any handler's redaction) hold no address."""

    def refuse(message, *args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({"anna@example.org": (code, b"anna@example.org?")})

    monkeypatch.setattr(mail.EmailMessage, "send", refuse)
    handler = _RecordsHandler()
    logger = logging.getLogger(actions.__name__)
    previous_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        email = queue(on_commit)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)

    failures = [r.getMessage() for r in handler.records if r.levelno >= logging.WARNING]
    assert len(failures) == 1
    assert failures[0].startswith(f"E-mail {email.pk} (participation.confirmation)")
    assert not any("anna" in record.getMessage() for record in handler.records)


def test_the_back_off_is_capped(settings):
    settings.OUTBOX_RETRY_SECONDS = 60
    settings.OUTBOX_RETRY_MAX_SECONDS = 600
    waits = [actions._backoff(attempt).total_seconds() for attempt in range(1, 7)]
    assert waits == [60, 120, 240, 480, 600, 600]


def test_a_message_past_its_maximum_age_is_marked_failed(on_commit, relay_down):
    email = queue(on_commit)
    make_due(email, give_up_at=timezone.now() - timedelta(seconds=1))
    assert actions.deliver_due_emails() == 0
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    assert email.failed_at is not None
    assert "Given up." in email.last_error
    assert relay_down["tries"] == 1  # the old message is not tried again
    assert mail.outbox == []


def test_a_message_left_sending_by_a_dead_worker_is_queued_again_and_sent(settings):
    """The worker died after claiming it: no lock is held, so the sweep takes it back."""
    settings.OUTBOX_ABANDONED_SECONDS = 300
    email = queue()
    email.refresh_from_db()
    # The immediate backend delivered it; make it look claimed by a worker that died.
    email.status, email.sent_at = EmailStatus.SENDING, None
    email.claimed_at = timezone.now() - timedelta(seconds=301)
    email.save()
    mail.outbox.clear()
    assert actions.deliver_due_emails() == 1
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == email.message_id


def test_a_message_claimed_a_moment_ago_is_not_taken_back():
    email = queue()
    email.refresh_from_db()
    email.status, email.sent_at, email.claimed_at = EmailStatus.SENDING, None, timezone.now()
    email.save()
    mail.outbox.clear()
    assert actions.deliver_due_emails() == 0
    email.refresh_from_db()
    assert email.status == EmailStatus.SENDING
    assert mail.outbox == []


# --- the data-use event --------------------------------------------------------------------------


def test_the_send_event_is_written_only_when_the_relay_accepted_the_message(on_commit, relay_down):
    resident = UserFactory(email="anna@example.org")
    email = queue(on_commit, recipient=resident)
    assert not sends(email).exists()
    relay_down["down"] = False
    make_due(email)
    actions.deliver_due_emails()
    (event,) = sends(email)
    assert (event.action, event.channel, event.purpose) == ("send", "email", "participation_events")
    assert event.details == {"message": "participation.confirmation"}
    actions.deliver_email(email.pk)
    assert sends(email).count() == 1


def test_no_event_for_a_guest_without_an_account(on_commit):
    email = queue(on_commit)
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert not sends(email).exists()


# --- the outbox admin ----------------------------------------------------------------------------


def _admin_client(client, user, purpose="email"):
    return staff_client(client, user, purpose)


def _url(name, *args) -> str:
    with translation.override("en"):
        return reverse(f"admin:messaging_outgoingemail_{name}", args=args)


@pytest.fixture
def failed_email(on_commit, relay_down):
    email = queue(on_commit)
    make_due(email, give_up_at=timezone.now() - timedelta(seconds=1))
    actions.deliver_due_emails()
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    relay_down["down"] = False
    return email


def test_administrators_see_failed_messages_with_the_reason(client, failed_email):
    admin_client = _admin_client(client, staff(Role.ADMINISTRATION))
    page = admin_client.get(_url("changelist"), {"status__exact": "failed"})
    html = page.content.decode()
    assert page.status_code == 200
    assert _url("change", failed_email.pk) in html
    assert "Given up." in html
    assert "Retry the selected failed e-mails" in html
    queued = admin_client.get(_url("changelist"), {"status__exact": "queued"}).content.decode()
    assert _url("change", failed_email.pk) not in queued


def test_the_retry_action_queues_a_failed_message_again_and_it_is_sent(
    client, failed_email, django_capture_on_commit_callbacks
):
    admin_client = _admin_client(client, staff(Role.ADMINISTRATION))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            _url("changelist"),
            {"action": "retry_selected", "_selected_action": [failed_email.pk]},
        )
    assert response.status_code == 302
    failed_email.refresh_from_db()
    assert (failed_email.status, failed_email.failed_at) == (EmailStatus.SENT, None)
    assert failed_email.give_up_at > timezone.now()
    assert len(mail.outbox) == 1


def test_organisers_read_the_outbox_but_cannot_retry(client, failed_email):
    organiser = staff(Role.EVENTS)
    admin_client = _admin_client(client, organiser, purpose="participation_events")
    html = admin_client.get(_url("changelist")).content.decode()
    assert _url("change", failed_email.pk) in html
    assert "retry_selected" not in html
    admin_client.post(
        _url("changelist"), {"action": "retry_selected", "_selected_action": [failed_email.pk]}
    )
    failed_email.refresh_from_db()
    assert failed_email.status == EmailStatus.FAILED


def test_staff_never_read_a_text_with_a_link_that_acts_for_the_person(client, on_commit):
    """A confirmation carries the link that cancels the registration: the outbox shows its
    delivery and subject, not its text; a "no place left" e-mail carries none and is shown."""
    confirmation = queue(on_commit, body="Abmelden: https://example.org/abmelden/geheim")
    full = queue(on_commit, kind="participation.full", body="Leider ist kein Platz mehr frei.")
    admin_client = _admin_client(client, staff(Role.ADMINISTRATION))

    hidden = admin_client.get(_url("change", confirmation.pk)).content.decode()
    shown = admin_client.get(_url("change", full.pk)).content.decode()

    assert "Anmeldung bestätigt" in hidden
    assert "abmelden/geheim" not in hidden
    assert "acts for the person" in hidden
    assert "Leider ist kein Platz mehr frei." in shown


@pytest.mark.parametrize(
    "kind",
    [
        *(f"appointments.{name}" for name in ("hold", "confirmation", "rebooked", "reminder")),
        "appointments.offer",
        "appointments.waitlist_confirm",
        *(f"participation.{name}" for name in ("confirmation", "waitlisted", "promotion")),
        "participation.guest_confirm",
        "ideas.answer",
        "ideas.status",
        "accounts.password_reset_key",
    ],
)
def test_every_kind_whose_text_acts_for_the_person_is_confidential(kind):
    assert letter_kind(kind).confidential


@pytest.mark.parametrize("kind", ["participation.guest_confirm", "participation.full"])
def test_an_email_only_kind_of_participation_is_never_a_letter(kind):
    assert not letter_kind(kind).letters
    assert kind not in kinds_for_role(Role.EVENTS, letters=True)
    assert kind in kinds_for_role(Role.EVENTS)


def test_confidential_names_must_be_the_apps_kinds():
    with pytest.raises(ImproperlyConfigured, match="without a label"):
        register_message_kinds(
            "participation",
            {"confirmation": "registration confirmed"},
            roles=(Role.EVENTS,),
            purpose="participation_events",
            confidential={"confirmaton"},
        )


@pytest.mark.parametrize("role", [Role.EDITORIAL, Role.CASEWORK, Role.ACCESSIBILITY])
def test_roles_without_outbox_work_do_not_see_it(client, failed_email, role):
    response = _admin_client(client, staff(role)).get(_url("changelist"))
    assert response.status_code in (302, 403)


# --- the production queue: django-tasks-db and its worker -----------------------------------------


@pytest.fixture
def database_queue(settings):
    """Tasks stored in PostgreSQL (django-tasks-db), as in production, run by ``db_worker``."""
    from asgiref.local import Local
    from django.tasks import task_backends

    def forget_backends():
        task_backends.__dict__.pop("settings", None)  # Django's handler caches TASKS
        task_backends._connections = Local(task_backends.thread_critical)

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    forget_backends()
    yield
    forget_backends()


def run_worker():
    """``manage.py db_worker --batch``: run every task that is ready, then stop."""
    from django.core.management import call_command

    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_the_worker_delivers_what_the_request_queued(database_queue):
    """The request only writes rows (the e-mail and its task); the worker sends it."""
    from django_tasks_db.models import DBTaskResult

    email = queue()
    (task,) = DBTaskResult.objects.all()
    assert task.task_path == "munich_portal.messaging.tasks.deliver_email_task"
    assert task.args_kwargs == {"args": [email.pk], "kwargs": {}}
    assert mail.outbox == []
    run_worker()
    email.refresh_from_db()
    assert (email.status, len(mail.outbox)) == (EmailStatus.SENT, 1)
    run_worker()  # nothing left, nothing twice
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_writes_the_task_in_the_changes_transaction(database_queue):
    """The task row commits or rolls back with its e-mail: a change that fails leaves neither,
    and a committed change pays no second commit for its task."""
    from django_tasks_db.models import DBTaskResult

    with pytest.raises(RuntimeError), transaction.atomic():
        queue()
        assert DBTaskResult.objects.count() == 1  # before the commit
        raise RuntimeError("the change fails")
    assert (OutgoingEmail.objects.count(), DBTaskResult.objects.count()) == (0, 0)


@pytest.mark.django_db(transaction=True)
def test_the_worker_defers_the_next_attempt_after_a_failure(database_queue, relay_down):
    from django_tasks_db.models import DBTaskResult

    email = queue()
    run_worker()
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.QUEUED, 1)
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after == email.next_attempt_at  # the task waits for the back-off
    run_worker()  # not due: nothing is tried
    assert relay_down["tries"] == 1

    relay_down["down"] = False
    make_due(email)
    retry.run_after = timezone.now()
    retry.save()
    run_worker()
    email.refresh_from_db()
    assert (email.status, email.attempts, len(mail.outbox)) == (EmailStatus.SENT, 2, 1)


def test_the_deliver_outbox_command_sends_what_is_due_and_reports(on_commit, relay_down):
    from io import StringIO

    from django.core.management import call_command

    email = queue(on_commit)
    relay_down["down"] = False
    make_due(email)
    out = StringIO()
    call_command("deliver_outbox", stdout=out)
    assert out.getvalue().strip() == "sent 1; queued 0, sending 0, failed 0"
    assert len(mail.outbox) == 1


def test_an_email_leaves_with_its_registration():
    """Deleting the registration (an expired guest registration, say) deletes its e-mails; a
    task that comes later finds nothing to send."""
    email = queue()
    email.refresh_from_db()
    registration = email.source
    registration.delete()
    assert not OutgoingEmail.objects.filter(pk=email.pk).exists()
    assert actions.deliver_email(email.pk) is False
