"""The services app's models: the catalogue (``catalogue``) and online requests
(``online_requests``). Appointments are the app ``services.appointments``."""

from services.models.catalogue import *  # noqa: F403
from services.models.catalogue import __all__ as _catalogue_all
from services.models.online_requests import *  # noqa: F403
from services.models.online_requests import __all__ as _requests_all

__all__ = [*_catalogue_all, *_requests_all]
