// Which schema the database has applied: the highest version, the latest digest, and
// every digest applied so far.
MATCH (v:SchemaVersion {id: 'kg'})
RETURN v.version AS version, v.digest AS digest, coalesce(v.digests, [v.digest]) AS digests,
       v.applied_at AS applied_at
