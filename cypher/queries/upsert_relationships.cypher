// Write relationships; each row is {id, type, from_id, to_id, props}. Types come from the allow-list.
// :param rows => [{id: 'example-firm|INVESTS_IN|arizona', type: 'INVESTS_IN', from_id: 'example-firm', to_id: 'arizona', props: {id: 'example-firm|INVESTS_IN|arizona', key: ''}}]
UNWIND $rows AS row
MATCH (a:Entity {id: row.from_id})
MATCH (b:Entity {id: row.to_id})
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
SET r = row.props
RETURN count(r) AS written
