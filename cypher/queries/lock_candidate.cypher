// Take a candidate's write lock and read it: two reviewers deciding one candidate take
// turns, and the second sees the first's decision. No row when there is none.
// :param id => 'c1'
MATCH (c:Candidate {id: $id})
SET c._lock = true
REMOVE c._lock
RETURN properties(c) AS props
