// Retract a source: its claims stop counting (the facts and entities citing it are
// weighed again in the same write), kept, marked with when, by whom and why.
// :param id => 'taiwan-us-tech-talks-article'
// :param at => '2026-03-01T12:00:00.000Z'
// :param by => 'local'
// :param reason => 'the outlet withdrew the article'
MATCH (s:Source {id: $id})
WHERE s.retracted_at IS NULL
SET s.retracted_at = $at, s.retracted_by = $by, s.retraction_reason = $reason
RETURN properties(s) AS props
