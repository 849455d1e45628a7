"""Uploaded files: checked by content (magic bytes) and size, stored under random names in the
private upload directory (``PORTAL_PRIVATE_UPLOAD_ROOT``), outside the static and media roots.

Nothing the resident sends reaches the file system as a name: the stored name is 64 random hex
digits (checked again by a database constraint and by :func:`path_of`), the original name is
kept only as data for the download's ``Content-Disposition``. Files are served only through
``views.download`` (the owner) and the admin's download view (permitted staff).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

__all__ = [
    "FILE_TYPES",
    "FileRejected",
    "FileType",
    "check_upload",
    "delete_stored",
    "path_of",
    "safe_original_name",
    "sniff",
    "upload_root",
    "write_upload",
]

STORAGE_NAME = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class FileType:
    key: str
    label: str
    content_type: str
    signatures: tuple[bytes, ...]


#: The file types a form field may allow, recognised by their first bytes, not by name or header.
FILE_TYPES: dict[str, FileType] = {
    "pdf": FileType("pdf", "PDF", "application/pdf", (b"%PDF-",)),
    "jpeg": FileType("jpeg", "JPEG", "image/jpeg", (b"\xff\xd8\xff",)),
    "png": FileType("png", "PNG", "image/png", (b"\x89PNG\r\n\x1a\n",)),
}


class FileRejected(ValueError):
    """A file that is not of an allowed type or too large; ``str()`` is a message for people."""


def upload_root() -> Path:
    return Path(settings.PORTAL_PRIVATE_UPLOAD_ROOT)


def sniff(head: bytes) -> FileType | None:
    """The file type whose signature ``head`` (the file's first bytes) starts with."""
    for file_type in FILE_TYPES.values():
        if any(head.startswith(signature) for signature in file_type.signatures):
            return file_type
    return None


def check_upload(uploaded, *, allowed: list[str], max_bytes: int) -> FileType:
    """Check an uploaded file's real type and size; raise :class:`FileRejected`."""
    allowed_types = [FILE_TYPES[key] for key in allowed if key in FILE_TYPES]
    names = ", ".join(file_type.label for file_type in allowed_types)
    if uploaded.size is None or uploaded.size > max_bytes:
        megabytes = max_bytes // (1024 * 1024)
        raise FileRejected(
            ngettext(
                "The file is too large: at most %(size)d MB.",
                "The file is too large: at most %(size)d MB.",
                megabytes,
            )
            % {"size": megabytes}
        )
    if uploaded.size == 0:
        raise FileRejected(_("The file is empty."))
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    file_type = sniff(head)
    if file_type is None or file_type not in allowed_types:
        raise FileRejected(_("The file must be one of these types: %(types)s.") % {"types": names})
    return file_type


def safe_original_name(name: str, *, fallback: str = "file") -> str:
    """The uploaded file's name without any path, control characters or quotes; at most 200."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        character
        for character in unicodedata.normalize("NFC", name)
        if unicodedata.category(character)[0] != "C" and character not in '"<>|*?:'
    ).strip(" .")
    return name[:200] or fallback


def path_of(storage_name: str) -> Path:
    """Where a stored file lives; refuses anything that is not a storage name."""
    if not STORAGE_NAME.fullmatch(storage_name or ""):
        raise ValueError("Not a storage name.")
    root = upload_root().resolve()
    path = (root / storage_name[:2] / storage_name).resolve()
    if root not in path.parents:
        raise ValueError("Outside the upload directory.")
    return path


def write_upload(uploaded) -> tuple[str, int, str]:
    """Write ``uploaded`` under a new random name; returns ``(storage_name, size, sha256)``."""
    storage_name = secrets.token_hex(32)
    path = path_of(storage_name)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    digest = hashlib.sha256()
    size = 0
    uploaded.seek(0)
    # O_EXCL: never overwrite (a collision of 256 random bits will not happen, but be sure).
    with path.open("xb") as target:
        for chunk in uploaded.chunks():
            digest.update(chunk)
            size += len(chunk)
            target.write(chunk)
    path.chmod(0o600)
    return storage_name, size, digest.hexdigest()


def delete_stored(storage_name: str) -> None:
    with contextlib.suppress(ValueError):
        path_of(storage_name).unlink(missing_ok=True)
