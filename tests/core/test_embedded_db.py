"""The embedded PostgreSQL server survives a process killed while it wrote the handle list.

A CI run failed because a worker killed with SIGKILL (on purpose, in the mail fault tests) left
``.pgdata/.handle_pids.json`` empty: every later process then failed on start with a JSON error.
"""

import json
import os

from django.conf import settings

from bench.server import manage, production_environment
from munich_portal.embedded_db import _HandleList


def test_an_empty_or_broken_list_counts_as_empty(tmp_path):
    path = tmp_path / ".handle_pids.json"
    handles = _HandleList(path)
    assert handles.get() == []  # no file yet

    for broken in ("", "[12, ", '{"a": 1}', "null"):
        path.write_text(broken)
        assert handles.get() == []

    assert handles.get_and_add(7) == []
    assert handles.get_and_add(8) == [7]
    assert json.loads(path.read_text()) == [7, 8]
    assert handles.get_and_remove(7) == [7, 8]
    assert handles.get() == [8]
    # The write goes through a temporary file that replaces the list: nothing is left behind.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".handle_pids.json"]


def test_a_new_process_starts_on_an_emptied_handle_list():
    """The regression: truncate the real list, then a fresh ``manage.py`` must still start."""
    path = settings.EMBEDDED_POSTGRES_DIR / ".handle_pids.json"
    path.write_text("")
    env = production_environment(os.environ.get("EMBEDDED_POSTGRES_DB", "munich_portal"))

    output = manage(env, "check")  # raises with the output when the process fails

    assert "JSONDecodeError" not in output
    assert isinstance(json.loads(path.read_text()), list)  # rewritten whole by the new process
