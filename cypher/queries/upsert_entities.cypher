// Write entities; each row is {id, labels, props}. Labels come from the domain's allow-list.
// :param rows => [{id: 'example-firm', labels: ['Firm'], props: {id: 'example-firm', kind: 'firm', name: 'Example', source_ids: ['example-source']}}]
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props
SET n:$(row.labels)
RETURN count(n) AS written
