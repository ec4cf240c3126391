// A page of search hits, ranked here: exact, prefix, token, then fuzzy matches of a name
// or alias, each by degree, then id (graph/domain/names.py decides tiers by the same rule, and a
// test holds the two to agree). The exact and prefix tiers come from the folded keys of
// names (`entity_keys`, the keys boosted over names that only begin with the text); the
// full-text index of words, typos and descriptions (`entity_text`) is asked only when
// those tiers leave room on the page. Each index gives its best $scan (Lucene's own top,
// unsorted beyond it; every match when kinds are asked for, as the index holds no kind),
// and at most $candidates of them, best first;
// a hit's score is that of the index that found it, so it does not change with the page.
// :param keys => 'name_keys:tsmcc^2 OR name_keys:tsmcc*'
// :param key => 'tsmcc'
// :param words => ['tsmcc']
// :param query => '(tsmcc^3 OR tsmcc*^2 OR tsmcc~1)'
// :param kinds => null
// :param candidates => 100
// :param scan => 100
// :param skip => 0
// :param limit => 20
CALL () {
  UNWIND CASE WHEN $keys = '' THEN [] ELSE [$keys] END AS keys
  CALL db.index.fulltext.queryNodes('entity_keys', keys, {limit: $scan}) YIELD node, score
  WHERE ($kinds IS NULL OR node.kind IN $kinds) AND node.retracted_at IS NULL
  WITH node, score
  ORDER BY score DESC, node.id
  LIMIT $candidates
  RETURN collect({node: node, score: score}) AS keyed
}
CALL (keyed) {
  WITH [hit IN keyed | hit.node] AS named
  UNWIND CASE WHEN size(named) < $skip + $limit THEN [$query] ELSE [] END AS words
  CALL db.index.fulltext.queryNodes('entity_text', words, {limit: $scan + size(named)})
    YIELD node, score
  WHERE ($kinds IS NULL OR node.kind IN $kinds) AND node.retracted_at IS NULL
    AND NOT node IN named
  WITH node, score
  ORDER BY score DESC, node.id
  LIMIT $candidates
  RETURN collect({node: node, score: score}) AS worded
}
// each entity once, with the score of the index that found it (the names' keys first)
UNWIND keyed + worded AS hit
WITH hit.node AS node, hit.score AS score
WITH node, score,
     CASE
       WHEN $key IN node.name_keys THEN 0
       WHEN any(k IN node.name_keys WHERE k STARTS WITH $key) THEN 1
       WHEN size($words) > 0
            AND any(k IN node.name_keys
                    WHERE all(w IN $words WHERE any(h IN split(k, ' ') WHERE h STARTS WITH w)))
         THEN 2
       ELSE 3
     END AS tier,
     // every relationship joins two entities, so the stored degree counts them, unread
     COUNT { (node)--() } AS degree
ORDER BY tier, degree DESC, node.id
SKIP $skip
LIMIT $limit
RETURN node {.id, .kind, .name, .aliases, .description} AS entity,
       score,
       ['exact', 'prefix', 'token', 'fuzzy'][tier] AS match
