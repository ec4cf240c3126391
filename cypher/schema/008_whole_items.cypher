// Version 8 adds no index: from it on every fact stores all its attestation lists whole
// and every entity its `attribute_claims`, and so do the states revisions recorded.
// Applying the schema to an older graph rewrites the items stored before in that shape
// (graph/store/stored_shapes.py), so no query or codec reads an older one.
