// Record that one id was merged into another, so the old id keeps resolving.
// Redirects that pointed at the merged id now point at the survivor; each keeps, in
// `via`, the ids it pointed at before, so an answer pinned to an earlier moment can say
// where it pointed then.
// :param from_id => 'taiwan-semiconductor'
// :param into_id => 'tsmc'
// :param now => '2026-11-25T00:00:00Z'
MERGE (r:Redirect {id: $from_id})
SET r.target = $into_id, r.merged_at = $now
WITH r
OPTIONAL MATCH (older:Redirect {target: $from_id})
SET older.via = coalesce(older.via, []) + [older.target], older.target = $into_id
RETURN r.id AS id
