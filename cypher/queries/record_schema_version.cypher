// Record that this schema (its highest file number and its digest) is applied. Every
// digest ever applied is kept: processes serving different domain declarations (a rolling
// deploy that adds a relationship type) each find their own schema applied.
// :param version => 4
// :param digest => 'abc'
// :param applied_at => '2026-11-25T00:00:00Z'
MERGE (v:SchemaVersion {id: 'kg'})
SET v.version = CASE WHEN coalesce(v.version, 0) > $version THEN v.version ELSE $version END,
    v.digest = $digest,
    v.digests = CASE WHEN $digest IN coalesce(v.digests, []) THEN v.digests
                     ELSE coalesce(v.digests, []) + $digest END,
    v.applied_at = $applied_at
