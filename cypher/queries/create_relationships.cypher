// Create the relationships the write plan found missing; each row is
// {id, type, from_id, to_id, props}. Types come from the domain's allow-list. The plan
// locked both ends before it looked, so nobody else can have created one since.
// (Not MERGE: planned while the database is still empty, MERGE may scan every relationship.)
// :param rows => [{id: 'example-firm|INVESTS_IN|arizona', type: 'INVESTS_IN', from_id: 'example-firm', to_id: 'arizona', props: {id: 'example-firm|INVESTS_IN|arizona', key: ''}}]
UNWIND $rows AS row
MATCH (a:Entity {id: row.from_id})
MATCH (b:Entity {id: row.to_id})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS written
