"""Reads for the portal's own pages."""


def home_page_context() -> dict:
    """What the home page shows besides its fixed links.

    TODO(issue 4, issue 6): popular services, current participation processes and events.
    """
    return {}
