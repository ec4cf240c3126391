"""Graph answers (a neighbourhood, a path) that turn into networkx graphs.

networkx is an optional extra: ``pip install 'kg-client[networkx]'``. It is imported only
when :meth:`GraphView.to_networkx` (or :func:`to_networkx`) is called.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from kg_client import models

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["GraphView", "PathView", "to_networkx"]


def _networkx() -> Any:
    try:
        return importlib.import_module("networkx")
    except ImportError as exc:
        raise ImportError(
            "to_networkx() needs networkx: pip install 'kg-client[networkx]'"
        ) from exc


def to_networkx(
    answers: GraphView | PathView | Iterable[GraphView | PathView],
) -> nx.MultiDiGraph[str]:
    """One ``networkx.MultiDiGraph`` from graph answers (several are merged).

    Nodes are entity ids, with the node's other fields as attributes (``kind``, ``name``,
    ``distance``…). Edges run from a fact's source to its target, keyed by the fact's id
    (two facts may join the same pair), with the fact's fields as attributes (``type``,
    ``sentence``, ``confidence``, ``qualifiers``, ``attestations``…).

    Example:
        >>> view = GraphView.model_validate({
        ...     "nodes": [{"id": "tsmc", "kind": "firm", "name": "TSMC"},
        ...               {"id": "taiwan", "kind": "location", "name": "Taiwan"}],
        ...     "edges": [{"id": "tsmc|LOCATED_IN|taiwan", "type": "LOCATED_IN",
        ...                "from_id": "tsmc", "to_id": "taiwan", "confidence": 0.9,
        ...                "sentence": "TSMC is located in Taiwan."}]})
        >>> g = view.to_networkx()
        >>> g.nodes["tsmc"]["kind"], list(g.edges(keys=True))
        ('firm', [('tsmc', 'taiwan', 'tsmc|LOCATED_IN|taiwan')])
    """
    nx_module = _networkx()
    graph: nx.MultiDiGraph[str] = nx_module.MultiDiGraph()
    items = [answers] if isinstance(answers, GraphView | PathView) else list(answers)
    for answer in items:
        for node in answer.nodes:
            attrs = node.model_dump(mode="json", exclude={"id"})
            graph.add_node(node.id, **attrs)
        for edge in answer.edges:
            attrs = edge.model_dump(mode="json", exclude={"id", "from_id", "to_id"})
            graph.add_edge(edge.from_id, edge.to_id, key=edge.id, id=edge.id, **attrs)
    return graph


class GraphView(models.GraphView):
    """A neighbourhood: nodes and edges, ready for a graph view or for networkx."""

    def to_networkx(self) -> nx.MultiDiGraph[str]:
        """This answer as a ``networkx.MultiDiGraph`` (see :func:`to_networkx`)."""
        return to_networkx(self)


class PathView(models.PathView):
    """One path, hop by hop, with every hop's sources."""

    def to_networkx(self) -> nx.MultiDiGraph[str]:
        """This path as a ``networkx.MultiDiGraph`` (see :func:`to_networkx`)."""
        return to_networkx(self)
