"""Template helpers of the accessibility pages and the officer's reminders in the staff area."""

import re

from django import template

from accessibility import selectors

register = template.Library()


@register.filter
def phone_uri(number: str) -> str:
    """A German phone number as written ("089 2129-1111") in the form a ``tel:`` link needs.

    Short service numbers (115) stay as they are; a leading 0 becomes +49, 00 becomes +.
    """
    digits = re.sub(r"[^\d+]", "", number or "")
    if digits.startswith("00"):
        return "+" + digits[2:]
    if digits.startswith("0") and len(digits) > 4:
        return "+49" + digits[1:]
    return digits


@register.simple_tag(takes_context=True)
def accessibility_reminders(context):
    """The officer's reminders (yearly review, overdue reports) for a user allowed to act on them.

    ``None`` for everyone else, so the admin index shows nothing to other roles.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    may_statement = user.has_perm("accessibility.change_accessibilitystatement")
    may_reports = user.has_perm("accessibility.view_barrierreport")
    if not (may_statement or may_reports):
        return None
    found = selectors.reminders()
    return {
        "statement": found.statement if may_statement else None,
        "statement_missing": may_statement and found.statement is None,
        "statement_review_due": may_statement and found.statement_review_due,
        "overdue_reports": found.overdue_reports if may_reports else 0,
        "open_reports": found.open_reports if may_reports else 0,
    }
