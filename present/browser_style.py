"""Neo4j Browser's style (``cypher/browser/style.grass``), generated from the domain: one
colour per kind, as the explorer page draws it, each node captioned by its name."""

from __future__ import annotations

from graph.domain import DOMAIN, Domain

_HEADER = """\
/* Neo4j Browser style for kg-service, generated from graph/domain/domain.yaml by `make domain`
   (do not edit): one colour per kind, as the explorer page draws it, captioned by name.
   Load it from the guide's first slide (a `:style` block with these rules), or drag
   this file onto the Browser's style panel. */
node { diameter: 50px; color: #A5ABB6; border-color: #9AA1AC; border-width: 2px; \
text-color-internal: #FFFFFF; font-size: 10px; caption: "{name}"; }
relationship { color: #A5ABB6; shaft-width: 1px; font-size: 8px; padding: 3px; \
text-color-external: #000000; text-color-internal: #FFFFFF; caption: "<type>"; }
"""
_SOURCE = (
    "node.Source { color: #ECB5C9; border-color: #DA7298; text-color-internal: #2A2C34; "
    'caption: "{title}"; }\n'
)


def darker(colour: str, by: float = 0.25) -> str:
    """A border colour: the fill, darkened.

    Example:
        >>> darker("#1f5fa8")
        '#17477E'
    """
    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c * (1 - by)):02X}" for c in channels)


def grass(domain: Domain = DOMAIN) -> str:
    """The style file's text for a domain."""
    rules = [
        f"node.{kind.label} {{ color: {kind.colour.upper()}; border-color: {darker(kind.colour)}; "
        f'text-color-internal: #FFFFFF; caption: "{{name}}"; }}\n'
        for kind in domain.kinds.values()
    ]
    return _HEADER + "".join(rules) + _SOURCE
