// Empty the benchmark database between runs, in batches so a million facts fit in memory:
// relationships first, since deleting a hub with its tens of thousands of relationships
// in one inner transaction outgrows the transaction memory pool.
MATCH ()-[r]->()
CALL { WITH r DELETE r } IN TRANSACTIONS OF 10000 ROWS;
MATCH (n) WHERE NOT n:SchemaVersion
CALL { WITH n DELETE n } IN TRANSACTIONS OF 10000 ROWS
