"""SVC-1: filed documents stored by their content. A file's name in storage is its SHA-256
(`filing/sha256/ab/abcdef...`), so the same bytes are stored once, saving again changes
nothing, and the hash recorded with a filing finds its file. Through Django's storage API (the
default storage, under MEDIA_ROOT), never under STATIC_ROOT: documents are served only by
permission-checked views (core.downloads)."""

import hashlib
import re
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage

from core.errors import NotFound

PREFIX = "filing/sha256"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _sha256_of(content) -> str:
    content.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: content.read(64 * 1024), b""):
        digest.update(chunk)
    content.seek(0)
    return digest.hexdigest()


class ContentStore:
    def __init__(self, storage=None):
        self.storage = storage or default_storage
        self._refuse_static_tree()

    def _refuse_static_tree(self) -> None:
        if not isinstance(self.storage, FileSystemStorage) or not settings.STATIC_ROOT:
            return  # a bucket's "location" is a prefix of its keys, not a folder
        here = Path(self.storage.location).resolve()
        static = Path(settings.STATIC_ROOT).resolve()
        if here == static or static in here.parents:
            raise ImproperlyConfigured("Filed documents must not be stored under STATIC_ROOT.")

    @staticmethod
    def name_for(sha256: str) -> str:
        if not isinstance(sha256, str) or not _SHA256.match(sha256):
            raise NotFound()
        return f"{PREFIX}/{sha256[:2]}/{sha256}"

    def save(self, content, written: list | None = None) -> str:
        """Store `content` (a file object, or bytes) and return its SHA-256. Content already
        stored is not written again. `written` (core.uploads.atomic_with_files) receives
        (storage, name) when this call wrote the file, so that a rollback removes it."""
        if isinstance(content, bytes | bytearray):
            content = BytesIO(bytes(content))
        sha256 = _sha256_of(content)
        name = self.name_for(sha256)
        if self.storage.exists(name):
            return sha256
        saved = self.storage.save(name, File(content, name=name))
        content.seek(0)
        if saved != name:
            # Another request stored the same bytes in between: keep its file, drop ours.
            self.storage.delete(saved)
            return sha256
        if written is not None:
            written.append((self.storage, name))
        return sha256

    def exists(self, sha256: str) -> bool:
        return self.storage.exists(self.name_for(sha256))

    def open(self, sha256: str):
        """The stored file of `sha256` (NotFound if there is none), opened for reading."""
        name = self.name_for(sha256)
        if not self.storage.exists(name):
            raise NotFound()
        return self.storage.open(name, "rb")

    def read(self, sha256: str) -> bytes:
        with self.open(sha256) as stored:
            return stored.read()


def content_store() -> ContentStore:
    return ContentStore()
