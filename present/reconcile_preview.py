"""An entity as a small HTML card, for OpenRefine's preview pane (an iframe): its name,
kind, aliases, description and how many facts of each type it has. Every stored text is
escaped; the page loads nothing."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from graph.domain import DOMAIN
from graph.records import EntityPublic

_STYLE = (
    "body{font:14px/1.4 system-ui,sans-serif;margin:8px;color:#222}"
    "h1{font-size:16px;margin:0 0 4px}p{margin:4px 0}.kind{color:#555}"
    "ul{margin:4px 0;padding-left:18px}"
)


def _facts(summary: Sequence[dict[str, Any]]) -> str:
    items = []
    for row in summary[:8]:
        declared = DOMAIN.relationships.get(row["type"])
        label = (
            row["type"]
            if declared is None
            else (declared.label if row["direction"] == "out" else declared.reverse)
        )
        items.append(f"<li>{escape(label)}: {int(row['count'])}</li>")
    return f"<ul>{''.join(items)}</ul>" if items else ""


def preview_html(entity: EntityPublic, summary: Sequence[dict[str, Any]]) -> str:
    """The card's HTML document.

    Example:
        >>> from graph.records import entity_public_model
        >>> firm = entity_public_model("firm")(id="x", kind="firm", name="<b>X</b>")
        >>> "&lt;b&gt;X&lt;/b&gt;" in preview_html(firm, [])
        True
    """
    kind = DOMAIN.kinds.get(entity.kind)
    aliases = f"<p>Also: {escape(', '.join(entity.aliases))}</p>" if entity.aliases else ""
    description = f"<p>{escape(entity.description)}</p>" if entity.description else ""
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{escape(entity.name)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{escape(entity.name)}</h1>"
        f"<p class='kind'>{escape(kind.label if kind else entity.kind)} · {escape(entity.id)}</p>"
        f"{aliases}{description}{_facts(summary)}</body></html>"
    )
