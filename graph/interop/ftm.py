"""The FollowTheMoney mapping (``graph/interop/ftm.yaml``) read into typed, checked data, and the
pure functions that turn stored entities and facts into FtM entities (plain dicts: the
``followthemoney`` library is needed only to check them, in the tests).

Example:
    >>> FTM.kinds["firm"].schema
    'Company'
    >>> FTM.rule("INVESTS_IN", "government", "firm").schema
    'Payment'
    >>> FTM.rule("INVESTS_IN", "firm", "location").schema
    'UnknownLink'
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from graph.domain import DOMAIN, Domain, DomainError, StrictLoader

DEFAULT_FILE = Path(__file__).with_name("ftm.yaml")
#: FtM's schema and property names: CamelCase words (checked against FtM by the tests)
_FTM_NAME = re.compile(r"^[A-Za-z][A-Za-z]{0,60}$")
#: the external ids every entity may store besides its kind's own fields
EXTERNAL_IDS = frozenset({"wikidata", "ticker"})
#: the common entity fields ``entity:`` may map
COMMON_FIELDS = frozenset({"name", "aliases", "description"})


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class KindDecl(_Section):
    schema_: str = Field(alias="schema")
    properties: dict[str, str] = {}


class RuleDecl(_Section):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)

    schema_: str = Field(alias="schema")
    from_: str = Field(alias="from")
    to: str
    from_kinds: list[str] | None = None
    to_kinds: list[str] | None = None
    label: str | None = None
    qualifiers: dict[str, str] = {}


class MappingDecl(_Section):
    entity: dict[str, str] = {}
    kinds: dict[str, KindDecl] = {}
    relationships: dict[str, list[RuleDecl]] = {}


@dataclass(frozen=True)
class KindMap:
    schema: str
    properties: Mapping[str, str]


@dataclass(frozen=True)
class Rule:
    """How a fact reads in FtM: its interval schema, its ends' properties, and where its
    label and qualifiers go."""

    schema: str
    source: str
    target: str
    from_kinds: frozenset[str] | None = None
    to_kinds: frozenset[str] | None = None
    label: str | None = None
    qualifiers: Mapping[str, str] = field(default_factory=dict)

    def fits(self, from_kind: str, to_kind: str) -> bool:
        return (self.from_kinds is None or from_kind in self.from_kinds) and (
            self.to_kinds is None or to_kind in self.to_kinds
        )


#: what a fact with no rule that fits its ends is
UNKNOWN_LINK = Rule(schema="UnknownLink", source="subject", target="object", label="role")
#: what an entity of a kind the mapping does not name is (stored under another declaration)
FALLBACK_KIND = KindMap(schema="LegalEntity", properties={})


@dataclass(frozen=True)
class Mapping_:
    entity: Mapping[str, str]
    kinds: Mapping[str, KindMap]
    relationships: Mapping[str, tuple[Rule, ...]]

    def kind(self, kind: str) -> KindMap:
        return self.kinds.get(kind, FALLBACK_KIND)

    def rule(self, rel_type: str, from_kind: str, to_kind: str) -> Rule:
        """The first rule of ``rel_type`` that fits its ends' kinds, else UnknownLink."""
        for rule in self.relationships.get(rel_type, ()):
            if rule.fits(from_kind, to_kind):
                return rule
        return UNKNOWN_LINK


def _name(value: str, where: str) -> str:
    if not _FTM_NAME.match(value):
        raise DomainError(f"{where}: {value!r} is not an FtM schema or property name")
    return value


def _kind_map(name: str, decl: KindDecl, domain: Domain) -> KindMap:
    where = f"kinds.{name}"
    if name not in domain.kinds:
        raise DomainError(f"{where}: not a kind of the domain")
    own = {f.name for f in domain.kinds[name].fields} | EXTERNAL_IDS
    for stored, prop in decl.properties.items():
        if stored not in own:
            raise DomainError(f"{where}.properties.{stored}: not a field of a {name}")
        _name(prop, f"{where}.properties.{stored}")
    return KindMap(_name(decl.schema_, f"{where}.schema"), dict(decl.properties))


def _kinds(names: list[str] | None, allowed: frozenset[str], where: str) -> frozenset[str] | None:
    if names is None:
        return None
    for name in names:
        if name not in allowed:
            raise DomainError(f"{where}: {name!r} is not a kind this type joins there")
    return frozenset(names)


def _rule(rel_type: str, index: int, decl: RuleDecl, domain: Domain) -> Rule:
    where = f"relationships.{rel_type}.{index}"
    declared = domain.relationships.get(rel_type)
    if declared is None:
        raise DomainError(f"relationships.{rel_type}: not a relationship type of the domain")
    for qualifier, prop in decl.qualifiers.items():
        if qualifier not in declared.qualifiers:
            raise DomainError(f"{where}.qualifiers.{qualifier}: {rel_type} has no such qualifier")
        _name(prop, f"{where}.qualifiers.{qualifier}")
    if decl.from_ == decl.to:
        raise DomainError(f"{where}: `from` and `to` name two different properties")
    return Rule(
        schema=_name(decl.schema_, f"{where}.schema"),
        source=_name(decl.from_, f"{where}.from"),
        target=_name(decl.to, f"{where}.to"),
        from_kinds=_kinds(decl.from_kinds, declared.sources, f"{where}.from_kinds"),
        to_kinds=_kinds(decl.to_kinds, declared.targets, f"{where}.to_kinds"),
        label=None if decl.label is None else _name(decl.label, f"{where}.label"),
        qualifiers=dict(decl.qualifiers),
    )


def parse(data: Any, domain: Domain = DOMAIN) -> Mapping_:
    """Check a mapping against its shape, then against ``domain``; DomainError names a fault."""
    try:
        decl = MappingDecl.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the mapping"
        raise DomainError(f"{where}: {first['msg']}") from None
    for stored, prop in decl.entity.items():
        if stored not in COMMON_FIELDS:
            raise DomainError(f"entity.{stored}: one of {', '.join(sorted(COMMON_FIELDS))}")
        _name(prop, f"entity.{stored}")
    return Mapping_(
        entity=dict(decl.entity),
        kinds={name: _kind_map(name, k, domain) for name, k in decl.kinds.items()},
        relationships={
            t: tuple(_rule(t, i, r, domain) for i, r in enumerate(rules))
            for t, rules in decl.relationships.items()
        },
    )


def load(path: Path = DEFAULT_FILE, domain: Domain = DOMAIN) -> Mapping_:
    try:
        return parse(yaml.load(path.read_text(encoding="utf-8"), Loader=StrictLoader), domain)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, DomainError) as exc:
        raise DomainError(f"the FtM mapping {path}: {exc}") from None


# --- stored items as FtM entities (pure) -------------------------------------------------


def fact_id(rel_id: str) -> str:
    """An FtM id for a fact: FtM ids are letters, digits, dots and dashes, and a fact's id
    holds ``|`` and spaces. The dot keeps it apart from every entity's slug.

    Example:
        >>> fact_id("tsmc|INVESTS_IN|arizona")[:10]
        'fact.9f8b4'
    """
    return "fact." + hashlib.sha1(rel_id.encode("utf-8")).hexdigest()


def ftm_text(value: Any) -> str:
    """A stored value as FtM's text: numbers without a needless ``.0``.

    Example:
        >>> ftm_text(165000000000.0), ftm_text(0.5), ftm_text("USD")
        ('165000000000', '0.5', 'USD')
    """
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


class Properties:
    """FtM's multi-valued properties, each value once, in the order first given."""

    def __init__(self) -> None:
        self.values: dict[str, list[str]] = {}

    def add(self, prop: str, values: Iterable[Any] | Any) -> None:
        items = values if isinstance(values, list | tuple) else [values]
        for value in items:
            text = ftm_text(value) if value is not None else ""
            if text and text not in self.values.setdefault(prop, []):
                self.values[prop].append(text)

    def add_sources(
        self, source_ids: Iterable[str], sources: Mapping[str, Mapping[str, Any]]
    ) -> None:
        for source_id in source_ids:
            source = sources.get(source_id, {})
            self.add("sourceUrl", source.get("url"))
            self.add("publisher", source.get("publisher"))
            self.add("retrievedAt", source.get("retrieved"))

    def done(self) -> dict[str, list[str]]:
        return {k: v for k, v in self.values.items() if v}


def entity_to_ftm(
    props: Mapping[str, Any], sources: Mapping[str, Mapping[str, Any]], mapping: Mapping_
) -> dict[str, Any]:
    """A stored entity (its properties) as an FtM entity."""
    kind = mapping.kind(str(props.get("kind", "")))
    out = Properties()
    for stored, prop in mapping.entity.items():
        out.add(prop, props.get(stored))
    for stored, prop in kind.properties.items():
        out.add(prop, props.get(stored))
    out.add_sources(props.get("source_ids", []), sources)
    return {"id": props["id"], "schema": kind.schema, "properties": out.done()}


def fact_to_ftm(
    row: Mapping[str, Any],
    kinds: tuple[str, str],
    sentence: str,
    label: str,
    sources: Mapping[str, Mapping[str, Any]],
    mapping: Mapping_,
) -> dict[str, Any]:
    """A stored fact (an export row: id, type, from_id, to_id, props) as an FtM interval."""
    props = row["props"]
    rule = mapping.rule(row["type"], *kinds)
    out = Properties()
    out.add(rule.source, row["from_id"])
    out.add(rule.target, row["to_id"])
    if rule.label:
        out.add(rule.label, label)
    for qualifier, prop in rule.qualifiers.items():
        out.add(prop, props.get(qualifier))
    out.add("description", sentence)
    out.add("summary", list(props.get("evidence", [])))
    out.add("startDate", props.get("valid_from"))
    out.add("endDate", props.get("valid_to"))
    out.add("recordId", row["id"])
    out.add_sources(props.get("source_ids", []), sources)
    return {"id": fact_id(row["id"]), "schema": rule.schema, "properties": out.done()}


#: The mapping this process exports with.
FTM = load()
