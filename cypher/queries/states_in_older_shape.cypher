// Revisions whose recorded state is a fact without all its attestation lists, or an
// entity without `attribute_claims`: read once, streamed, for the service to rewrite the
// state whole (graph/store/stored_shapes.py, store_whole_states). Run when the schema is
// applied to an older graph.
MATCH (v:Revision)
WHERE v.state IS NOT NULL
  AND ((v.item = 'relationship'
        AND NOT all(key IN ['"bases":', '"reasons":', '"ranks":', '"claims":'] WHERE v.state CONTAINS key))
       OR (v.item = 'entity' AND NOT v.state CONTAINS '"attribute_claims":'))
RETURN v.seq AS seq, v.item AS item, v.state AS state
