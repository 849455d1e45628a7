"""Public idea pages and the clerks' transcription page (thin: selectors read, actions write).

Everything works without JavaScript: supporting, commenting, replying, editing, deleting and
reporting are plain POST forms that answer with a redirect back to the place on the page
(post/redirect/get), with a message. Anonymous visitors get cached pages
(:func:`munich_portal.core.page_cache.cache_public_page`); the forms that need a CSRF token show
only to logged-in residents, so the anonymous page never carries a token.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ideas import actions, rules, selectors
from ideas.forms import (
    CLERK_CHANNELS,
    CommentForm,
    CommentTranscriptionForm,
    IdeaFilterForm,
    IdeaForm,
    ReportForm,
    SupportLineForm,
    TranscriptionForm,
)
from ideas.models import Idea, Moderation
from munich_portal.core import signed_links
from munich_portal.core.i18n import active_language
from munich_portal.core.page_cache import cache_public_page
from munich_portal.core.paging import page_number
from munich_portal.core.staff import staff_page
from participation.views import can_preview

OPT_OUT_SALT = "ideas.opt-out"


def _context_or_404(request, slug):
    context = selectors.process_context(slug, include_drafts=can_preview(request.user))
    if context is None:
        raise Http404
    return context


def _private(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


def _login(request):
    return redirect_to_login(request.get_full_path(), reverse("account_login"))


def _rights(request, context) -> dict:
    user = request.user
    return {
        "can_contribute": rules.can_contribute(user, context.process, context.state),
        "is_blocked": rules.is_blocked(user, context.process) if user.is_authenticated else False,
        "moderator": rules.can_moderate(user),
    }


# --- list -------------------------------------------------------------------------------------
@require_safe
def idea_list(request, slug):
    if request.user.is_authenticated:
        return _private(_idea_list(request, slug))
    return _public_idea_list(request, slug)


@cache_public_page
def _public_idea_list(request, slug):
    return _idea_list(request, slug)


def _idea_list(request, slug):
    context = _context_or_404(request, slug)
    districts = selectors.district_choices()
    raw = IdeaFilterForm(request.GET, categories=context.categories, districts=districts)
    filters = raw.filters
    params = raw.cleaned_params()
    rights = _rights(request, context)
    page = selectors.idea_page(
        context.process,
        filters,
        page_number(request.GET.get("seite")),
        user=request.user,
        moderator=rights["moderator"],
    )
    form = IdeaFilterForm(params, categories=context.categories, districts=districts)
    return render(
        request,
        "ideas/list.html",
        {
            "process": context.process,
            "state": context.state,
            "form": form,
            "filter_fields": form.filter_fields(),
            "filters": filters,
            "page": page,
            "page_params": params,
            **rights,
        },
    )


# --- new idea -----------------------------------------------------------------------------------
@require_http_methods(["GET", "HEAD", "POST"])
def idea_create(request, slug):
    context = _context_or_404(request, slug)
    if not request.user.is_authenticated:
        return _login(request)
    rights = _rights(request, context)
    form_kwargs = {"categories": context.categories or None}
    status = 200
    if request.method == "POST" and rights["can_contribute"]:
        form = IdeaForm(request.POST, **form_kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                idea = actions.create_idea(
                    process=context.process,
                    user=request.user,
                    title=data["title"],
                    text=data["text"],
                    category=data.get("category"),
                    district=data.get("district"),
                    address=data["address"],
                    author_name=data["author_name"],
                    notify=data["notify"],
                    language=active_language(),
                )
            except actions.IdeaError as error:
                form.add_error(None, str(error))
                status = 429 if isinstance(error, actions.RateLimited) else 409
            else:
                if idea.moderation == Moderation.PENDING:
                    messages.success(
                        request,
                        _(
                            "Thank you! Your idea is saved. The moderation team checks it "
                            "before it is published."
                        ),
                    )
                else:
                    messages.success(request, _("Thank you! Your idea is published."))
                return redirect(idea.get_absolute_url())
        else:
            status = 400
    else:
        form = IdeaForm(
            initial={"author_name": getattr(request.user, "full_name", "")}, **form_kwargs
        )
    response = render(
        request,
        "ideas/create.html",
        {"process": context.process, "state": context.state, "form": form, **rights},
        status=status,
    )
    return _private(response)


# --- idea page ----------------------------------------------------------------------------------
@require_safe
def idea_detail(request, slug, pk):
    if request.user.is_authenticated:
        return _private(_idea_detail(request, slug, pk))
    return _public_idea_detail(request, slug, pk)


@cache_public_page
def _public_idea_detail(request, slug, pk):
    return _idea_detail(request, slug, pk)


def _idea_detail(request, slug, pk, *, comment_form=None, status=200):
    context = _context_or_404(request, slug)
    rights = _rights(request, context)
    idea = selectors.idea_for_page(
        context.process, pk, user=request.user, moderator=rights["moderator"]
    )
    if idea is None:
        raise Http404
    threads = selectors.comment_threads(
        context.process, idea=idea, user=request.user, moderator=rights["moderator"]
    )
    _mark_comment_rights(threads, request.user)
    return render(
        request,
        "ideas/detail.html",
        {
            "process": context.process,
            "state": context.state,
            "idea": idea,
            "threads": threads,
            "comment_form": comment_form or CommentForm(initial=_name_initial(request.user)),
            "comment_action": reverse("ideas:idea_comment", kwargs={"slug": slug, "pk": idea.pk}),
            **rights,
        },
        status=status,
    )


def _name_initial(user) -> dict:
    return {"author_name": getattr(user, "full_name", "")} if user.is_authenticated else {}


def _mark_comment_rights(threads, user) -> None:
    now = timezone.now()
    for thread in threads:
        for comment in [thread.comment, *thread.replies]:
            comment.editable = rules.comment_editable(comment, user, now=now)
            comment.deletable = rules.comment_deletable(comment, user)


# --- support ------------------------------------------------------------------------------------
@require_POST
def idea_support(request, slug, pk):
    context = _context_or_404(request, slug)
    if not request.user.is_authenticated:
        return _login(request)
    idea = selectors.idea_for_page(context.process, pk, user=request.user)
    if idea is None:
        raise Http404
    try:
        supported = actions.toggle_support(idea=idea, user=request.user)
    except actions.IdeaError as error:
        messages.error(request, str(error))
    else:
        if supported:
            messages.success(request, _("You support this idea."))
        else:
            messages.success(request, _("You no longer support this idea."))
    return redirect(_back(request, idea.get_absolute_url(), anchor=f"idee-{idea.pk}"))


def _back(request, default: str, *, anchor: str = "") -> str:
    """Back to the list the resident came from (a path on this site), else ``default``."""
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("weiter", "")
    if not (
        isinstance(target, str)
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    ):
        target = default
    return f"{target}#{anchor}" if anchor else target


# --- comments -----------------------------------------------------------------------------------
@require_POST
def idea_comment(request, slug, pk):
    context = _context_or_404(request, slug)
    if not request.user.is_authenticated:
        return _login(request)
    idea = selectors.idea_for_page(context.process, pk, user=request.user)
    if idea is None:
        raise Http404
    return _comment(request, context, idea=idea)


@require_http_methods(["GET", "HEAD", "POST"])
def process_comments(request, slug):
    """Comments on the process itself (the discussion page)."""
    if request.method == "POST":
        context = _context_or_404(request, slug)
        if not request.user.is_authenticated:
            return _login(request)
        return _comment(request, context, idea=None)
    if request.user.is_authenticated:
        return _private(_process_comments(request, slug))
    return _public_process_comments(request, slug)


@cache_public_page
def _public_process_comments(request, slug):
    return _process_comments(request, slug)


def _process_comments(request, slug, *, comment_form=None, status=200):
    context = _context_or_404(request, slug)
    rights = _rights(request, context)
    threads = selectors.comment_threads(
        context.process, idea=None, user=request.user, moderator=rights["moderator"]
    )
    _mark_comment_rights(threads, request.user)
    return render(
        request,
        "ideas/discussion.html",
        {
            "process": context.process,
            "state": context.state,
            "threads": threads,
            "comment_form": comment_form or CommentForm(initial=_name_initial(request.user)),
            "comment_action": reverse("ideas:process_comments", kwargs={"slug": slug}),
            **rights,
        },
        status=status,
    )


def _comment(request, context, *, idea):
    form = CommentForm(request.POST)
    parent = None
    parent_id = request.POST.get("antwort_auf", "")
    if isinstance(parent_id, str) and parent_id.isdigit() and len(parent_id) < 12:
        parent = (
            context.process.comments.filter(pk=int(parent_id), idea=idea, parent__isnull=True)
            .select_related("process")
            .first()
        )
        if parent is None:
            form.add_error(None, _("The comment you reply to no longer exists."))
    status = 400
    if form.is_valid():
        try:
            comment = actions.add_comment(
                process=context.process,
                user=request.user,
                text=form.cleaned_data["text"],
                idea=idea,
                parent=parent,
                author_name=form.cleaned_data["author_name"],
            )
        except actions.IdeaError as error:
            form.add_error(None, str(error))
            status = 429 if isinstance(error, actions.RateLimited) else 409
        else:
            if comment.moderation == Moderation.PENDING:
                messages.success(
                    request, _("Thank you! Your comment is published after moderation.")
                )
            else:
                messages.success(request, _("Your comment is published."))
            return redirect(comment.get_absolute_url())
    if idea is not None:
        response = _idea_detail(
            request, context.process.slug, idea.pk, comment_form=form, status=status
        )
    else:
        response = _process_comments(
            request, context.process.slug, comment_form=form, status=status
        )
    return _private(response)


def _own_comment_or_404(request, slug, pk):
    comment = selectors.comment_for_author(slug, pk)
    if comment is None or comment.author_id != request.user.pk:
        raise Http404
    return comment


@require_http_methods(["GET", "HEAD", "POST"])
def comment_edit(request, slug, pk):
    if not request.user.is_authenticated:
        return _login(request)
    comment = _own_comment_or_404(request, slug, pk)
    status = 200
    if request.method == "POST":
        form = CommentForm(request.POST, edit=True)
        if form.is_valid():
            try:
                actions.edit_comment(
                    comment=comment, user=request.user, text=form.cleaned_data["text"]
                )
            except actions.IdeaError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                if comment.moderation == "pending":
                    messages.success(
                        request,
                        _(
                            "Your comment is changed. Others see it again once the moderation "
                            "team has approved it."
                        ),
                    )
                else:
                    messages.success(request, _("Your comment is changed."))
                return redirect(comment.get_absolute_url())
        else:
            status = 400
    else:
        form = CommentForm(initial={"text": comment.text}, edit=True)
    return _private(
        render(
            request,
            "ideas/comment_edit.html",
            {
                "process": comment.process,
                "comment": comment,
                "form": form,
                "editable": rules.comment_editable(comment, request.user),
            },
            status=status,
        )
    )


@require_http_methods(["GET", "HEAD", "POST"])
def comment_delete(request, slug, pk):
    if not request.user.is_authenticated:
        return _login(request)
    comment = _own_comment_or_404(request, slug, pk)
    if request.method == "POST":
        try:
            actions.delete_comment(comment=comment, user=request.user)
        except actions.IdeaError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your comment is deleted."))
        return redirect(comment.get_absolute_url())
    return _private(
        render(
            request,
            "ideas/comment_delete.html",
            {"process": comment.process, "comment": comment},
        )
    )


# --- reports ------------------------------------------------------------------------------------
@require_http_methods(["GET", "HEAD", "POST"])
def report_idea(request, slug, pk):
    # Only what the public sees can be reported: a hidden, pending or unpublished contribution
    # is not printed here (issue 11).
    idea = selectors.public_idea(slug, pk)
    if idea is None:
        raise Http404
    if not request.user.is_authenticated:
        return _login(request)
    return _report(request, idea.process, idea=idea, back=idea.get_absolute_url())


@require_http_methods(["GET", "HEAD", "POST"])
def report_comment(request, slug, pk):
    comment = selectors.public_comment(slug, pk)
    if comment is None:
        raise Http404
    if not request.user.is_authenticated:
        return _login(request)
    return _report(request, comment.process, comment=comment, back=comment.get_absolute_url())


def _report(request, process, *, back, idea=None, comment=None):
    status = 200
    if request.method == "POST":
        form = ReportForm(request.POST)
        if form.is_valid():
            try:
                actions.report(
                    user=request.user,
                    idea=idea,
                    comment=comment,
                    reason=form.cleaned_data["reason"],
                    details=form.cleaned_data["details"],
                )
            except actions.IdeaError as error:
                form.add_error(None, str(error))
                status = 429 if isinstance(error, actions.RateLimited) else 409
            else:
                messages.success(
                    request,
                    _("Thank you. The moderation team will look at it as soon as possible."),
                )
                return redirect(back)
        else:
            status = 400
    else:
        form = ReportForm()
    return _private(
        render(
            request,
            "ideas/report.html",
            {"process": process, "idea": idea, "comment": comment, "form": form, "back": back},
            status=status,
        )
    )


# --- opting out of messages ---------------------------------------------------------------------
def opt_out_token(idea: Idea) -> str:
    # Never expires: printed letters carry it, and stopping messages is always allowed.
    return signed_links.sign(str(idea.pk), salt=OPT_OUT_SALT)


@require_http_methods(["GET", "HEAD", "POST"])
def opt_out(request, token):
    """The link in every message about an idea: GET asks, POST stops the messages."""
    raw = signed_links.unsign(token, salt=OPT_OUT_SALT, max_age=None)
    if raw is None or not raw.isdigit():
        raise Http404
    idea = Idea.objects.select_related("process").filter(pk=int(raw)).first()
    if idea is None:
        raise Http404
    done = False
    if request.method == "POST":
        actions.opt_out(idea=idea)
        done = True
    return _private(
        render(
            request,
            "ideas/opt_out.html",
            {"idea": idea, "process": idea.process, "done": done or not idea.notify},
        )
    )


# --- clerks -------------------------------------------------------------------------------------
TRANSCRIBE = "ideas.transcribe_idea"


@staff_page(TRANSCRIBE)
@require_safe
def clerk_index(request):
    """/erfassung/ideen/: the processes whose ideas, comments and signature lists clerks type in."""
    processes = selectors.clerk_processes(request.user)
    return _private(render(request, "ideas/clerk_index.html", {"processes": processes}))


def _clerk_context(request, slug):
    context = selectors.process_context(slug, include_drafts=True)
    if context is None:
        raise Http404
    return context


def _clerk_initial(request) -> dict:
    """Channel, date and consent version of the previous entry (kept in the address)."""
    channel = request.GET.get("kanal", "")
    initial = {
        "channel": channel if channel in dict(CLERK_CHANNELS) else "paper",
        "received_on": timezone.localdate(),
        "consent_version": request.GET.get("einwilligung", "")[:20]
        or actions.ONLINE_CONSENT_VERSION,
    }
    with contextlib.suppress(ValueError):
        initial["received_on"] = dt.date.fromisoformat(request.GET.get("datum", ""))
    return initial


def _next_url(name: str, data: dict, **kwargs) -> str:
    query = urlencode(
        {
            "kanal": data["channel"],
            "datum": data["received_on"].isoformat(),
            "einwilligung": data["consent_version"],
        }
    )
    return f"{reverse(name, kwargs=kwargs)}?{query}"


def _recorded(row) -> dict:
    """What the clerk's message confirms was recorded: number, channel, consent version."""
    return {
        "number": row.pk,
        "channel": row.get_channel_display(),
        "consent": row.consent_version,
    }


def _clerk_page(request, template, context, *, status=200):
    context.setdefault("recent", selectors.recent_entries(context["process"], request.user))
    return _private(render(request, template, context, status=status))


@staff_page(TRANSCRIBE)
@require_http_methods(["GET", "HEAD", "POST"])
def transcribe(request, slug):
    """/erfassung/ideen/<slug>/: a clerk types in an idea from paper, phone or on site."""
    context = _clerk_context(request, slug)
    form_kwargs = {"categories": context.categories or None}
    status = 200
    if request.method == "POST":
        form = TranscriptionForm(request.POST, **form_kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                idea = actions.transcribe_idea(
                    process=context.process,
                    clerk=request.user,
                    channel=data["channel"],
                    received_on=data["received_on"],
                    title=data["title"],
                    text=data["text"],
                    category=data.get("category"),
                    district=data.get("district"),
                    address=data["address"],
                    author_name=data["author_name"],
                    contact_email=data["contact_email"],
                    contact_street=data["contact_street"],
                    contact_postal_code=data["contact_postal_code"],
                    contact_city=data["contact_city"],
                    consent_version=data["consent_version"],
                    language=active_language(),
                )
            except actions.IdeaError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(
                    request,
                    _(
                        "The idea “%(title)s” is saved (no. %(number)s; %(channel)s, consent "
                        "text %(consent)s). Next one:"
                    )
                    % {"title": idea.title, **_recorded(idea)},
                )
                return redirect(_next_url("ideas:idea_transcribe", data, slug=slug))
        else:
            status = 400
    else:
        form = TranscriptionForm(initial=_clerk_initial(request), **form_kwargs)
    return _clerk_page(
        request,
        "ideas/transcribe.html",
        {"process": context.process, "state": context.state, "form": form, "tab": "idea"},
        status=status,
    )


@staff_page(TRANSCRIBE)
@require_http_methods(["GET", "HEAD", "POST"])
def transcribe_comment(request, slug):
    """/erfassung/ideen/<slug>/kommentar/: a comment from paper, phone or on site."""
    context = _clerk_context(request, slug)
    ideas = selectors.clerk_ideas(context.process, request.user)
    status = 200
    if request.method == "POST":
        form = CommentTranscriptionForm(request.POST, ideas=ideas)
        if form.is_valid():
            data = form.cleaned_data
            idea = next((idea for idea in ideas if idea.pk == data["idea"]), None)
            try:
                comment = actions.transcribe_comment(
                    process=context.process,
                    clerk=request.user,
                    channel=data["channel"],
                    received_on=data["received_on"],
                    idea=idea,
                    text=data["text"],
                    author_name=data["author_name"],
                    consent_version=data["consent_version"],
                )
            except actions.IdeaError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(
                    request,
                    _(
                        "The comment is saved (no. %(number)s; %(channel)s, consent text "
                        "%(consent)s). Next one:"
                    )
                    % _recorded(comment),
                )
                return redirect(_next_url("ideas:comment_transcribe", data, slug=slug))
        else:
            status = 400
    else:
        form = CommentTranscriptionForm(initial=_clerk_initial(request), ideas=ideas)
    return _clerk_page(
        request,
        "ideas/transcribe_comment.html",
        {"process": context.process, "form": form, "tab": "comment"},
        status=status,
    )


@staff_page(TRANSCRIBE)
@require_safe
def support_lists(request, slug):
    """/erfassung/ideen/<slug>/unterschriften/: choose the idea a signature list supports."""
    context = _clerk_context(request, slug)
    ideas = selectors.clerk_ideas(context.process, request.user)
    return _clerk_page(
        request,
        "ideas/support_lists.html",
        {"process": context.process, "ideas": ideas, "tab": "supports"},
    )


@staff_page(TRANSCRIBE)
@require_http_methods(["GET", "HEAD", "POST"])
def support_list(request, slug, pk):
    """/erfassung/ideen/<slug>/unterschriften/<idea>/: type in a signature list line by line.

    Name, postal code, Enter: the line is saved and the empty form waits for the next one
    (channel, date and consent version stay). A refused line keeps its input with the reason next
    to the field; a line with an online supporter's name asks whether it is another person.
    """
    context = _clerk_context(request, slug)
    idea = selectors.clerk_idea(context.process, pk, request.user)
    if idea is None:
        raise Http404
    status = 200
    if request.method == "POST":
        ask = "same_name_confirmed" in request.POST
        form = SupportLineForm(request.POST, ask_same_name=ask)
        if form.is_valid():
            data = form.cleaned_data
            try:
                line = actions.add_support_line(
                    idea=idea,
                    clerk=request.user,
                    channel=data["channel"],
                    received_on=data["received_on"],
                    name=data["name"],
                    postal_code=data["postal_code"],
                    street=data["street"],
                    consent_version=data["consent_version"],
                    same_name_confirmed=bool(data.get("same_name_confirmed")),
                )
            except actions.SameNameOnline as error:
                form = SupportLineForm(request.POST, ask_same_name=True)
                form.is_valid()
                form.add_error("name", str(error))
                status = 409
            except actions.DuplicateSupport as error:
                form.add_error("name", str(error))
                status = 409
            except actions.IdeaError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(
                    request,
                    _("Line saved: %(name)s, %(code)s (%(channel)s). Next line:")
                    % {
                        "name": line.name,
                        "code": line.postal_code,
                        "channel": line.get_channel_display(),
                    },
                )
                # No fragment: the page's script puts the focus into the name field (a
                # fragment would move the focus away from it again).
                return redirect(_next_url("ideas:support_list", data, slug=slug, pk=idea.pk))
        else:
            status = 400
    else:
        form = SupportLineForm(initial=_clerk_initial(request))
    lines, total = selectors.support_lines(idea, request.user)
    actions.log_support_lines_viewed(lines)
    idea.refresh_from_db(fields=["supports_count"])
    return _clerk_page(
        request,
        "ideas/support_list.html",
        {
            "process": context.process,
            "idea": idea,
            "form": form,
            "lines": lines,
            "total": total,
            "tab": "supports",
        },
        status=status,
    )
