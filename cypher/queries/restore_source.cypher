// Restore a retracted source: its claims count again (the facts and entities citing it
// are weighed again in the same write).
// :param id => 'taiwan-us-tech-talks-article'
MATCH (s:Source {id: $id})
WHERE s.retracted_at IS NOT NULL
REMOVE s.retracted_at, s.retracted_by, s.retraction_reason
RETURN properties(s) AS props
