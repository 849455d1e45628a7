"""Opens a processing context for every request (see :mod:`munich_portal.audit.context`)."""

import uuid

from munich_portal.audit.context import processing_context

REQUEST_ID_HEADER = "X-Request-ID"


class ProcessingContextMiddleware:
    """Gives each request an id (``request.request_id``, response header ``X-Request-ID``) and a
    processing context with the request's user as actor and the staff member's purpose of work.

    Place it after ``AuthenticationMiddleware``. The id is always generated here: an id sent by the
    client could be chosen to collide with another request's events.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = str(uuid.uuid4())
        request.request_id = request_id
        with processing_context(request=request, request_id=request_id):
            response = self.get_response(request)
        response.headers[REQUEST_ID_HEADER] = request_id
        return response
