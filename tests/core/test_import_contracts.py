"""The import contracts (.importlinter) hold for the tree, and they catch a forbidden import.

`make lint` runs lint-imports on the real tree. These tests run it on a copy of the packages
(Python files only), once as they are and once with a forbidden import planted, so a contract
that silently stopped checking anything would fail here.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PACKAGES = [
    "munich_portal",
    "services",
    "appointments",
    "online_requests",
    "participation",
    "paper",
    "ideas",
    "results",
    "accessibility",
]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _not_python(directory: str, names: list[str]) -> list[str]:
    """What copytree leaves out: everything but Python files and the folders holding them."""
    skipped = {"__pycache__", "templates", "static", "migrations"}
    return [
        name
        for name in names
        if name in skipped or not (name.endswith(".py") or (Path(directory) / name).is_dir())
    ]


def _copy_tree(target: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(ROOT / package, target / package, ignore=_not_python)
    shutil.copy(ROOT / ".importlinter", target / ".importlinter")
    return target


def _lint(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    return _copy_tree(tmp_path_factory.mktemp("contracts"))


def _plant(tree: Path, module: str, line: str):
    path = tree / (module.replace(".", "/") + ".py")
    original = path.read_text()
    path.write_text(original + f"\n{line}\n")
    return path, original


def test_the_tree_keeps_every_contract(tree):
    result = _lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        # The kernel reaching up into a domain app.
        ("munich_portal.core.paging", "import participation.selectors", "Portal pages above"),
        # A pillar reaching into the other pillar.
        ("services.views", "from participation import selectors", "The services pillar"),
        # A sub-domain importing a sibling's internals.
        ("ideas.views", "from paper import views as paper_views", "Portal pages above"),
        # A domain app importing the portal pages above it.
        ("accessibility.views", "from munich_portal.portal import views", "Portal pages above"),
    ],
)
def test_a_planted_forbidden_import_breaks_a_contract(tree, module, line, contract):
    path, original = _plant(tree, module, line)
    try:
        result = _lint(tree)
    finally:
        path.write_text(original)
    assert result.returncode == 1, result.stdout
    broken = [row for row in result.stdout.splitlines() if row.endswith("BROKEN")]
    assert any(row.startswith(contract) for row in broken), result.stdout
    assert module in result.stdout
