"""What the window remembers between runs (recent files, language, window layout).

Kept in an INI file in IPDesk's own config folder (``ipdesk.store.clock.config_dir``),
so tests and portable installs never touch the registry or another profile.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from ipdesk.store.clock import config_dir

MAX_RECENT = 8


class Settings:
    """A thin, typed wrapper over QSettings."""

    def __init__(self, path: Path | None = None) -> None:
        path = path or config_dir() / "ipdesk.ini"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    # ------------------------------------------------------------ language
    @property
    def language(self) -> str:
        value = str(self.qsettings.value("language", "zh"))
        return value if value in ("zh", "en") else "zh"

    @language.setter
    def language(self, value: str) -> None:
        self.qsettings.setValue("language", value)

    # ------------------------------------------------------------ files
    def recent_files(self) -> list[str]:
        value = self.qsettings.value("recent_files", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value if v] if isinstance(value, list | tuple) else []

    def add_recent(self, path: str | Path) -> None:
        text = str(Path(path).resolve())
        files = [f for f in self.recent_files() if f != text]
        files.insert(0, text)
        self.qsettings.setValue("recent_files", files[:MAX_RECENT])
        self.qsettings.setValue("last_file", text)

    def remove_recent(self, path: str | Path) -> None:
        text = str(Path(path).resolve())
        self.qsettings.setValue("recent_files", [f for f in self.recent_files() if f != text])
        if self.last_file == text:
            self.qsettings.remove("last_file")

    @property
    def last_file(self) -> str | None:
        value = self.qsettings.value("last_file", "")
        return str(value) if value else None

    @property
    def last_folder(self) -> str:
        return str(self.qsettings.value("last_folder", str(Path.home())))

    @last_folder.setter
    def last_folder(self, value: str | Path) -> None:
        self.qsettings.setValue("last_folder", str(value))

    @property
    def send_folder(self) -> str:
        return str(self.qsettings.value("send_folder", self.last_folder))

    @send_folder.setter
    def send_folder(self, value: str | Path) -> None:
        self.qsettings.setValue("send_folder", str(value))

    # ------------------------------------------------------------ layout
    def save_bytes(self, key: str, value: QByteArray) -> None:
        self.qsettings.setValue(key, value)

    def load_bytes(self, key: str) -> QByteArray | None:
        value = self.qsettings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def value(self, key: str, default: object = None) -> object:
        return self.qsettings.value(key, default)

    def sync(self) -> None:
        self.qsettings.sync()
