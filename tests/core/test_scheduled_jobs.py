"""Every scheduled job is shipped, and every shipped timer is documented (issue 13).

docs/deployment.md, "Scheduled jobs", lists the jobs in one table (timer, when, ``OnCalendar=``,
command); the systemd units in deploy/systemd/ run them. These tests hold the two together:
each documented job has its timer with exactly the documented calendar and a service whose
``ExecStart`` runs exactly the documented command with the web service's user, folder and
environment file; each command exists; each shipped timer is documented; a job the other
documents call daily, nightly, weekly or "every … minutes" is in the table; and each management
command of the portal is either scheduled or named here as one run by hand.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

REPO = Path(__file__).resolve().parents[2]
UNITS = REPO / "deploy" / "systemd"
DEPLOYMENT = REPO / "docs" / "deployment.md"
WEB_SERVICE = UNITS / "munich-portal.service"
WORKER_SERVICE = UNITS / "munich-portal-worker.service"

# | `munich-portal-outbox.timer` | every minute (`*:*:00`) | `manage.py deliver_outbox` | … |
_ROW = re.compile(
    r"^\|\s*`(?P<timer>[\w-]+\.timer)`\s*\|\s*(?P<when>[^|(]+?)\s*\(`(?P<calendar>[^`]+)`\)\s*"
    r"\|\s*`manage\.py (?P<command>[^`]+)`\s*\|"
)
# Words that say a job recurs, in any document: such a job must be scheduled.
_RECURRING = re.compile(
    r"\b(daily|nightly|weekly|hourly|every \d+ minutes|every minute|once a night)\b", re.I
)
_MANAGE = re.compile(r"manage\.py ([a-z_]+)")

# Management commands of the portal's own apps that are run by hand or by the release, never on
# a schedule (docs/deployment.md, "First deployment"; docs/demo-data.md; docs/roles.md;
# docs/data-protection.md).
RUN_BY_HAND = {
    "createcachetable",  # the release's migration step
    "declarations_table",  # regenerates a table in docs/data-protection.md
    "demo_totp",  # development
    "loaddemo",  # development and make bench
    "migrate",  # the release's migration step
    "reapply_erasures",  # after restoring a backup (docs/deployment.md, "Restoring a backup")
    "roles_table",  # regenerates a table in docs/roles.md
    "setup_db_roles",  # first deployment, or by hand
    "sync_roles",  # runs after every migrate
}


def parse_unit(path: Path) -> dict[str, list[str]]:
    """A systemd unit file as ``{"Section.Key": [values…]}`` (a key may repeat)."""
    values: dict[str, list[str]] = {}
    section = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        key, _, value = line.partition("=")
        values.setdefault(f"{section}.{key.strip()}", []).append(value.strip())
    return values


def documented_jobs() -> list[dict[str, str]]:
    """The rows of the job table in docs/deployment.md, "Scheduled jobs"."""
    text = DEPLOYMENT.read_text(encoding="utf-8")
    section = text.split("\n## Scheduled jobs\n", 1)[1].split("\n## ", 1)[0]
    return [match.groupdict() for line in section.splitlines() if (match := _ROW.match(line))]


def calendar_for(when: str) -> str:
    """The ``OnCalendar=`` expression the table's words describe (the words a row may use)."""
    if when == "every minute":
        return "*:*:00"
    if match := re.fullmatch(r"every (\d+) minutes", when):
        return f"*:0/{match.group(1)}"
    if match := re.fullmatch(r"daily at (\d\d:\d\d)", when):
        return f"*-*-* {match.group(1)}:00"
    if match := re.fullmatch(r"weekly on Monday at (\d\d:\d\d)", when):
        return f"Mon *-*-* {match.group(1)}:00"
    raise AssertionError(f"Unknown frequency in the job table: {when!r}")


def exec_command(service: dict[str, list[str]]) -> str:
    """The ``manage.py`` arguments a job's service runs, checked to run in the release's venv."""
    (start,) = service["Service.ExecStart"]
    folder = service["Service.WorkingDirectory"][0]
    prefix = f"{folder}/.venv/bin/python manage.py "
    assert start.startswith(prefix), start
    return start.removeprefix(prefix)


JOBS = documented_jobs()


def test_the_job_table_is_found():
    """Guards the parser: the table lists the outbox sweep, the appointments and the audit."""
    commands = {job["command"].split()[0] for job in JOBS}
    assert len(JOBS) >= 10
    assert {"deliver_outbox", "appointment_jobs", "audit_anchor", "verify_audit_log"} <= commands


@pytest.mark.parametrize("job", JOBS, ids=lambda job: job["timer"])
def test_each_documented_job_has_its_timer_and_runs_its_command(job):
    timer_path = UNITS / job["timer"]
    assert timer_path.is_file(), f"{job['timer']} is documented but not in deploy/systemd/"
    timer = parse_unit(timer_path)
    assert timer["Timer.OnCalendar"] == [job["calendar"]]
    assert calendar_for(job["when"]) == job["calendar"]
    assert timer["Install.WantedBy"] == ["timers.target"]
    # A timer starts the service of its own name (no Unit= pointing elsewhere).
    assert "Timer.Unit" not in timer
    service = parse_unit(timer_path.with_suffix(".service"))
    assert service["Service.Type"] == ["oneshot"]
    assert exec_command(service) == job["command"]
    assert job["command"].split()[0] in get_commands()


def test_every_shipped_timer_is_documented():
    shipped = {path.name for path in UNITS.glob("*.timer")}
    assert shipped == {job["timer"] for job in JOBS}
    # And every service but the two long-running ones belongs to a timer.
    services = {path.name for path in UNITS.glob("*.service")}
    assert services - {WEB_SERVICE.name, WORKER_SERVICE.name} == {
        name.replace(".timer", ".service") for name in shipped
    }


@pytest.mark.parametrize("path", sorted(UNITS.glob("*.service")), ids=lambda path: path.name)
def test_every_service_runs_as_the_web_service_with_its_environment(path):
    """One environment file, user and release folder for the web service, the worker and every
    job: a job never sees other settings than the pages."""
    web = parse_unit(WEB_SERVICE)
    service = parse_unit(path)
    for key in ("User", "Group", "WorkingDirectory", "EnvironmentFile"):
        assert service[f"Service.{key}"] == web[f"Service.{key}"], key
    assert web["Service.EnvironmentFile"] == ["/etc/munich-portal/env"]


def test_the_worker_runs_db_worker_on_the_queue_of_the_outbox_tasks():
    from munich_portal.messaging.tasks import deliver_due_emails_task, deliver_email_task

    service = parse_unit(WORKER_SERVICE)
    arguments = exec_command(service).split()
    assert arguments[0] == "db_worker"
    assert "--no-reload" in arguments
    queue = arguments[arguments.index("--queue-name") + 1]
    assert {deliver_email_task.queue_name, deliver_due_emails_task.queue_name} == {queue}
    assert queue in settings.TASKS["default"].get("QUEUES", ["default"])
    assert service["Install.WantedBy"] == ["multi-user.target"]


def test_every_recurring_job_the_documents_name_is_scheduled():
    """A command a document says runs daily, nightly, weekly or every few minutes is in the table
    (docs/data-protection.md, docs/appointments.md, docs/online-requests.md, …)."""
    scheduled = {job["command"].split()[0] for job in JOBS}
    unscheduled = [
        f"{document.name}:{number}: {command}"
        for document in sorted((REPO / "docs").glob("*.md"))
        for number, line in enumerate(document.read_text(encoding="utf-8").splitlines(), 1)
        if _RECURRING.search(line)
        for command in _MANAGE.findall(line)
        if command not in scheduled
    ]
    assert unscheduled == []


def test_every_command_of_the_portal_is_scheduled_or_run_by_hand():
    """A new management command must be put in the job table or named as run by hand here."""
    scheduled = {job["command"].split()[0] for job in JOBS}
    ours = {name for name, app in get_commands().items() if (REPO / app.replace(".", "/")).is_dir()}
    assert ours - scheduled - RUN_BY_HAND == set()
    assert set(get_commands()) >= RUN_BY_HAND
    # Django's and django-tasks-db's jobs that the portal needs.
    assert {"clearsessions", "prune_db_task_results"} <= scheduled
