// Which schema version the database has applied.
MATCH (v:SchemaVersion {id: 'kg'})
RETURN v.version AS version, v.digest AS digest, v.applied_at AS applied_at
