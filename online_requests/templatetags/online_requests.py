"""``{% load online_requests %}{% online_requests_of user as items %}``: the resident's online
requests for Mein Konto (the account page's view belongs to the accounts app)."""

from django import template

from online_requests import selectors

register = template.Library()


@register.simple_tag
def online_requests_of(user, limit=5):
    return list(selectors.requests_of(user)[:limit])
