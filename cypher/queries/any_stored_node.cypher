// Whether the database holds anything but its schema's version: bulk loading needs an
// empty database. At most one node is looked at.
CALL {
  MATCH (n)
  WHERE NOT n:SchemaVersion
  RETURN n
  LIMIT 1
}
RETURN count(n) AS found
