// Store what an analysis of a source's text found: a candidate new to the source is open;
// one still open takes the new finding (its sentence, cues, text's hash); one a reviewer
// decided stays as decided (a rejection is remembered, so it does not come back).
// :param source_id => 'taiwan-us-tech-talks-article'
// :param rows => [{id: 'c1', props: {type: 'INVESTS_IN', from_id: 'tsmc', to_id: 'arizona', start: 0, end: 10, cues: ['invest'], gap: 3, ambiguous: false, text_sha256: 'ab'}}]
// :param at => '2026-03-01T12:00:00.000Z'
UNWIND $rows AS row
OPTIONAL MATCH (old:Candidate {id: row.id})
WITH row, old IS NULL AS new
MERGE (c:Candidate {id: row.id})
ON CREATE SET c.source_id = $source_id, c.status = 'open', c.found_at = $at
FOREACH (_ IN CASE WHEN c.status = 'open' THEN [1] ELSE [] END | SET c += row.props)
RETURN count(CASE WHEN new THEN 1 END) AS new, count(c) AS stored
