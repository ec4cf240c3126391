"""The query that reads a page of a walk in full, generated from the domain.

A page's facts are those between an entity of the page and an entity returned so far.
Read from the entity of each pair that holds fewer facts, a page holding hubs (a country
of thousands of facts, reached from a firm) reads only the facts it returns: a page
entity of few facts has them all read from it; a hub's facts to entities of few facts
are read from those; and a hub's facts to another hub are found in the index on the
facts' ends (``cypher/schema/006``), one lookup per pair and type, never by reading
either hub. Neo4j indexes a relationship property per type, so the query has one branch
per declared type and direction, written here from ``graph/domain/domain.yaml``
(``make domain``).
"""

from __future__ import annotations

from graph.domain import DOMAIN, Domain
from graph.store.fragments import fragment

_HEADER = """\
// Generated from graph/domain/domain.yaml by `make domain` (graph/store/page_query.py); do not edit.
// One page of a walk, read in full: its entities, and every fact between an entity of the
// page and an entity returned so far ($returned: the root, the pages before and this one),
// each once, in id order. Only relationships of $types (either way round) are read; with
// a product, only facts about it; with stated_only, only facts a source states (under
// known_at the service tests the state recorded then). The
// service decides which of them a walk followed (their direction, their level).
// Each fact is read from the end that holds fewer: an entity of at most $few facts has
// them all read from it, and a fact between two of more is found in the index on the
// facts' ends, pair by pair, without reading either's facts (a hub of the page: one whose
// facts outnumber those lookups).
// A page inside a level read by id after a cursor comes without the level's entities
// before the cursor, which the pages before returned: $before names them (the walk reads
// them again by id), and their facts to the page are read too.
// :param page => ['arizona', 'taiwan', 'tsmc-arizona-fabs']
// :param returned => ['tsmc', 'arizona', 'taiwan', 'tsmc-arizona-fabs']
// :param types => ['INVESTS_IN', 'OPERATES', 'LOCATED_IN', 'PRODUCES_IN']
// :param product => null
// :param as_of => null
// :param stated_only => false
// (under known_at, each fact's known_state is its recorded state at that moment)
// :param known_at => null
// :param include_retracted => false
// :param few => 100
// :param pair_cost => 2
// :param before => []
CALL () {
  UNWIND $page AS page_id
  MATCH (n:Entity {id: page_id})
  RETURN collect(n {.id, .kind, .name}) AS nodes
}
CALL () {
  // the level's entities before the cursor, which the pages before returned
  MATCH (o:Entity) WHERE o.id IN $before
  RETURN collect(o) AS before
}
CALL (before) {
  // the entities returned so far (the page among them) and those before the cursor,
  // found once, each with how many facts it holds: a fact's far end is then checked by
  // identity, not by reading its id
  MATCH (o:Entity) WHERE o.id IN $returned
  WITH before, collect(o) AS returned
  UNWIND returned + before AS o
  WITH o, COUNT { (o)--() } AS degree, o.id IN $page AS on_page
  WITH collect(o) AS others,
       collect({o: o, degree: degree, on_page: on_page}) AS counted,
       // the ids of the entities of more than $few facts (collect leaves out the nulls)
       collect(CASE WHEN degree > $few THEN o.id END) AS heavy
  // an entity of the page is a hub when reading its facts costs more than looking up
  // each pair it makes with the others of more than $few facts, type by type (a pair
  // costs $pair_cost lookups of a type: each way round)
  WITH others, counted, heavy,
       [x IN counted WHERE x.on_page AND x.degree > $few
          AND x.degree > $pair_cost * size($types) * size(heavy) | x.o] AS hubs
  WITH others, counted, heavy, hubs, [h IN hubs | h.id] AS hub_ids
  CALL (others, counted, heavy, hubs, hub_ids) {
    // an entity of the page that is no hub: each of its facts read from it
    UNWIND [x IN counted WHERE x.on_page AND NOT x.o IN hubs | x.o] AS p
    MATCH (p)-[r]-(o)
    WHERE o IN others
    RETURN r
    UNION
    // an entity of few facts returned before the page: its facts to the page's hubs
    WITH counted, hubs WHERE size(hubs) > 0
    UNWIND [x IN counted WHERE NOT x.on_page AND x.degree <= $few | x.o] AS o
    MATCH (o)-[r]-(h)
    WHERE h IN hubs
    RETURN r
"""

_BRANCH = """\
    UNION
    // {type} from a hub to an entity of more than $few facts
    WITH hub_ids, heavy WHERE size(hub_ids) > 0 AND '{type}' IN $types
    MATCH ()-[r:{type}]->()
    USING INDEX SEEK r:{type}(from_id, to_id)
    WHERE r.from_id IN hub_ids AND r.to_id IN heavy
    RETURN r
    UNION
    // {type} into a hub from an entity of more than $few facts that is no hub (between
    // two hubs, found the first way round)
    WITH hub_ids, [i IN heavy WHERE NOT i IN hub_ids] AS near_hubs
      WHERE size(hub_ids) > 0 AND '{type}' IN $types
    MATCH ()-[r:{type}]->()
    USING INDEX SEEK r:{type}(to_id, from_id)
    WHERE r.to_id IN hub_ids AND r.from_id IN near_hubs
    RETURN r
"""

_FOOTER = """\
  }
  WITH r
  WHERE type(r) IN $types
    AND ($stated_only = false OR $known_at IS NOT NULL OR 'stated' IN r.bases)
    AND {seen_then}
    AND ($product IS NULL OR toLower(r.product) = toLower($product))
    AND {valid_on}
  WITH DISTINCT r
  WITH r, startNode(r) AS a, endNode(r) AS b
  ORDER BY r.id
  // one row holding every fact: hundreds of rows cost the driver far more than one list
  RETURN collect(r {.*, type: type(r), known_state: CASE WHEN $known_at IS NULL THEN null ELSE {state_then} END, from_id: a.id, to_id: b.id, from_name: a.name, to_name: b.name}) AS edges
}
// the revision head, read last, once the aggregations above have read every fact: a read
// of several queries that ends with this one needs no query of its own to check that no
// write committed while it read (graph.store.db.Graph.read)
OPTIONAL MATCH (log:RevisionLog {id: 'revisions'})
RETURN nodes, edges, coalesce(log.last, 0) AS revision_head_after
"""


def facts_of_page_query(domain: Domain = DOMAIN) -> str:
    """The text of ``facts_of_page.cypher`` for ``domain``.

    Example:
        >>> "USING INDEX SEEK r:SUPPLIES(from_id, to_id)" in facts_of_page_query()
        True
    """
    branches = [_BRANCH.replace("{type}", name) for name in domain.relationships]
    text = _HEADER + "".join(branches) + _FOOTER
    for name, kind in (("seen_then", None), ("valid_on", None), ("state_then", "relationship")):
        text = text.replace(f"{{{name}}}", fragment(name, "r", kind))
    return text
