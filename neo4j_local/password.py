"""The local server's password: generated once per install, and remembered by the store.

``make run`` needs no password from anyone: the first start writes a random one to
``<NEO4J_LOCAL_DIR>/password`` (owner-only), and the service's settings read it from
there. ``NEO4J_PASSWORD`` still wins when set.

Neo4j takes an initial password only for a new store and ignores it afterwards, so the
store keeps a salted hash of the password it was given (inside ``data/``, so deleting
the data deletes it too). A later start with another password is refused in one line
instead of ending in an authentication error further on.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import urllib.error
import urllib.request
from pathlib import Path

from neo4j_local.errors import ProvisioningError

#: The password every install shared before they were generated; stores made then are
#: moved to the generated one on their next start.
FORMER_DEFAULT = "kg-local-dev"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def password_file(home: Path) -> Path:
    return home / "password"


def local_password_file() -> Path:
    """Where ``make run``'s server keeps its password; relative to the current directory
    (the repository root, where every make target and command runs) unless
    ``NEO4J_LOCAL_DIR`` is absolute."""
    return password_file(Path(os.environ.get("NEO4J_LOCAL_DIR", ".neo4j")))


def generated_password(home: Path) -> str:
    """The install's password, created on first use in a file only its owner may read."""
    path = password_file(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    # never a leading "-", which a command line would read as an option
    password = "k" + secrets.token_urlsafe(24)
    with os.fdopen(fd, "w") as out:
        out.write(password + "\n")
    return password


class PasswordRecord:
    """A salted hash of the password a store was initialised with; never the password."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / "kg-initial-password.json"

    def exists(self) -> bool:
        return self.path.exists()

    def write(self, password: str) -> None:
        salt = secrets.token_bytes(16)
        record = {"scrypt": _SCRYPT, "salt": salt.hex(), "hash": _hash(password, salt, _SCRYPT)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.unlink(missing_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            json.dump(record, out)

    def matches(self, password: str) -> bool:
        record = json.loads(self.path.read_text())
        digest = _hash(password, bytes.fromhex(record["salt"]), record["scrypt"])
        return hmac.compare_digest(digest, record["hash"])


def _hash(password: str, salt: bytes, params: dict[str, int]) -> str:
    return hashlib.scrypt(password.encode(), salt=salt, dklen=32, **params).hex()


def system_query(http_port: int, password: str, statement: str, **params: str) -> bool:
    """Run one statement on the system database as ``neo4j``; False when the password is
    refused. Over HTTP, so the launcher needs no driver."""
    body = json.dumps({"statements": [{"statement": statement, "parameters": params}]})
    token = base64.b64encode(f"neo4j:{password}".encode()).decode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{http_port}/db/system/tx/commit",
        data=body.encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Basic {token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as resp:
            errors = json.loads(resp.read())["errors"]
    except urllib.error.HTTPError as exc:
        if exc.code == 401:
            return False
        raise ProvisioningError(f"Neo4j answered {exc.code} to {statement!r}") from exc
    if errors:
        raise ProvisioningError(f"Neo4j refused {statement!r}: {errors[0]['message']}")
    return True
