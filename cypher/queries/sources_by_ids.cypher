// Stored sources by id.
// One row, its list holding what was found: thousands of rows cost the driver far more.
// :param ids => ['taiwan-us-tech-partnership-talks-article']
UNWIND $ids AS id
MATCH (s:Source {id: id})
RETURN collect({id: s.id, props: properties(s)}) AS found
