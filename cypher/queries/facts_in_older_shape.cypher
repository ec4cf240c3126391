// Facts stored before schema version 8 whose attestation lists are not whole (no `bases`,
// `reasons`, `ranks` or `claims`, or shorter than `source_ids`): read once, streamed, for
// the service to make them whole (graph/store/stored_shapes.py) and store them
// (store_whole_fact_lists). Run when the schema is applied to an older graph.
MATCH ()-[r]->()
WHERE r.source_ids IS NOT NULL
  AND NOT all(column IN [r.evidence, r.confidences, r.bases, r.reasons, r.ranks, r.claims]
              WHERE size(coalesce(column, [])) = size(r.source_ids))
RETURN elementId(r) AS element_id, properties(r) AS props
