"""Demo ideas, supports and comments (``manage.py loaddemo``; idempotent).

Innenstadtkonzept (in its participation phase) gets categories and ideas from every channel, with
supports, a thread with a reply, an answered idea and a comment hidden by moderation, and
comments and signature lists from paper, phone and on site typed in through the clerks' actions; the
Hochhausstudie (results phase) gets decided ideas with answers for its results page. Rows are
found again by process and title, so running the loader twice changes nothing. The content comes
from ``demo/ideas/ideas.yaml``.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from ideas import actions
from ideas.actions import ONLINE_CONSENT_VERSION, refresh_counters
from ideas.models import Comment, Idea, IdeaCategory, Moderation, ModerationDecision, Support
from ideas.text import name_key, postal_code_key
from munich_portal.core.models import Stadtbezirk
from munich_portal.portal.demo.data import de, en, load_yaml
from participation.models import Process


def load_ideas() -> str:
    data = load_yaml("ideas/ideas.yaml")
    User = get_user_model()
    users = {user.email: user for user in User.objects.filter(email__endswith="@example.org")}
    staff = users.get("veranstaltung@example.org")
    clerk = users.get("erfassung@example.org")
    processes = {p.slug: p for p in Process.objects.filter(slug__in=list(data["categories"]))}
    if not processes:
        return "no processes: skipped ideas"
    districts = {d.number: d for d in Stadtbezirk.objects.all()}
    now = timezone.now()
    categories = {}
    for slug, names in data["categories"].items():
        process = processes.get(slug)
        if process is None:
            continue
        for position, name in enumerate(names):
            category, _created = IdeaCategory.objects.update_or_create(
                process=process,
                name_de=de(name),
                defaults={"name_en": en(name), "position": position},
            )
            categories[(slug, de(name))] = category
    ideas = {}
    for item in data["ideas"]:
        slug, title, channel = item["process"], item["title"], item["channel"]
        email, status, answer = item.get("author"), item["status"], item.get("answer", "")
        process = processes.get(slug)
        if process is None:
            continue
        idea = Idea.objects.filter(process=process, title=title).first()
        if idea is None:
            created = now - dt.timedelta(days=item["days_ago"])
            idea = Idea.objects.create(
                process=process,
                title=title,
                text=item["text"],
                category=categories.get((slug, item.get("category"))),
                district=districts.get(item.get("district")),
                address=item.get("address", ""),
                channel=channel,
                author=users.get(email) if email else None,
                author_name=item.get("public_name", ""),
                contact_street="Musterstraße 1" if channel == "paper" else "",
                contact_postal_code="80331" if channel == "paper" else "",
                contact_city="München" if channel == "paper" else "",
                consent_version=ONLINE_CONSENT_VERSION,
                consented_at=created,
                entered_by=None if channel == "online" else clerk,
                status=status,
                status_reason=item.get("status_reason", ""),
                status_changed_at=created + dt.timedelta(days=2) if status != "new" else None,
                answer=answer,
                answered_at=created + dt.timedelta(days=3) if answer else None,
                answered_by=staff if answer else None,
                moderation=Moderation.PUBLISHED,
                created_at=created,
            )
        ideas[(slug, title)] = idea
    for item in data["supports"]:
        idea = ideas.get((item["process"], item["idea"]))
        user = users.get(item["user"])
        if idea and user:
            Support.objects.get_or_create(
                idea=idea,
                user=user,
                defaults={"channel": "online", "name_key": name_key(user.full_name)},
            )
    comments = {}
    for item in data["comments"]:
        slug, title, email, text = item["process"], item.get("idea"), item["author"], item["text"]
        reply_to, hidden = item.get("reply_to"), item.get("hidden", "")
        process = processes.get(slug)
        if process is None:
            continue
        idea = ideas.get((slug, title)) if title else None
        parent = comments.get(reply_to) if reply_to else None
        comment = Comment.objects.filter(process=process, idea=idea, text=text).first()
        if comment is None:
            comment = Comment.objects.create(
                process=process,
                idea=idea,
                parent=parent,
                author=users.get(email),
                author_name=(users[email].full_name if email in users else ""),
                channel="online",
                text=text,
                moderation=Moderation.HIDDEN if hidden else Moderation.PUBLISHED,
                moderation_reason=hidden,
                created_at=now - dt.timedelta(days=2),
            )
            if hidden and staff:
                ModerationDecision.objects.create(
                    process=process,
                    comment=comment,
                    affected_user=comment.author,
                    action=ModerationDecision.Action.HIDE,
                    reason=hidden,
                    decided_by_id=staff.pk,
                )
        comments[text] = comment
    typed_in = _typed_in(data, processes, ideas, clerk) if clerk else (0, 0)
    for idea in ideas.values():
        refresh_counters(idea.pk)
    return (
        f"{len(ideas)} ideas, {len(comments)} comments, {typed_in[0]} typed-in comments, "
        f"{typed_in[1]} signature lines"
    )


def _typed_in(data, processes, ideas, clerk) -> tuple[int, int]:
    """Paper, phone and on-site comments and signature lists, through the clerks' actions
    (found again by text and by name with postal code: loading twice adds nothing)."""
    today = timezone.localdate()
    comments = lines = 0
    for item in data["typed_in_comments"]:
        process = processes.get(item["process"])
        if process is None:
            continue
        idea = ideas.get((item["process"], item["idea"])) if item.get("idea") else None
        text = item["text"]
        if not Comment.objects.filter(process=process, idea=idea, text=text).exists():
            actions.transcribe_comment(
                process=process,
                clerk=clerk,
                channel=item["channel"],
                idea=idea,
                text=text,
                author_name=item["author_name"],
                consent_version=item["consent_version"],
                received_on=today - dt.timedelta(days=item["days_ago"]),
            )
        comments += 1
    for item in data["signature_lists"]:
        idea = ideas.get((item["process"], item["idea"]))
        if idea is None:
            continue
        for row in item["lines"]:
            known = Support.objects.filter(
                idea=idea,
                user__isnull=True,
                name_key=name_key(row["name"]),
                postal_code=postal_code_key(row["postal_code"]),
            )
            if not known.exists():
                actions.add_support_line(
                    idea=idea,
                    clerk=clerk,
                    channel=item["channel"],
                    name=row["name"],
                    postal_code=row["postal_code"],
                    street=row.get("street", ""),
                    consent_version=item["consent_version"],
                    received_on=today - dt.timedelta(days=item["days_ago"]),
                )
            lines += 1
    return comments, lines
