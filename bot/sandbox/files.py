"""Files the fake Telegram holds: uploads from the bot and media made up for users."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass

_EXTENSIONS = {
    "animation": ".mp4",
    "audio": ".mp3",
    "document": "",
    "photo": ".jpg",
    "sticker": ".webp",
    "video": ".mp4",
    "video_note": ".mp4",
    "voice": ".oga",
}
_MIME_TYPES = {
    "animation": "video/mp4",
    "audio": "audio/mpeg",
    "photo": "image/jpeg",
    "sticker": "image/webp",
    "video": "video/mp4",
    "video_note": "video/mp4",
    "voice": "audio/ogg",
}


@dataclass(frozen=True)
class StoredFile:
    """One file: its ids, its bytes and what it is."""

    file_id: str
    file_unique_id: str
    kind: str
    data: bytes
    file_name: str | None
    mime_type: str
    file_path: str

    @property
    def size(self) -> int:
        """Size in bytes."""
        return len(self.data)


class FileStore:
    """Every file by file_id, so sends by file_id, getFile and downloads work."""

    def __init__(self) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._count = 0

    def add(
        self,
        kind: str,
        data: bytes,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> StoredFile:
        """Store bytes as a new file of the given kind (voice, photo, document...)."""
        self._count += 1
        number = self._count
        if mime_type is None or mime_type == "application/octet-stream":
            guessed = mimetypes.guess_type(file_name)[0] if file_name else None
            mime_type = guessed or _MIME_TYPES.get(kind, "application/octet-stream")
        extension = _EXTENSIONS.get(kind, "")
        if not extension and file_name and "." in file_name:
            extension = "." + file_name.rsplit(".", 1)[1]
        stored = StoredFile(
            file_id=f"SBX-{kind}-{number:06d}",
            file_unique_id=f"SBXU{number:06d}",
            kind=kind,
            data=data,
            file_name=file_name,
            mime_type=mime_type,
            file_path=f"{kind}s/file_{number}{extension}",
        )
        self._by_id[stored.file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        """The file with this file_id, if any."""
        return self._by_id.get(file_id)

    def by_path(self, file_path: str) -> StoredFile | None:
        """The file served under this download path, if any."""
        return self._by_path.get(file_path)
