"""Docstring examples of the pure modules run as written, and every domain error the graph
layer can raise has an HTTP status (a missing one would be a 500)."""

from __future__ import annotations

import doctest
import importlib

import pytest

from api.errors import http_status
from graph.errors import GraphError

PURE_MODULES = [
    "graph.domain.values",
    "graph.domain.declaration",
    "graph.domain.sentences",
    "graph.domain.models",
    "graph.errors",
    "graph.writes.check",
    "graph.writes.plan",
    "graph.writes.bulk_rows",
    "graph.store.schema",
    "present.browser_style",
    "graph.items.entities",
    "graph.interop.export",
    "api.errors",
    "api.keys",
    "api.limits",
    "api.bodies",
    "api.params",
]


@pytest.mark.parametrize("name", PURE_MODULES)
def test_docstring_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} docstring example(s) in {name} fail"


def _subclasses(cls: type) -> list[type]:
    return [c for sub in cls.__subclasses__() for c in (sub, *_subclasses(sub))]


def test_every_domain_error_has_an_http_status() -> None:
    import graph.interop.seeding  # noqa: F401  (its errors join the family when imported)

    for cls in _subclasses(GraphError):  # the base itself is never raised
        status, slug, title = http_status(cls.__new__(cls))
        assert 400 <= status < 600 and slug and title, cls
