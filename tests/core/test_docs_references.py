"""The documentation names only paths, commands and make targets that exist (issue 12).

Checked in ``README.md`` and ``docs/*.md``: inline code and fenced code blocks (a path such as
``munich_portal/core/roles.py`` or ``templates/<app>/``, ``manage.py <command>``, ``make <target>``)
and the targets of relative Markdown links. A path counts when it contains a ``/``, is not a URL
or an absolute path, and ends in a known file extension or in ``/`` (a directory); placeholders
(``<app>``, ``{name}``) and ``*`` match any name. Files the build or the tests write (git-ignored,
e.g. ``bench/results/latest.json``) count as existing. Bare file names (``actions.py``) are
module names in context and are not checked.
"""

import re
import subprocess
from functools import cache
from pathlib import Path

from django.core.management import get_commands

REPO = Path(__file__).resolve().parents[2]
DOCUMENTS = sorted([REPO / "README.md", *(REPO / "docs").glob("*.md")])

EXTENSIONS = frozenset(
    {"cfg", "conf", "css", "csv", "example", "html", "ics", "ini", "js", "json", "md", "mo"}
    | {"service", "timer"}
    | {"pdf", "png", "po", "py", "sh", "sql", "svg", "toml", "txt", "xlsx", "yaml", "yml"}
)
_PATH = re.compile(r"[\w.<>{}*-]+(?:/[\w.<>{}*-]*)+")
_INLINE_CODE = re.compile(r"`([^`\n]+)`")
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_COMMAND = re.compile(r"(?:^|[\s/'\"])manage\.py\s+([a-z_][\w-]*)")
_MAKE = re.compile(r"(?:^|[\s;&|(])make\s+([a-z][\w-]*)")
_PLACEHOLDER = re.compile(r"<[^>/]*>|\{[^}/]*\}")


def _code_lines(text: str):
    """(line number, code) for every inline code span and every line of a fenced block."""
    fenced = False
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced:
            yield number, line
        else:
            for match in _INLINE_CODE.finditer(line):
                yield number, match.group(1)


def _path_candidates(code: str) -> list[str]:
    """The tokens of ``code`` that look like repository paths."""
    found = []
    for token in code.split():
        token = token.strip("\"'()[],;:")
        if (
            token.startswith(("/", "~", "$", "-", "…", "."))
            or "://" in token
            or "=" in token
            or "@" in token
        ):
            continue
        match = _PATH.fullmatch(token)
        if match is None:
            continue
        last = token.rsplit("/", 1)[1]
        if token.endswith("/") or ("." in last and last.rsplit(".", 1)[1] in EXTENSIONS):
            found.append(token)
    return found


def references() -> list[tuple[str, int, str, str]]:
    """(document, line, kind, reference) for every reference the documents make."""
    found = []
    for document in DOCUMENTS:
        name = document.relative_to(REPO).as_posix()
        text = document.read_text(encoding="utf-8")
        for number, code in _code_lines(text):
            found += [(name, number, "path", path) for path in _path_candidates(code)]
            found += [(name, number, "command", m.group(1)) for m in _COMMAND.finditer(code)]
            found += [(name, number, "make", m.group(1)) for m in _MAKE.finditer(code)]
        for number, line in enumerate(text.splitlines(), 1):
            for match in _LINK.finditer(line):
                target = match.group(1).split("#", 1)[0]
                if target and ":" not in target and not target.startswith("/"):
                    found.append((name, number, "link", target))
    return found


@cache
def _git_ignored(path: str) -> bool:
    """Whether git ignores ``path``: output of the build or the tests, not kept in the repo."""
    try:
        result = subprocess.run(
            ["git", "check-ignore", "--quiet", "--no-index", path],
            cwd=REPO,
            capture_output=True,
            timeout=30,
            check=False,
        )
    except OSError:
        return False
    return result.returncode == 0


def _path_exists(path: str) -> bool:
    pattern = _PLACEHOLDER.sub("*", path.rstrip("/"))
    matches = list(REPO.glob(pattern)) if "*" in pattern else [REPO / pattern]
    if path.endswith("/"):
        matches = [match for match in matches if match.is_dir()]
    return any(match.exists() for match in matches) or _git_ignored(pattern)


@cache
def _make_targets() -> frozenset[str]:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    return frozenset(re.findall(r"^([\w-]+)\s*:(?!=)", makefile, re.MULTILINE))


def _exists(document: str, kind: str, reference: str) -> bool:
    if kind == "path":
        return _path_exists(reference)
    if kind == "link":
        return (REPO / document).parent.joinpath(reference).exists()
    if kind == "command":
        return reference in get_commands()
    return reference in _make_targets()


def test_the_documents_are_found_and_name_many_paths():
    """Guards the test itself: the documents exist and the patterns still find references."""
    assert REPO / "README.md" in DOCUMENTS
    assert len(DOCUMENTS) > 5
    kinds = [kind for _document, _line, kind, _reference in references()]
    assert kinds.count("path") > 100
    assert kinds.count("command") > 10
    assert kinds.count("make") > 3
    assert kinds.count("link") > 3


def test_every_path_command_and_target_named_in_the_docs_exists():
    missing = [
        f"{document}:{line}: {kind} {reference!r}"
        for document, line, kind, reference in references()
        if not _exists(document, kind, reference)
    ]
    assert missing == [], "The documentation names what does not exist:\n" + "\n".join(missing)


def test_a_missing_path_is_caught():
    """Moved apps (appointments/ → appointments/) leave such references behind."""
    assert _path_candidates("see services/appointment_jobs.py and `manage.py x`") == [
        "services/appointment_jobs.py"
    ]
    assert not _path_exists("services/appointment_jobs.py")
    assert not _path_exists("paper/nowhere/")
    assert _path_exists("munich_portal/core/")
    assert _path_exists("templates/<app>/includes/")
    assert _path_candidates("https://example.org/a.html /termine/ …/melden/ a/b") == []
