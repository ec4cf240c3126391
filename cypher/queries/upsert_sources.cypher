// Write sources; each row is {id, props} with every property the source keeps.
// :param rows => [{id: 'example-source', props: {id: 'example-source', title: 'An example'}}]
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
SET s = row.props
RETURN count(s) AS written
