// Identity: every entity, source and redirect has one node per id.
// Neo4j Community has no property existence or type constraints; the service's
// models enforce those before anything is written.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (s:Source) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT redirect_id IF NOT EXISTS FOR (r:Redirect) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT schema_version_id IF NOT EXISTS FOR (v:SchemaVersion) REQUIRE v.id IS UNIQUE;
