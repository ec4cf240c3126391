// What complicates the talks
// Events, agencies and policies the sources name as complications.
// :param id => 'taiwan-us-tech-talks'
MATCH p = (:Entity)-[:COMPLICATES]->(:Entity {id: $id})
RETURN p
