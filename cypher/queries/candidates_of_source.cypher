// A source's candidate facts (those with the status asked, or all when null), with the
// names of their ends as the graph holds them now.
// :param source_id => 'taiwan-us-tech-talks-article'
// :param status => 'open'
MATCH (c:Candidate {source_id: $source_id})
WHERE $status IS NULL OR c.status = $status
OPTIONAL MATCH (a:Entity {id: c.from_id})
OPTIONAL MATCH (b:Entity {id: c.to_id})
RETURN properties(c) AS props, a.name AS from_name, b.name AS to_name
