"""The participation app's models: processes and events (``core``), paper forms (``paper``)."""

from importlib.util import find_spec

from participation.models.core import *  # noqa: F403
from participation.models.core import __all__ as _core_all

_paper_all: list[str] = []
# helper_partpaper's module joins once it exists (issue 6); a broken paper.py still raises.
if find_spec("participation.models.paper") is not None:
    from participation.models.paper import *  # noqa: F403
    from participation.models.paper import __all__ as _paper_all

_ideas_all: list[str] = []
# Ideas, comments and moderation (issue 7) join once their module exists.
if find_spec("participation.models.ideas") is not None:
    from participation.models.ideas import *  # noqa: F403
    from participation.models.ideas import __all__ as _ideas_all

_results_all: list[str] = []
# The city's results summary (issue 7, results and statistics) joins once its module exists.
if find_spec("participation.models.results") is not None:
    from participation.models.results import *  # noqa: F403
    from participation.models.results import __all__ as _results_all

__all__ = [*_core_all, *_paper_all, *_ideas_all, *_results_all]
