// Create the relationships the write plan found missing; each row is
// {id, type, from_id, to_id, props}. Types come from the domain's allow-list. Should a
// concurrent writer create one of them first, its type's uniqueness constraint on `id`
// fails this transaction and the service plans it again; should an end have been deleted
// or retracted meanwhile, `written` falls short of the rows sent, and the service plans it
// again too. The ends are write-locked before their retraction is read: a retraction
// that committed while this write waited is seen, not overwritten by a fact to a hidden end.
// (Not MERGE: planned while the database is still empty, MERGE may scan every relationship.)
// :param rows => [{id: 'example-firm|INVESTS_IN|arizona', type: 'INVESTS_IN', from_id: 'example-firm', to_id: 'arizona', props: {id: 'example-firm|INVESTS_IN|arizona', key: ''}}]
UNWIND $rows AS row
MATCH (a:Entity {id: row.from_id})
MATCH (b:Entity {id: row.to_id})
SET a._lock = true, b._lock = true
REMOVE a._lock, b._lock
WITH row, a, b
WHERE a.retracted_at IS NULL AND b.retracted_at IS NULL
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS written
