"""API keys as the service knows them: SHA-256 digests, compared in constant time.

Shared by the access checks on routes and by the rate limiter, which buckets a request by
its key only once the key is known to be valid.
"""

from __future__ import annotations

import hashlib
import hmac


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def key_is_valid(digest: str, digests: list[str]) -> bool:
    """Whether ``digest`` is configured; every digest is compared, so timing tells nothing.

    Example:
        >>> key_is_valid(key_digest("k"), [key_digest("other"), key_digest("k")])
        True
    """
    return any([hmac.compare_digest(digest, d) for d in digests])


def bearer_token(header: bytes | str) -> str | None:
    """The token of an ``Authorization: Bearer TOKEN`` header, or None.

    Example:
        >>> bearer_token(b"Bearer abc"), bearer_token(b"Basic abc")
        ('abc', None)
    """
    text = header.decode("latin-1") if isinstance(header, bytes) else header
    scheme, _, token = text.partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None
