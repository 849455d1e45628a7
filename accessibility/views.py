"""Accessibility pages.

TODO(issue 8): the statement maintained in the admin, barrier reports stored and handled with
deadlines, the sign-language video; until then the statement, easy-language and sign-language
pages are fixed texts and a barrier report is e-mailed to the accessibility officer.
"""

from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def statement(request):
    return render(request, "accessibility/statement.html")


@require_safe
def easy_language(request):
    return render(request, "accessibility/easy_language.html")


@require_safe
def sign_language(request):
    return render(request, "accessibility/sign_language.html")


def report_barrier(request):
    return render(request, "accessibility/report.html")
