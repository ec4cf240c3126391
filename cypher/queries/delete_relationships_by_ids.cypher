// Delete the named relationships of one entity (a merge moves them to the survivor).
// :param id => 'example-firm'
// :param ids => ['example-firm|INVESTS_IN|arizona']
MATCH (n:Entity {id: $id})-[r]-(:Entity)
WHERE r.id IN $ids
DELETE r
RETURN count(r) AS deleted
