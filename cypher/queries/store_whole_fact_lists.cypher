// Store facts' attestation lists made whole; each row is {element_id, lists}. Changes no
// timestamp and records no revision: what the fact says is as it was.
// :param rows => [{element_id: '5:0:0', lists: {bases: ['stated'], reasons: [''], ranks: ['normal'], claims: ['{}']}}]
UNWIND $rows AS row
MATCH ()-[r]->()
WHERE elementId(r) = row.element_id
SET r += row.lists
RETURN count(r) AS stored
