"""How a source's claim is written down: its values as one canonical string, and the
ranks a claim may carry. The write path, the stored lists of a fact's attestations and
the choice among claims all read and write claims through these, so two spellings of
one claim never count as two.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

#: the ranks a claim may be given, best first (as Wikidata ranks statements)
RANK_ORDER: dict[str, int] = {"preferred": 0, "normal": 1, "deprecated": 2}
#: the fields a claim can state besides the qualifiers
DATES = ("valid_from", "valid_to")
#: canonical JSON (what ``json.dumps`` gives with these options), one encoder for every
#: call: ``json.dumps`` builds a new encoder on each call given options
CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def claim_key(values: Mapping[str, Any]) -> str:
    """A claim's values as one canonical string (how they are stored and grouped).

    Example:
        >>> claim_key({"currency": "USD", "amount": 100, "role": None})
        '{"amount":100,"currency":"USD"}'
    """
    stated = {k: v for k, v in values.items() if v is not None}
    return CANONICAL.encode(stated)


def parse_claim(stored: str) -> dict[str, Any]:
    """A stored claim's values (the inverse of :func:`claim_key`).

    Example:
        >>> parse_claim('{"amount":100}')
        {'amount': 100}
    """
    values = json.loads(stored) if stored else {}
    return values if isinstance(values, dict) else {}
