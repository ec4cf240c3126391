"""Facts read as sentences, from the templates the domain declares for each type.

A template names the ends as ``{from}`` and ``{to}`` and qualifiers by name; a part in
``[brackets]`` is left out unless every qualifier it names has a value (see
``graph/domain/domain.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from graph.domain.declaration import DOMAIN, Domain

_PART = re.compile(r"\[([^\[\]]*)\]|([^\[\]]+)")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)(?:\|([a-z]+))?\}")


def amount_words(value: float) -> str:
    """A large amount the way a newspaper writes it.

    Example:
        >>> amount_words(165e9), amount_words(2_500_000), amount_words(12.5)
        ('165 billion', '2.5 million', '12.50')
    """
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"{value / size:,.3g} {word}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def _text(name: str, value: Any, flt: str | None, domain: Domain) -> str:
    spec = None if name in ("from", "to") else domain.qualifiers.get(name)
    text = amount_words(value) if spec is not None and spec.type == "amount" else str(value)
    if flt == "lcfirst" and text:
        text = text[0].lower() + text[1:]
    return text


def sentence(rel_type: str, a: str, b: str, q: Mapping[str, Any], domain: Domain = DOMAIN) -> str:
    """A fact read as a sentence, with its qualifiers.

    Example:
        >>> sentence("INVESTS_IN", "TSMC", "Arizona", {"amount": 165e9, "currency": "USD"})
        'TSMC invests 165 billion USD in Arizona'
        >>> sentence("NEGOTIATES_WITH", "Taiwan", "the U.S.", {"purpose": "Tariffs"})
        'Taiwan negotiates with the U.S. on tariffs'
    """
    values = {**{k: v for k, v in q.items() if v is not None and v != ""}, "from": a, "to": b}

    def fill(part: str) -> str | None:
        names = _PLACEHOLDER.findall(part)
        if any(name not in values for name, _ in names):
            return None
        return _PLACEHOLDER.sub(
            lambda m: _text(m[1], values[m[1]], m[2], domain),
            part,
        )

    declared = domain.relationships.get(rel_type)
    if declared is None:  # stored under another declaration: read the type as words
        return f"{a} {rel_type.lower().replace('_', ' ')} {b}"
    out = []
    for optional, fixed in _PART.findall(declared.sentence):
        filled = fill(optional or fixed)
        if filled is None and not optional:
            # a required qualifier missing from a stored fact: say so rather than fail
            filled = _PLACEHOLDER.sub(lambda m: str(values.get(m[1], f"(no {m[1]})")), fixed)
        out.append(filled or "")
    return "".join(out)
