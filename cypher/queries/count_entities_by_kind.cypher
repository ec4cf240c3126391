// How many current (unretracted) entities of each kind.
MATCH (n:Entity)
WHERE n.retracted_at IS NULL
RETURN n.kind AS kind, count(*) AS count
ORDER BY kind
