"""One IPDesk window per user: a second launch hands its file to the running one.

A double-click on a `.ipdesk` file starts `ipdesk FILE`. When IPDesk is already open,
the new process passes FILE over a local socket (QLocalServer, one per user and
settings folder) and exits; the running window opens the file and comes to the
front. With no window running, the new process becomes the one that listens.
"""

from __future__ import annotations

import hashlib
import os

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from ipdesk.store import clock

TIMEOUT_MS = 1500


def server_name() -> str:
    """Unique to this user and settings folder (tests use their own folders)."""
    key = f"{os.environ.get('USER') or os.environ.get('USERNAME') or ''}|{clock.config_dir()}"
    return "ipdesk-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def hand_over(path: str | None, name: str | None = None) -> bool:
    """Give `path` (or just "come to the front") to a running IPDesk. Returns
    whether one was running and took it."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    socket.write(((os.path.abspath(path) if path else "") + "\n").encode("utf-8"))
    socket.flush()
    socket.waitForBytesWritten(TIMEOUT_MS)
    taken = socket.bytesAvailable() > 0 or socket.waitForReadyRead(TIMEOUT_MS)
    socket.disconnectFromServer()
    return bool(taken)


class Listener(QObject):
    """Listens for later launches; `fileGiven(path)` ('' when none was given)."""

    fileGiven = Signal(str)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        name = name or server_name()
        if not self.server.listen(name):
            # A socket left by a crashed IPDesk: nobody answered hand_over, so take it.
            QLocalServer.removeServer(name)
            self.server.listen(name)
        self.server.newConnection.connect(self._accept)

    @property
    def listening(self) -> bool:
        return self.server.isListening()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        path = bytes(socket.readLine().data()).decode("utf-8", "replace").strip()
        socket.write(b"ok\n")  # the sender waits for it, then hangs up
        socket.flush()
        socket.disconnected.connect(socket.deleteLater)
        self.fileGiven.emit(path)
