"""The domain model and Neo4j access: everything the HTTP layer and the seeding command share."""
