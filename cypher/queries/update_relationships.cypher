// Replace the properties of relationships the write plan found stored; rows as for create.
// :param rows => [{id: 'tsmc|INVESTS_IN|arizona', type: 'INVESTS_IN', from_id: 'tsmc', to_id: 'arizona', props: {id: 'tsmc|INVESTS_IN|arizona', key: ''}}]
UNWIND $rows AS row
MATCH (:Entity {id: row.from_id})-[r {id: row.id}]->(:Entity {id: row.to_id})
SET r = row.props
RETURN count(r) AS written
