"""Tables in docs/ generated from the code, between ``<!-- name:start/end -->`` markers.

``manage.py roles_table --write`` and ``manage.py declarations_table --write`` replace the table in
its document; tests compare the document with the code, so the docs cannot fall behind.
"""

from pathlib import Path

from django.conf import settings


def embedded_table(document: str, marker: str) -> str:
    """The text between the markers of ``marker`` in ``document`` (a path below docs/)."""
    text = (Path(settings.BASE_DIR) / "docs" / document).read_text(encoding="utf-8")
    return text.split(f"<!-- {marker}:start -->")[1].split(f"<!-- {marker}:end -->")[0].strip()


def write_table(document: str, marker: str, table: str) -> Path:
    """Replace the text between the markers of ``marker`` in ``document`` with ``table``."""
    path = Path(settings.BASE_DIR) / "docs" / document
    text = path.read_text(encoding="utf-8")
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    before, rest = text.split(start, 1)
    _old, after = rest.split(end, 1)
    path.write_text(f"{before}{start}\n{table.strip()}\n{end}{after}", encoding="utf-8")
    return path
