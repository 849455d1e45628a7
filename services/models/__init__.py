"""The services app's models: the catalogue (``catalogue``) and online requests
(``online_requests``, issue 5)."""

from importlib.util import find_spec

from services.models.catalogue import *  # noqa: F403
from services.models.catalogue import __all__ as _catalogue_all

_requests_all: list[str] = []
# The online-requests module joins once it exists (issue 5); a broken module still raises.
if find_spec("services.models.online_requests") is not None:
    from services.models.online_requests import *  # noqa: F403
    from services.models.online_requests import __all__ as _requests_all

__all__ = [*_catalogue_all, *_requests_all]
