"""The participation app's models: processes and events (``core``), paper forms (``paper``),
ideas, comments and moderation (``ideas``), the city's results summaries (``results``)."""

from participation.models.core import *  # noqa: F403
from participation.models.core import __all__ as _core_all
from participation.models.ideas import *  # noqa: F403
from participation.models.ideas import __all__ as _ideas_all
from participation.models.paper import *  # noqa: F403
from participation.models.paper import __all__ as _paper_all
from participation.models.results import *  # noqa: F403
from participation.models.results import __all__ as _results_all

__all__ = [*_core_all, *_paper_all, *_ideas_all, *_results_all]
