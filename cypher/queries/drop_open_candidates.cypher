// Remove a source's open candidates that its text's analysis no longer finds (decided
// ones stay: a rejection is remembered, an acceptance points at its fact).
// :param source_id => 'taiwan-us-tech-talks-article'
// :param keep => ['c1']
MATCH (c:Candidate {source_id: $source_id, status: 'open'})
WHERE NOT c.id IN $keep
DETACH DELETE c
RETURN count(*) AS dropped
