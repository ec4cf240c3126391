"""The query that reads a hub's level of a walk a page at a time, generated from the domain.

A level read whole (``reach_level``) must see every fact of its frontier to order its
entities by their degree. Through a hub that is the hub. Past a budget, a level is read
instead in the order of the entities' ids, lazily: a frontier entity of few facts has them
all read from it, and one of many has each followed type read from the index on its
facts' ends (``cypher/schema/006``), from the cursor on, no further than the page needs.
Neo4j indexes a relationship property per type, so the query has one branch per declared
type and direction, written here from ``graph/domain/domain.yaml`` (``make domain``).
"""

from __future__ import annotations

from graph.domain import DOMAIN, Domain
from graph.store.fragments import fragment

_HEADER = """\
// Generated from graph/domain/domain.yaml by `make domain` (graph/store/walk_query.py); do not edit.
// The entities one hop beyond a level of a walk, in the present, in the order of their ids:
// the first $upto after $after_id (up to $until_id, when given) that the facts of the
// followed types reach (out_types from start to end, in_types from end to start), not in
// $seen, of $kinds, by facts that hold (not retracted; stated, about $product, on $as_of
// when asked). A frontier entity of
// at most $few facts has them all read from it; one of more has each followed type's
// facts read from the index on their ends, in the far end's order, each no further than
// $upto entities: a page through a hub reads the page, not the hub.
// :param frontier => ['tsmc']
// :param seen => ['tsmc']
// :param out_types => ['INVESTS_IN', 'OPERATES', 'LOCATED_IN', 'PRODUCES_IN', 'PROPOSES']
// :param in_types => ['INVOLVES', 'PROPOSES']
// :param kinds => null
// :param product => null
// :param as_of => null
// :param stated_only => false
// :param few => 100
// :param upto => 50
// :param after_id => ''
// :param until_id => null
UNWIND $frontier AS frontier_id
MATCH (f:Entity {id: frontier_id})
USING INDEX SEEK f:Entity(id)
WITH f, COUNT { (f)--() } AS degree
CALL (f, degree) {
  // (no label on the far end, and the cursor tested after the union: either would let a
  // plan made while the graph was small start from every entity instead of from f)
  WITH f WHERE degree <= $few
  MATCH (f)-[r]-(m)
  WHERE ((startNode(r) = f AND type(r) IN $out_types) OR (endNode(r) = f AND type(r) IN $in_types))
    AND {holds} AND ($until_id IS NULL OR m.id <= $until_id)
  RETURN DISTINCT m.id AS id
"""

_BRANCH = """\
  UNION
  WITH f WHERE degree > $few AND '{type}' IN ${way}_types
  MATCH {pattern}
  USING INDEX SEEK r:{type}({near}, {far})
  WHERE r.{near} = f.id AND r.{far} > $after_id
    AND ($until_id IS NULL OR r.{far} <= $until_id) AND {holds}
  // ordered as the index holds them (near end, then far end), so the planner reads the
  // index in order and stops at the page's end instead of sorting every fact
  WITH DISTINCT r.{near} AS near, r.{far} AS id
  ORDER BY near, id
  LIMIT $upto
  RETURN id
"""

_FOOTER = """\
}
WITH DISTINCT id
WHERE id > $after_id
ORDER BY id
LIMIT $upto
// one row holding the entities reached: thousands of rows cost the driver far more than one list
RETURN collect(id) AS reached
"""

#: What a reaching fact and its far end must be, in the present (the order of the tests
#: puts the cheap ones first).
_HOLDS = (
    "r.retracted_at IS NULL AND NOT m.id IN $seen"
    " AND ($kinds IS NULL OR m.kind IN $kinds)"
    " AND ($stated_only = false OR 'stated' IN r.bases)"
    " AND ($product IS NULL OR toLower(r.product) = toLower($product))"
    " AND " + fragment("valid_on", "r")
)


def reach_by_id_query(domain: Domain = DOMAIN) -> str:
    """The text of ``reach_level_by_id.cypher`` for ``domain``.

    Example:
        >>> "MATCH ()-[r:SUPPLIES]->(m)" in reach_by_id_query()
        True
    """
    parts = [_HEADER.replace("{holds}", _HOLDS)]
    for name in domain.relationships:
        for way, pattern, near, far in (
            ("out", f"()-[r:{name}]->(m)", "from_id", "to_id"),
            ("in", f"(m)-[r:{name}]->()", "to_id", "from_id"),
        ):
            parts.append(
                _BRANCH.replace("{type}", name)
                .replace("{way}", way)
                .replace("{pattern}", pattern)
                .replace("{near}", near)
                .replace("{far}", far)
                .replace("{holds}", _HOLDS)
            )
    return "".join(parts) + _FOOTER
