// How many current (unretracted) relationships of each type.
MATCH (:Entity)-[r]->(:Entity)
WHERE r.retracted_at IS NULL
RETURN type(r) AS type, count(*) AS count
ORDER BY type
