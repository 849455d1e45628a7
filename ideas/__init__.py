"""Ideas, supports, comments and moderation of participation processes (issue 7).

Public API: :mod:`ideas.actions` (every write) and
:mod:`ideas.selectors` (every read spanning models). Views, forms, the admin and the
demo data call only those.
"""
