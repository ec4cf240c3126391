// Wait (up to 300 s) until every index is online, e.g. after applying the schema.
CALL db.awaitIndexes(300)
