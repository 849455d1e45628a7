"""Online requests (issue 5): staff-defined request forms, residents' requests and case work.

Public API: :mod:`.actions` (writes), :mod:`.selectors` (reads), :mod:`.states` (the state
machine). Everything else is private to this package.
"""
