// After a bulk import: set a list property that entities store empty ($empty, one property
// as a map), which the import's CSV cannot carry (an empty list reads back as no property).
// :param ids => ['example-firm']
// :param empty => {aliases: []}
UNWIND $ids AS id
MATCH (e:Entity {id: id})
SET e += $empty
RETURN count(e) AS written
