"""The outbox's background tasks (Django's Tasks framework; docs/deployment.md, "The worker").

- :data:`deliver_email_task` — deliver one outbox message; enqueued after the commit that wrote it
  and deferred to the next attempt after a failure;
- :data:`deliver_due_emails_task` — the sweep: every queued message that is due, and messages a
  dead worker left behind.

The tasks carry only the message's id: the row is the truth, a task is a reminder to look at it,
so a task run twice or late sends nothing twice (:func:`munich_portal.messaging.actions
.deliver_email`).
"""

from __future__ import annotations

from django.tasks import task

from munich_portal.messaging import actions

__all__ = ["deliver_due_emails_task", "deliver_email_task"]


@task
def deliver_email_task(email_id: int) -> bool:
    return actions.deliver_email(email_id)


@task
def deliver_due_emails_task() -> int:
    return actions.deliver_due_emails()
