// A source's text, or, under known_at, the text stored then (as its last revision by then
// recorded it, a JSON string); `source` is null when there is no such source, `text` when
// it has no text (then).
// :param id => 'taiwan-us-tech-partnership-talks-article'
// :param known_at => null
OPTIONAL MATCH (s:Source {id: $id})
OPTIONAL MATCH (t:SourceText {source_id: s.id})
RETURN s.id AS source,
       CASE WHEN $known_at IS NULL THEN properties(t)
            ELSE /*state_then(s, 'text')*/head(COLLECT { MATCH (v:Revision {item_id: s.id, item: 'text'}) WHERE v.at <= $known_at RETURN v.state ORDER BY v.seq DESC LIMIT 1 })/*end*/
       END AS text
