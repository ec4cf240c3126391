// What depends on a place
// Firms, facilities and proposals tied to a place: located, invested or produced there,
// operating what is there, or proposals involving it.
// :param id => 'arizona'
MATCH p = (:Entity {id: $id})<-[:LOCATED_IN|INVESTS_IN|PRODUCES_IN|DEPENDS_ON|OPERATES|INVOLVES*1..3]-(x)
WHERE x:Firm OR x:Facility OR x:Proposal
RETURN p
