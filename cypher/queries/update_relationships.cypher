// Replace the properties of relationships the write plan found stored; rows as for create.
// :param rows => [{id: 'tsmc|INVESTS_IN|arizona', type: 'INVESTS_IN', from_id: 'tsmc', to_id: 'arizona', props: {id: 'tsmc|INVESTS_IN|arizona', key: ''}}]
UNWIND $rows AS row
MATCH (a:Entity {id: row.from_id})-[r {id: row.id}]->(b:Entity {id: row.to_id})
// seek both ends by id, whatever the statistics said when the plan was cached
USING INDEX SEEK a:Entity(id) USING INDEX SEEK b:Entity(id)
SET r = row.props
RETURN count(r) AS written
