// Entities by id (a merged id followed to its survivor), each with every property and the
// entities its facts of the given types join it to: what reconciliation's property filters
// compare and what data extension fetches.
// :param ids => ['tsmc', 'arizona']
// :param types => ['LOCATED_IN', 'INVESTS_IN']
UNWIND $ids AS asked
OPTIONAL MATCH (redirect:Redirect {id: asked})
WITH asked, coalesce(redirect.target, asked) AS id
MATCH (n:Entity {id: id})
RETURN asked, properties(n) AS props,
       [(n)-[r]-(other:Entity) WHERE type(r) IN $types |
         {type: type(r), outgoing: startNode(r) = n, id: other.id, name: other.name,
          aliases: coalesce(other.aliases, []), kind: other.kind}] AS links
