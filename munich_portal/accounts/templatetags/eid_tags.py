"""``{% eid_sign_in next_url %}``: the "sign in with BayernID" button, only when configured."""

from django import template

from munich_portal.accounts import eid

register = template.Library()


@register.inclusion_tag("accounts/eid_button.html")
def eid_sign_in(next_url="", level="", connect=False):
    configured = eid.configured()
    return {
        "configured": configured,
        "url": eid.login_url(str(next_url or ""), str(level or "")) if configured else "",
        "label": eid.label(),
        "connect": connect,
    }
