// Empty the benchmark database between runs, in batches so a million facts fit in memory.
MATCH (n) WHERE NOT n:SchemaVersion
CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
