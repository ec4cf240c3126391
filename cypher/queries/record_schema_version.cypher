// :param version => 2
// :param digest => 'abc'
// :param applied_at => '2026-11-25T00:00:00Z'
MERGE (v:SchemaVersion {id: 'kg'})
SET v.version = $version, v.digest = $digest, v.applied_at = $applied_at
