// The number of the last revision recorded (0 before any): the change feed's head.
OPTIONAL MATCH (log:RevisionLog {id: 'revisions'})
RETURN coalesce(log.last, 0) AS head
