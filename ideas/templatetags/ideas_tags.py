"""``{% load ideas_tags %}``: residents' text rendered safely (ideas.text)."""

from django import template

from ideas.text import render_user_text

register = template.Library()


@register.filter(name="user_text")
def user_text(value):
    """Escaped paragraphs, web addresses as ``rel="nofollow ugc noopener"`` links."""
    return render_user_text(value)


@register.simple_tag
def ideas_state(phases, today):
    """``before``/``during``/``after`` the participation phase, or ``""`` without one."""
    from ideas.rules import phase_state

    if not any(phase.kind == "participation" for phase in phases):
        return ""
    return phase_state(phases, today)
