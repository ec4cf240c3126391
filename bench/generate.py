"""A synthetic supply-chain graph of the project's own kinds, deterministic from a seed.

Sizes are given in relationships; entity counts scale with them. Every entity cites a
source and every relationship carries an attestation, as real data does.
"""

from __future__ import annotations

import random
from typing import Any

PRODUCTS = [
    "wafers",
    "chips",
    "masks",
    "photoresist",
    "gases",
    "substrates",
    "packaging",
    "lithography tools",
    "silicon",
    "rare earths",
]


def generate(relationships: int, seed: int = 7) -> dict[str, list[dict[str, Any]]]:
    """About ``relationships`` facts among firms, facilities, places, actors and proposals.

    Example:
        >>> g = generate(1000)
        >>> len(g["relationships"]), g == generate(1000)
        (1000, True)
    """
    rng = random.Random(seed)
    n_firms = max(20, relationships // 8)
    n_facilities = max(10, relationships // 20)
    n_countries, n_states = 20, max(20, relationships // 200)
    n_people, n_governments = max(10, relationships // 100), 20
    n_proposals = max(10, relationships // 100)
    n_sources = max(5, relationships // 2000)

    sources = [{"id": f"src-{i}", "title": f"Synthetic report {i}"} for i in range(n_sources)]

    def cite() -> list[str]:
        return [f"src-{rng.randrange(n_sources)}"]

    entities: list[dict[str, Any]] = []
    entities += [
        {
            "id": f"country-{i}",
            "kind": "location",
            "location_type": "country",
            "name": f"Country {i}",
            "sources": cite(),
        }
        for i in range(n_countries)
    ]
    entities += [
        {
            "id": f"state-{i}",
            "kind": "location",
            "location_type": "state",
            "name": f"State {i}",
            "sources": cite(),
        }
        for i in range(n_states)
    ]
    entities += [
        {
            "id": f"firm-{i}",
            "kind": "firm",
            "name": f"Firm {i} {rng.choice(PRODUCTS)}",
            "sector": "semiconductors",
            "sources": cite(),
        }
        for i in range(n_firms)
    ]
    entities += [
        {"id": f"fab-{i}", "kind": "facility", "name": f"Facility {i}", "sources": cite()}
        for i in range(n_facilities)
    ]
    entities += [
        {"id": f"gov-{i}", "kind": "government", "name": f"Government {i}", "sources": cite()}
        for i in range(n_governments)
    ]
    entities += [
        {"id": f"person-{i}", "kind": "person", "name": f"Person {i}", "sources": cite()}
        for i in range(n_people)
    ]
    entities += [
        {
            "id": f"proposal-{i}",
            "kind": "proposal",
            "proposal_type": "policy_proposal",
            "status": rng.choice(["proposed", "rejected", "adopted"]),
            "name": f"Proposal {i}",
            "sources": cite(),
        }
        for i in range(n_proposals)
    ]

    rels: dict[str, dict[str, Any]] = {}

    def add(rel_type: str, a: str, b: str, **qualifiers: Any) -> None:
        key = qualifiers.get("product") or qualifiers.get("role") or ""
        rel_id = f"{a}|{rel_type}|{b}|{key}"
        if a != b and rel_id not in rels:
            rels[rel_id] = {
                "type": rel_type,
                "from_id": a,
                "to_id": b,
                **qualifiers,
                "attestations": [
                    {
                        "source": cite()[0],
                        "evidence": "synthetic",
                        "confidence": round(rng.uniform(0.5, 1), 2),
                    }
                ],
            }

    for i in range(n_states):
        add("LOCATED_IN", f"state-{i}", f"country-{i % n_countries}")
    for i in range(n_facilities):
        add("LOCATED_IN", f"fab-{i}", f"state-{rng.randrange(n_states)}")
        add("OPERATES", f"firm-{rng.randrange(n_firms)}", f"fab-{i}")
    while len(rels) < relationships:
        roll = rng.random()
        if roll < 0.55:  # supply links mostly flow from lower-numbered tiers to higher ones
            a = rng.randrange(n_firms - 1)
            add(
                "SUPPLIES",
                f"firm-{a}",
                f"firm-{rng.randrange(a + 1, n_firms)}",
                product=rng.choice(PRODUCTS),
            )
        elif roll < 0.70:
            add(
                "INVESTS_IN",
                f"firm-{rng.randrange(n_firms)}",
                f"state-{rng.randrange(n_states)}",
                amount=float(rng.randrange(1, 500)) * 1e6,
                currency="USD",
            )
        elif roll < 0.80:
            add(
                "DEPENDS_ON",
                f"firm-{rng.randrange(n_firms)}",
                f"country-{rng.randrange(n_countries)}",
                product=rng.choice(PRODUCTS),
            )
        elif roll < 0.92:
            add(
                rng.choice(["PROPOSES", "SUPPORTS", "OPPOSES", "REJECTS"]),
                rng.choice(
                    [f"gov-{rng.randrange(n_governments)}", f"firm-{rng.randrange(n_firms)}"]
                ),
                f"proposal-{rng.randrange(n_proposals)}",
            )
        else:
            add(
                "HOLDS_ROLE",
                f"person-{rng.randrange(n_people)}",
                f"gov-{rng.randrange(n_governments)}",
                role=rng.choice(["minister", "negotiator", "adviser"]),
            )
    return {
        "sources": sources,
        "entities": entities,
        "relationships": list(rels.values())[:relationships],
    }


def chunks(graph: dict[str, list[dict[str, Any]]], size: int) -> list[dict[str, Any]]:
    """The graph as batches of at most ``size`` items: sources, then entities, then facts."""
    out: list[dict[str, Any]] = []
    for family in ("sources", "entities", "relationships"):
        items = graph[family]
        out += [{family: items[i : i + size]} for i in range(0, len(items), size)]
    return out
