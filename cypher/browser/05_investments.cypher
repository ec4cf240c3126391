// Where a firm invests and produces
// A firm's investments, production and facilities, with amounts and where they are.
// :param id => 'tsmc'
MATCH p = (:Firm {id: $id})-[:INVESTS_IN|PRODUCES_IN|OPERATES]->(target)
OPTIONAL MATCH q = (target)-[:LOCATED_IN*1..2]->(:Location)
RETURN p, q
