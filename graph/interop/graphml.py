"""GraphML for the export: labels and types as properties, every key declared before the
graph, list properties marked as APOC marks them."""

from __future__ import annotations

import json
import tempfile
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

if TYPE_CHECKING:
    from graph.interop.export_read import Item

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"


def _graphml_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _graphml_text(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class _GraphMLKeys:
    """One ``<key>`` per (domain, property name), typed by its first value. A list is a
    JSON array in a string, its key marked ``attr.list`` with the element type (as APOC
    marks it), so a reader can tell ``["a"]`` from the text "[a]"."""

    def __init__(self) -> None:
        self.keys: dict[tuple[str, str], str] = {}
        self.declarations: list[str] = []

    def key(self, domain: str, name: str, value: Any) -> str:
        if (domain, name) not in self.keys:
            key_id = f"{domain[0]}_{name}"
            self.keys[(domain, name)] = key_id
            extra = ""
            if isinstance(value, list):
                element = _graphml_type(value[0]) if value else "string"
                extra = f" attr.list={quoteattr(element)}"
                kind = "string"
            else:
                kind = _graphml_type(value)
            self.declarations.append(
                f"<key id={quoteattr(key_id)} for={quoteattr(domain)} "
                f"attr.name={quoteattr(name)} attr.type={quoteattr(kind)}{extra}/>"
            )
        return self.keys[(domain, name)]

    def data(self, domain: str, props: dict[str, Any]) -> str:
        return "".join(
            f"<data key={quoteattr(self.key(domain, name, value))}>"
            # a bare CR would come back as LF: XML parsers normalise line ends
            f"{escape(_graphml_text(value), {chr(13): '&#13;'})}</data>"
            for name, value in sorted(props.items())
        )


async def to_graphml(items: AsyncIterator[Item]) -> AsyncIterator[str]:
    """GraphML with labels and types as ``labels`` and ``type`` properties; sources and
    merged ids are nodes ``source:<id>`` and ``redirect:<id>`` labelled ``Source`` and
    ``Redirect``.

    GraphML declares every key before the graph, and which keys there are is known only at
    the end: the body is spooled to a temporary file (disk past 8 MiB) while keys are
    collected, so memory stays bounded.
    """
    keys = _GraphMLKeys()
    with tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+", encoding="utf-8") as body:
        async for what, row in items:
            if what == "edge":
                body.write(
                    f"<edge id={quoteattr(row['id'])} source={quoteattr(row['from_id'])} "
                    f"target={quoteattr(row['to_id'])}>"
                    + keys.data("edge", {"type": row["type"], **row["props"]})
                    + "</edge>\n"
                )
                continue
            node_id, labels = (
                (row["id"], sorted(row["labels"]))
                if what == "node"
                else (f"{what}:{row['id']}", [what.capitalize()])
            )
            props = {"labels": json.dumps(labels), **row["props"]}
            body.write(f"<node id={quoteattr(node_id)}>" + keys.data("node", props) + "</node>\n")
        yield "<?xml version='1.0' encoding='utf-8'?>\n"
        yield f"<graphml xmlns={quoteattr(GRAPHML_NS)}>\n" + "\n".join(keys.declarations)
        yield '\n<graph id="kg" edgedefault="directed">\n'
        body.seek(0)
        while chunk := body.read(1 << 16):
            yield chunk
        yield "</graph></graphml>\n"
