// Record a reviewer's decision on a candidate: accepted (with the fact it became) or
// rejected (with the reason), when and by whom.
// :param id => 'c1'
// :param status => 'rejected'
// :param at => '2026-03-01T12:00:00.000Z'
// :param by => 'local'
// :param reason => 'the sentence says otherwise'
// :param fact_id => null
MATCH (c:Candidate {id: $id})
SET c.status = $status, c.decided_at = $at, c.decided_by = $by, c.reason = $reason,
    c.fact_id = $fact_id
RETURN properties(c) AS props
