// Replace the properties of stored entities (labels kept); each row is {id, props}.
// :param rows => [{id: 'example-firm', props: {id: 'example-firm', kind: 'firm', name: 'Example', source_ids: ['example-source']}}]
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n = row.props
RETURN count(n) AS written
