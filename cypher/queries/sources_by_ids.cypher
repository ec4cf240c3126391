// Stored sources by id.
// :param ids => ['taiwan-us-tech-partnership-talks-article']
UNWIND $ids AS id
MATCH (s:Source {id: id})
RETURN s.id AS id, properties(s) AS props
