"""Reconciliation (the W3C Entity Reconciliation Community Group's protocol, version 0.2, as
OpenRefine speaks it): its types, properties and queries, and how candidates are scored.
Pure: no Neo4j (graph/interop/reconcile_reads.py asks the graph).

Types are the declared kinds. Properties are an entity's stored fields (its aliases, its
kind's own fields, its external ids) and its facts: ``LOCATED_IN`` is the entities a
candidate is located in, ``~LOCATED_IN`` the entities located in it.

Scores follow graph/domain/names.py's tiers, so an exact name or alias always outranks a prefix,
a prefix a token match, and a token match a fuzzy one; the properties a query names
reorder candidates within a tier only.

Example:
    >>> PROPERTIES["LOCATED_IN"].name, PROPERTIES["~HOLDS_ROLE"].name
    ('is located in', 'has as a member')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from graph.domain import DOMAIN, Domain, names

#: at most this many queries in one batch (the manifest's batchSize)
MAX_BATCH = 50
#: at most this many candidates for one query
MAX_LIMIT = 100
DEFAULT_LIMIT = 10
#: at most this many ids in one data extension query
MAX_EXTEND_IDS = 500
#: the score of each tier; properties add up to PROPERTY_WEIGHT within it
TIER_SCORES: dict[names.Tier, float] = {
    "exact": 100.0,
    "prefix": 80.0,
    "token": 60.0,
    "fuzzy": 40.0,
}
PROPERTY_WEIGHT = 19.0
EXTERNAL_IDS = ("wikidata", "ticker")

Text = Annotated[str, StringConstraints(min_length=1, max_length=500)]


# --- types and properties ------------------------------------------------------------------


@dataclass(frozen=True)
class Property:
    """What a query may match on and a data extension may fetch."""

    id: str
    name: str
    description: str
    kinds: frozenset[str]  # the kinds that have it
    value: Literal["text", "number", "entity"]
    rel_type: str | None = None
    outgoing: bool = True
    #: for an entity property: the kinds at the other end
    ends: frozenset[str] = frozenset()


def _field_properties(domain: Domain) -> dict[str, Property]:
    every = frozenset(domain.kinds)
    found = {
        "aliases": Property("aliases", "aliases", "other names it goes by", every, "text"),
        "description": Property("description", "description", "what it is", every, "text"),
        "wikidata": Property("wikidata", "Wikidata id", "its Wikidata item (Q…)", every, "text"),
        "ticker": Property("ticker", "ticker", "its stock ticker", every, "text"),
    }
    for kind in domain.kinds.values():
        for spec in kind.fields:
            value: Literal["text", "number"] = "number" if spec.type == "amount" else "text"
            known = found.get(spec.name)
            kinds = (known.kinds if known else frozenset()) | {kind.name}
            label = spec.name.replace("_", " ")
            found[spec.name] = Property(spec.name, label, spec.description or label, kinds, value)
    return found


def _fact_properties(domain: Domain) -> dict[str, Property]:
    found: dict[str, Property] = {}
    for name, rel in domain.relationships.items():
        found[name] = Property(
            name, rel.label, f"the entities it {rel.label}", rel.sources, "entity", name, True,
            rel.targets,
        )  # fmt: skip
        found[f"~{name}"] = Property(
            f"~{name}", rel.reverse, f"the entities that {rel.label} it", rel.targets, "entity",
            name, False, rel.sources,
        )  # fmt: skip
    return found


PROPERTIES: dict[str, Property] = {**_field_properties(DOMAIN), **_fact_properties(DOMAIN)}


def kind_type(kind: str) -> dict[str, str]:
    """A kind as a reconciliation type: ``{id, name}`` (a kind stored under another
    declaration is its own name)."""
    declared = DOMAIN.kinds.get(kind)
    return {"id": kind, "name": declared.label if declared else kind}


def types() -> list[dict[str, Any]]:
    """Every declared kind as a type, with its description and its groups as broader types."""
    return [
        {
            "id": kind.name,
            "name": kind.label,
            "description": kind.description,
            "broader": [
                {"id": g, "name": str(DOMAIN.groups[g].get("label") or g.capitalize())}
                for g in kind.groups
            ],
        }
        for kind in DOMAIN.kinds.values()
    ]


def properties_of(kind: str | None) -> list[Property]:
    """The properties an entity of ``kind`` can have (every property without one)."""
    return [p for p in PROPERTIES.values() if kind is None or kind in p.kinds]


def prefix_matches(prefix: str, *texts: str) -> bool:
    """Whether any of ``texts`` has a word starting with the prefix's words (case and accents
    aside); an empty prefix matches everything.

    Example:
        >>> prefix_matches("loc", "LOCATED_IN", "is located in"), prefix_matches("x", "firm")
        (True, False)
    """
    wanted = names.words(prefix)
    return all(any(w.startswith(p) for t in texts for w in names.words(t)) for p in wanted)


# --- queries -------------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EntityValue(BaseModel):
    """A property value that is another entity (a cell reconciled before)."""

    id: Text
    name: str | None = None


PropertyValue = Annotated[str, StringConstraints(max_length=500)] | float | bool | EntityValue


class PropertyFilter(_Strict):
    pid: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    v: PropertyValue | Annotated[list[PropertyValue], Field(max_length=50)]


class ReconQuery(_Strict):
    """One query of a batch: a name, and what else may sharpen the match."""

    query: Text | None = None
    type: (
        Annotated[str, StringConstraints(max_length=100)]
        | Annotated[list[Annotated[str, StringConstraints(max_length=100)]], Field(max_length=20)]
        | None
    ) = None
    limit: Annotated[int, Field(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT
    properties: Annotated[list[PropertyFilter], Field(max_length=20)] = []
    type_strict: Literal["any", "should", "all"] | None = None

    def kinds(self) -> list[str] | None:
        if not self.type:
            return None
        return [self.type] if isinstance(self.type, str) else list(self.type)


def query_problems(query: ReconQuery) -> list[tuple[tuple[str | int, ...], str]]:
    """What a well-formed query still gets wrong: an unknown type or property, or neither a
    name nor properties (each as a location inside the query, and why)."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    if query.query is None and not query.properties:
        problems.append((("query",), "a query needs `query` or `properties`"))
    for kind in query.kinds() or []:
        if kind not in DOMAIN.kinds:
            known = ", ".join(DOMAIN.kinds)
            problems.append((("type",), f"{kind!r} is not a type (one of {known})"))
    for i, prop in enumerate(query.properties):
        if prop.pid not in PROPERTIES:
            problems.append(
                (("properties", i, "pid"), f"{prop.pid!r} is not a property (see suggest/property)")
            )
    return problems


class ExtendProperty(_Strict):
    id: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    settings: dict[str, Any] = {}


class ExtendQuery(_Strict):
    ids: Annotated[
        list[Annotated[str, StringConstraints(min_length=1, max_length=200)]],
        Field(max_length=MAX_EXTEND_IDS),
    ]
    properties: Annotated[list[ExtendProperty], Field(min_length=1, max_length=50)]


def extend_problems(query: ExtendQuery) -> list[tuple[tuple[str | int, ...], str]]:
    problems: list[tuple[tuple[str | int, ...], str]] = []
    for i, prop in enumerate(query.properties):
        if prop.id not in PROPERTIES:
            problems.append((("properties", i, "id"), f"{prop.id!r} is not a property"))
        limit = prop.settings.get("limit", 0)
        if isinstance(limit, str) and limit.strip().isdigit():
            limit = int(limit)
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
            problems.append((("properties", i, "settings", "limit"), "a number, 0 or more"))
    return problems


def extend_limit(prop: ExtendProperty) -> int:
    limit = prop.settings.get("limit", 0)
    return int(limit) if str(limit).strip().isdigit() else 0


# --- candidates and scores -----------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """Another entity a candidate is joined to by a fact."""

    rel_type: str
    outgoing: bool
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = ""


@dataclass(frozen=True)
class Facets:
    """What property filters and data extension read of an entity."""

    props: Mapping[str, Any]
    links: tuple[Link, ...] = ()

    def values(self, prop: Property) -> list[Any]:
        """The entity's values of a property: texts and numbers, or linked entities."""
        if prop.value == "entity":
            return [
                link
                for link in self.links
                if link.rel_type == prop.rel_type and link.outgoing == prop.outgoing
            ]
        stored = self.props.get(prop.id)
        if stored is None or stored == "":
            return []
        return list(stored) if isinstance(stored, list) else [stored]


def _wanted(value: Any) -> tuple[str | None, str | None]:
    """A query's property value as (an id it names, a name it names)."""
    if isinstance(value, EntityValue):
        return value.id, value.name
    if isinstance(value, bool):
        return None, str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return None, str(int(value))
    return (value if isinstance(value, str) else None), str(value)


def value_matches(prop: Property, facets: Facets, value: Any) -> bool:
    """Whether a candidate has ``value`` for ``prop``: a linked entity by id, name or alias;
    a text ignoring case and accents (``aliases`` against every name it goes by)."""
    wanted_id, wanted_name = _wanted(value)
    key = names.name_key(wanted_name) if wanted_name else ""
    if prop.value == "entity":
        return any(
            link.id == wanted_id
            or (key and any(names.name_key(n) == key for n in (link.name, *link.aliases)))
            for link in facets.values(prop)
        )
    have = facets.values(prop)
    if prop.id == "aliases":
        have = [facets.props.get("name", ""), *have]
    return bool(key) and any(names.name_key(str(h)) == key for h in have)


def property_score(query: ReconQuery, facets: Facets | None) -> float:
    """The share of the query's property filters the candidate meets, 0 to 1."""
    if not query.properties:
        return 0.0
    if facets is None:
        return 0.0
    met = 0
    for prop_filter in query.properties:
        prop = PROPERTIES[prop_filter.pid]
        wanted = prop_filter.v if isinstance(prop_filter.v, list) else [prop_filter.v]
        if any(value_matches(prop, facets, v) for v in wanted):
            met += 1
    return met / len(query.properties)


@dataclass(frozen=True)
class Hit:
    """A candidate as search found it: ranked, with its tier."""

    id: str
    kind: str
    name: str
    description: str | None
    tier: names.Tier
    #: the query imitates its name with look-alike letters of another script (its tier is
    #: then "fuzzy", so it is never a match)
    lookalike: bool = False


def scored(
    query: ReconQuery, hits: Sequence[Hit], facets: Mapping[str, Facets]
) -> list[dict[str, Any]]:
    """The query's candidates, best first: score by tier plus the share of properties met;
    ``match`` for the one exact name or alias that no other candidate equals in score. A
    look-alike (the query spells its name with letters of another script) is never a
    match, and carries the feature ``lookalike``."""
    rows = []
    for position, hit in enumerate(hits):
        share = property_score(query, facets.get(hit.id))
        score = round(TIER_SCORES[hit.tier] + PROPERTY_WEIGHT * share, 2)
        rows.append((-score, position, hit, score))
    rows.sort(key=lambda row: (row[0], row[1]))
    best = [r for r in rows if r[2].tier == "exact"]
    unique = bool(best) and (len(best) == 1 or best[0][3] > best[1][3])
    out = []
    for i, (_, _, hit, score) in enumerate(rows[: query.limit]):
        candidate: dict[str, Any] = {
            "id": hit.id,
            "name": hit.name,
            "type": [kind_type(hit.kind)],
            "score": score,
            "match": unique and i == 0 and hit.tier == "exact",
            "features": [{"id": f"name_{hit.tier}", "value": True}],
        }
        if hit.lookalike:
            candidate["features"].append({"id": "lookalike", "value": True})
        if hit.description:
            candidate["description"] = hit.description
        out.append(candidate)
    return out


def link_types(queries: Iterable[ReconQuery]) -> list[str]:
    """The relationship types the queries' property filters follow."""
    found = {
        PROPERTIES[f.pid].rel_type
        for q in queries
        for f in q.properties
        if f.pid in PROPERTIES and PROPERTIES[f.pid].rel_type
    }
    return sorted(t for t in found if t)


# --- data extension ------------------------------------------------------------------------


def extend_meta(prop: Property) -> dict[str, Any]:
    """A fetched column's metadata: the property, and the type of its entities if one."""
    meta: dict[str, Any] = {"id": prop.id, "name": prop.name}
    if prop.value == "entity" and len(prop.ends) == 1:
        meta["type"] = kind_type(next(iter(prop.ends)))
    return meta


def extend_values(prop: Property, facets: Facets | None, limit: int = 0) -> list[dict[str, Any]]:
    """An entity's values of a property as data extension cells: ``{str}``, ``{float}``, or
    ``{id, name}`` for an entity (by name, then id); ``limit`` > 0 keeps the first ones."""
    if facets is None:
        return []
    cells: list[dict[str, Any]]
    if prop.value == "entity":
        links = sorted(facets.values(prop), key=lambda link: (link.name, link.id))
        cells = [{"id": link.id, "name": link.name} for link in links]
    elif prop.value == "number":
        cells = [{"float": float(v)} for v in facets.values(prop)]
    else:
        cells = [{"str": str(v)} for v in facets.values(prop)]
    unique = list({repr(sorted(c.items())): c for c in cells}.values())
    return unique[:limit] if limit > 0 else unique
