"""The domain declaration (``graph/domain/domain.yaml``) read into typed, checked data.

Everything that knows about kinds and relationship types derives from :data:`DOMAIN`:
the models in :mod:`graph.domain.models`, the sentences, the analyses' traversal sets, the
uniqueness constraints, Neo4j Browser's style and ``GET /schema``. ``KG_DOMAIN_FILE``
names another declaration (read once, at import), which is how a test extends the domain
without touching code.

Example:
    >>> DOMAIN.kinds["firm"].label
    'Firm'
    >>> sorted(DOMAIN.kinds_in(["party"]))[:3]
    ['agency', 'firm', 'government']
    >>> DOMAIN.relationships["SUPPLIES"].key
    'product'
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ValidationError

from graph.domain import names
from graph.domain.declaration_shape import Declaration

DEFAULT_FILE = Path(__file__).with_name("domain.yaml")
Direction = Literal["along", "against"]
#: The questions besides its neighbourhood an entity can be asked (see Domain.analyses_of).
Analysis = Literal["stances", "supply_chain", "exposure", "timeline"]

_KIND_NAME = re.compile(r"^[a-z][a-z_]{0,30}$")
_TYPE_NAME = re.compile(r"^[A-Z][A-Z_]{0,40}$")
_LABEL = re.compile(r"^[A-Z][A-Za-z]{0,40}$")
_FIELD_NAME = re.compile(r"^[a-z][a-z_]{0,40}$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
#: Names the service itself uses: no kind, group, field or qualifier may take them.
RESERVED_LABELS = frozenset(
    {"Entity", "Source", "Redirect", "SchemaVersion", "Revision", "SourceText", "Candidate"}
)
#: how a retraction is stored on an item, and the retracted sources whose claims it keeps
_RETRACTION = ("retracted_at", "retracted_by", "retraction_reason", "retracted_with",
               "retracted_with_source", "withdrawn_sources")  # fmt: skip
RESERVED_ENTITY_FIELDS = frozenset(
    {"id", "kind", "name", "aliases", "description", "external_ids", "sources", "source_ids",
     "wikidata", "ticker", "created_at", "updated_at", "attributes", "labels",
     "attribute_claims", "claims", "disputed", "choice", "name_keys", *_RETRACTION}
)  # fmt: skip
RESERVED_FACT_FIELDS = frozenset(
    {"id", "type", "from_id", "to_id", "key", "valid_from", "valid_to", "attestations",
     "confidence", "confidences", "source_ids", "evidence", "bases", "reasons", "sentence",
     "qualifiers", "basis", "reason", "selector", "selectors",
     "created_at", "updated_at", *_RETRACTION}
)  # fmt: skip
_PLACEHOLDER = re.compile(r"\{([a-z_]+)(?:\|([a-z]+))?\}")
SENTENCE_FILTERS = frozenset({"lcfirst"})


class DomainError(ValueError):
    """The declaration contradicts itself; the message names the place."""


@dataclass(frozen=True)
class FieldSpec:
    """An entity field or a qualifier: its type, and what else it needs."""

    name: str
    type: str
    values: tuple[str, ...] = ()
    required: bool = False
    description: str | None = None
    requires: str | None = None  # another field that must come with this one
    missing: str | None = None  # what to say when it comes without it


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    groups: tuple[str, ...]
    description: str
    colour: str
    shape: str
    fields: tuple[FieldSpec, ...] = ()
    exposed: bool = False  # listed by exposure questions
    timeline_date: str | None = None  # the field that dates it on timelines
    #: its Neo4j labels besides ``:Entity``: its groups' labels, then its own
    labels: tuple[str, ...] = ()
    #: words (folded) a text refers to one of its entities by, after naming it ("the
    #: talks", "this venture", "her"): the analysis of a new text reads them
    referred_as: tuple[str, ...] = ()


@dataclass(frozen=True)
class RelationshipType:
    name: str
    sources: frozenset[str]
    targets: frozenset[str]
    label: str
    reverse: str
    sentence: str
    key: str | None = None
    key_required: bool = False
    qualifiers: tuple[str, ...] = ()
    stance: bool = False
    supply_chain: Direction | None = None
    exposure: Direction | None = None
    #: words (folded, or their beginnings) a sentence stating such a fact tends to hold:
    #: the analysis of a new text ranks its candidate facts by them
    cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class Domain:
    groups: Mapping[str, Mapping[str, str]]
    kinds: Mapping[str, Kind]
    qualifiers: Mapping[str, FieldSpec]
    relationships: Mapping[str, RelationshipType]
    source: Path = field(default=DEFAULT_FILE)

    def kinds_in(self, names: Iterable[str] | str) -> frozenset[str]:
        """Kinds named directly or through their groups; ``"any"`` is every kind."""
        if names == "any":
            return frozenset(self.kinds)
        found: set[str] = set()
        for name in names:
            if name in self.kinds:
                found.add(name)
            elif name in self.groups:
                found |= {k for k, kind in self.kinds.items() if name in kind.groups}
            else:
                raise DomainError(f"{name!r} is neither a kind nor a group")
        return frozenset(found)

    def analyses_of(self, kind: str) -> list[Analysis]:
        """The questions an entity of ``kind`` can be asked besides its neighbourhood:
        ``stances`` (the target of a stance type), ``supply_chain`` (an end of a supply-chain
        type), ``exposure`` (where an exposure walk starts: the target of a type it follows
        backwards, the source of one it follows along), and ``timeline`` (every kind).
        A type that joins every kind at an end makes no kind part of a question by it.

        Example:
            >>> DOMAIN.analyses_of("proposal"), DOMAIN.analyses_of("firm")
            (['stances', 'timeline'], ['supply_chain', 'exposure', 'timeline'])
        """
        every = frozenset(self.kinds)

        def named(ends: frozenset[str]) -> bool:
            return kind in ends and ends != every

        rels = self.relationships.values()
        found: list[Analysis] = []
        if any(r.stance and named(r.targets) for r in rels):
            found.append("stances")
        if any(r.supply_chain and (named(r.sources) or named(r.targets)) for r in rels):
            found.append("supply_chain")
        if any(
            (r.exposure == "against" and named(r.targets))
            or (r.exposure == "along" and named(r.sources))
            for r in rels
        ):
            found.append("exposure")
        return [*found, "timeline"]

    def types_with(self, analysis: str, direction: str | bool = True) -> list[str]:
        """Relationship types taking part in an analysis (in declaration order)."""
        return [
            name for name, rel in self.relationships.items() if getattr(rel, analysis) == direction
        ]


def _field(name: str, spec: Mapping[str, Any], where: str, reserved: frozenset[str]) -> FieldSpec:
    if not _FIELD_NAME.match(name) or name in reserved:
        raise DomainError(
            f"{where}.{name}: not a usable field name (lower_snake_case, none of "
            f"{', '.join(sorted(reserved))})"
        )
    kind = spec["type"]
    values = tuple(spec["values"])
    if (kind == "enum") != bool(values) or len(set(values)) != len(values) or "" in values:
        raise DomainError(f"{where}.{name}: `values`, distinct and not empty, go with type enum")
    return FieldSpec(
        name=name,
        type=kind,
        values=values,
        required=bool(spec.get("required", False)),
        description=spec.get("description"),
        requires=spec.get("requires"),
        missing=spec.get("missing"),
    )


def _check_template(sentence: str, where: str) -> None:
    """Braces only around placeholders; brackets in pairs, not nested."""
    bare = _PLACEHOLDER.sub("", sentence)
    if "{" in bare or "}" in bare:
        raise DomainError(f"{where}: a brace outside a {{placeholder}}")
    depth = 0
    for char in bare:
        depth += {"[": 1, "]": -1}.get(char, 0)
        if depth not in (0, 1):
            raise DomainError(f"{where}: brackets come in pairs, not nested")
    if depth:
        raise DomainError(f"{where}: an unclosed bracket")


def _kind(name: str, spec: Mapping[str, Any], groups: Mapping[str, Any]) -> Kind:
    where = f"kinds.{name}"
    if not _KIND_NAME.match(name) or name == "any" or name in groups:
        raise DomainError(f"{where}: not a usable kind name (lower_snake_case, not a group)")
    if not _LABEL.match(str(spec.get("label", ""))):
        raise DomainError(f"{where}.label: a label is one CamelCase word")
    if not _COLOUR.match(str(spec.get("colour", ""))):
        raise DomainError(f"{where}.colour: a colour is #rrggbb")
    for group in spec["groups"]:
        if group not in groups:
            raise DomainError(f"{where}.groups: {group!r} is not a declared group")
    fields = tuple(
        _field(f, s, f"{where}.fields", RESERVED_ENTITY_FIELDS) for f, s in spec["fields"].items()
    )
    date = spec.get("timeline_date")
    if date is not None and date not in {f.name for f in fields if f.type == "date"}:
        raise DomainError(f"{where}.timeline_date: {date!r} is not one of its date fields")
    group_labels = tuple(groups[g]["label"] for g in spec["groups"] if "label" in groups[g])
    return Kind(
        name=name,
        label=spec["label"],
        labels=(*group_labels, spec["label"]),
        groups=tuple(spec.get("groups", ())),
        description=str(spec.get("description", "")),
        colour=spec["colour"],
        shape=str(spec.get("shape", "ellipse")),
        fields=fields,
        exposed=bool(spec.get("exposed", False)),
        timeline_date=date,
        referred_as=_one_words(spec.get("referred_as", ()), f"{where}.referred_as"),
    )


def _relationship(name: str, spec: Mapping[str, Any], domain: Domain) -> RelationshipType:
    where = f"relationships.{name}"
    if not _TYPE_NAME.match(name):
        raise DomainError(f"{where}: a type name is UPPER_SNAKE_CASE")
    qualifiers = tuple(spec.get("qualifiers", ()))
    for q in qualifiers:
        if q not in domain.qualifiers:
            raise DomainError(f"{where}.qualifiers: {q!r} is not a declared qualifier")
    key = spec.get("key")
    if key is not None and key not in qualifiers:
        raise DomainError(f"{where}.key: {key!r} is not one of its qualifiers")
    if key is not None and domain.qualifiers[key].type not in ("text", "enum"):
        raise DomainError(f"{where}.key: an identity qualifier is text or enum, not {key!r}")
    if spec["key_required"] and key is None:
        raise DomainError(f"{where}.key_required: needs a `key`")
    sentence = spec["sentence"]
    _check_template(sentence, f"{where}.sentence")
    for placeholder, flt in _PLACEHOLDER.findall(sentence):
        if placeholder not in {"from", "to", *qualifiers}:
            raise DomainError(f"{where}.sentence: {{{placeholder}}} is not one of its qualifiers")
        if flt and flt not in SENTENCE_FILTERS:
            raise DomainError(f"{where}.sentence: no filter {flt!r}")
    if "{from}" not in sentence or "{to}" not in sentence:
        raise DomainError(f"{where}.sentence: names both {{from}} and {{to}}")
    analyses = spec["analyses"]
    return RelationshipType(
        name=name,
        sources=domain.kinds_in(spec.get("from", ())),
        targets=domain.kinds_in(spec.get("to", ())),
        label=spec["label"] or name.lower().replace("_", " "),
        reverse=spec["reverse"],
        sentence=sentence,
        key=key,
        key_required=bool(spec.get("key_required", False)),
        qualifiers=qualifiers,
        stance=bool(analyses.get("stance", False)),
        supply_chain=analyses.get("supply_chain"),
        exposure=analyses.get("exposure"),
        cues=_one_words(spec.get("cues", ()), f"{where}.cues"),
    )


def _one_words(given: Iterable[str], where: str) -> tuple[str, ...]:
    """Words a declaration lists (cues, references), each one word, folded as names are."""
    found = []
    for cue in given:
        folded = names.words(cue)
        if len(folded) != 1:
            raise DomainError(f"{where}: {cue!r} is not one word")
        found.append(folded[0])
    return tuple(dict.fromkeys(found))


def _structure(data: Any) -> dict[str, Any]:
    """The declaration checked against its shape (:mod:`graph.domain.declaration_shape`), as plain data."""
    try:
        declaration = Declaration.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the declaration"
        raise DomainError(f"{where}: {first['msg']}") from None
    checked: dict[str, Any] = declaration.model_dump(by_alias=True)
    return checked


def _groups(data: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    groups = {name: {k: v for k, v in spec.items() if v is not None} for name, spec in data.items()}
    for name, spec in groups.items():
        if not _KIND_NAME.match(name) or name == "any":
            raise DomainError(f"groups.{name}: not a usable group name (lower_snake_case)")
        if "label" in spec and not _LABEL.match(spec["label"]):
            raise DomainError(f"groups.{name}.label: a label is one CamelCase word")
    return groups


def parse(data: Any, source: Path = DEFAULT_FILE) -> Domain:
    """Check a declaration and build the :class:`Domain`; :class:`DomainError` names a fault."""
    data = _structure(data)
    groups = _groups(data["groups"])
    kinds = {name: _kind(name, spec, groups) for name, spec in data["kinds"].items()}
    labels = [kind.label for kind in kinds.values()]
    labels += [g["label"] for g in groups.values() if "label" in g]
    if len(set(labels)) != len(labels) or set(labels) & RESERVED_LABELS:
        raise DomainError(
            "kinds: each kind and group needs a label of its own, none of "
            + ", ".join(sorted(RESERVED_LABELS))
        )
    qualifiers = {
        n: _field(n, s, "qualifiers", RESERVED_FACT_FIELDS) for n, s in data["qualifiers"].items()
    }
    for q in qualifiers.values():
        if q.requires is not None and q.requires not in qualifiers:
            raise DomainError(f"qualifiers.{q.name}.requires: {q.requires!r} is not a qualifier")
    domain = Domain(
        groups=groups, kinds=kinds, qualifiers=qualifiers, relationships={}, source=source
    )
    relationships = {
        name: _relationship(name, spec, domain) for name, spec in data["relationships"].items()
    }
    return Domain(groups, kinds, qualifiers, relationships, source)


class StrictLoader(yaml.SafeLoader):
    """YAML's loader, refusing a key written twice in one mapping (YAML keeps the last)."""


def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise DomainError(f"line {key_node.start_mark.line + 1}: {key!r} is declared twice")
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def load(path: Path | None = None) -> Domain:
    """Read a declaration: ``path``, else ``KG_DOMAIN_FILE``, else the packaged one."""
    path = path or Path(os.environ.get("KG_DOMAIN_FILE") or DEFAULT_FILE)
    try:
        return parse(yaml.load(path.read_text(encoding="utf-8"), Loader=StrictLoader), path)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, DomainError) as exc:
        raise DomainError(f"the domain declaration {path}: {exc}") from None


#: The domain this process serves.
DOMAIN = load()
