// How many current facts each of these entities has (one row, its list holding them).
// :param ids => ['tsmc', 'arizona']
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN collect({id: id, degree: COUNT { (n)-[r]-(:Entity) WHERE r.retracted_at IS NULL }}) AS found
