"""Reads for the portal's own pages."""

from participation import selectors as participation_selectors


def home_page_context() -> dict:
    """What the home page shows besides its fixed links: running processes, the next events.

    Four queries whatever the data size (the process page's three, one for the events).
    """
    running = participation_selectors.process_page(
        participation_selectors.ProcessFilters(state=participation_selectors.ProcessState.RUNNING),
        1,
    )
    return {
        "running_processes": running.items[:3],
        "running_process_count": running.total,
        "upcoming_events": participation_selectors.upcoming_events(limit=3),
    }
