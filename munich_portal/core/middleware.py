"""The portal's own middleware: a header Django does not set, and form bodies read as UTF-8."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header, which Django's SecurityMiddleware does not set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class FormBodyAsUtf8Middleware:
    """Read a form body as UTF-8 whatever charset its Content-Type declares.

    ``application/x-www-form-urlencoded`` has no charset: browsers send UTF-8 and never declare
    another (WHATWG URL standard, "application/x-www-form-urlencoded parsing"). Django refuses a
    declared one with ``BadRequest`` but leaves the request half-parsed, so its 400 handler, which
    checks the CSRF token and reads the body again, fails a second time and the visitor gets a bare
    500. Reading the body as UTF-8 instead (undecodable bytes become U+FFFD) answers such a
    request like any other: the form saves it or shows its errors, with what was sent. Sits before
    the CSRF middleware, the first to read the body.
    """

    FORM = "application/x-www-form-urlencoded"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.content_type == self.FORM
            and request.encoding
            and request.encoding.lower().replace("_", "-") not in {"utf-8", "utf8"}
        ):
            request.encoding = "utf-8"
        return self.get_response(request)
