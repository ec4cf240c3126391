// Store the folded keys of entities' names (`name_keys`), as the service folded them;
// each row is {id, keys}. Changes no timestamp: the names are as they were.
// :param rows => [{id: 'tsmc', keys: ['taiwan semiconductor manufacturing company', 'tsmc']}]
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n.name_keys = row.keys
RETURN count(n) AS stored
