"""The keys that sign travelling files (docs/security.md).

Ed25519 (from `cryptography`), never a hand-made primitive. The coordinator's master
holds one key pair for its whole life: it signs every file the coordinator issues, and
every department file holds its public half to check them. Each department gets a new
key pair whenever its file is issued: the private half goes into that department file
only, the master keeps the public half (department_keys) and retires the one before,
so a file signed with an older key is refused with a message saying so. A file a
department sends never holds a private key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from ipdesk.store.ids import uuid7


@dataclass(frozen=True)
class KeyPair:
    key_id: str
    private: str  # 32 bytes, hex
    public: str  # 32 bytes, hex


@dataclass(frozen=True)
class IssuedKey:
    """A department key the master issued (department_keys)."""

    key_id: str
    department_id: str
    public: str
    issued_at: str
    retired_at: str | None


def new_pair() -> KeyPair:
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()).hex()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    return KeyPair(uuid7(), private, public)


def public_of(private: str) -> str:
    """The public half of a private key given in hex."""
    key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private))
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def sign(private: str, message: bytes) -> str:
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private)).sign(message).hex()


def verify(public: str, message: bytes, signature: str) -> bool:
    """Whether `signature` (hex) is `public`'s signature of `message`; any malformed
    key or signature is simply not authentic."""
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public))
        key.verify(bytes.fromhex(signature), message)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def coordinator_pair(db: sqlite_utils.Database) -> KeyPair:
    """The master's own key pair, made the first time the master needs it (a master
    made before keys existed gets one then). The caller holds no transaction."""
    row = db.execute("SELECT signing_key, coordinator_key, key_id FROM file_meta").fetchone()
    private, public, key_id = row
    if private and public and key_id:
        return KeyPair(key_id, private, public)
    pair = new_pair()
    with db.atomic():
        db.execute(
            "UPDATE file_meta SET signing_key = ?, coordinator_key = ?, key_id = ?"
            " WHERE role = 'master' AND signing_key IS NULL",
            [pair.private, pair.public, pair.key_id],
        )
    return coordinator_pair(db)


def record_department_key(
    db: sqlite_utils.Database, department_id: str, pair: KeyPair, issued_at: str
) -> None:
    """Make `pair` the department's current key (its public half), retiring the one
    before. Runs in the caller's transaction."""
    db.execute(
        "UPDATE department_keys SET retired_at = ? WHERE department_id = ? AND retired_at IS NULL",
        [issued_at, department_id],
    )
    db.execute(
        "INSERT INTO department_keys (key_id, department_id, public_key, issued_at)"
        " VALUES (?, ?, ?, ?)",
        [pair.key_id, department_id, pair.public, issued_at],
    )


def _keys(
    db: sqlite_utils.Database, where: str = "1", params: Sequence[str] = ()
) -> list[IssuedKey]:
    return [
        IssuedKey(*row)
        for row in db.execute(
            "SELECT key_id, department_id, public_key, issued_at, retired_at FROM department_keys"
            f" WHERE {where}",
            list(params),
        )
    ]


def issued_keys(db: sqlite_utils.Database) -> dict[str, IssuedKey]:
    """Every department key the master issued, current and retired, by key id."""
    return {k.key_id: k for k in _keys(db)}


def issued_key(db: sqlite_utils.Database, key_id: str) -> IssuedKey | None:
    return next(iter(_keys(db, "key_id = ?", [key_id])), None)


def current_key(db: sqlite_utils.Database, department_id: str) -> IssuedKey | None:
    return next(iter(_keys(db, "department_id = ? AND retired_at IS NULL", [department_id])), None)
