// Entities by id (a merged id followed to its survivor), each with every property and the
// entities its facts of the given types join it to: what reconciliation's property filters
// compare and what data extension fetches. Retracted entities and facts are left out.
// :param ids => ['tsmc', 'arizona']
// :param types => ['LOCATED_IN', 'INVESTS_IN']
UNWIND $ids AS asked
OPTIONAL MATCH (redirect:Redirect {id: asked})
WITH asked, coalesce(redirect.target, asked) AS id
MATCH (n:Entity {id: id})
WHERE n.retracted_at IS NULL
RETURN asked, properties(n) AS props,
       [(n)-[r]-(other:Entity) WHERE type(r) IN $types AND r.retracted_at IS NULL |
         {type: type(r), outgoing: startNode(r) = n, id: other.id, name: other.name,
          aliases: coalesce(other.aliases, []), kind: other.kind}] AS links
