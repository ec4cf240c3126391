// Generated from graph/domain/domain.yaml by `make domain`; do not edit.
// The ends of facts: every fact stores its ends' ids (from_id, to_id), and each type has
// an index on them both ways round. A walk through a hub reads the hub's facts of a type
// in the order of the far end's id, a page at a time, from these indexes
// (reach_level_by_id), instead of reading every fact of the hub to sort them.
CREATE INDEX holds_role_out IF NOT EXISTS FOR ()-[r:HOLDS_ROLE]-() ON (r.from_id, r.to_id);
CREATE INDEX holds_role_in IF NOT EXISTS FOR ()-[r:HOLDS_ROLE]-() ON (r.to_id, r.from_id);
CREATE INDEX part_of_out IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.from_id, r.to_id);
CREATE INDEX part_of_in IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.to_id, r.from_id);
CREATE INDEX governs_out IF NOT EXISTS FOR ()-[r:GOVERNS]-() ON (r.from_id, r.to_id);
CREATE INDEX governs_in IF NOT EXISTS FOR ()-[r:GOVERNS]-() ON (r.to_id, r.from_id);
CREATE INDEX located_in_out IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() ON (r.from_id, r.to_id);
CREATE INDEX located_in_in IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() ON (r.to_id, r.from_id);
CREATE INDEX operates_out IF NOT EXISTS FOR ()-[r:OPERATES]-() ON (r.from_id, r.to_id);
CREATE INDEX operates_in IF NOT EXISTS FOR ()-[r:OPERATES]-() ON (r.to_id, r.from_id);
CREATE INDEX proposes_out IF NOT EXISTS FOR ()-[r:PROPOSES]-() ON (r.from_id, r.to_id);
CREATE INDEX proposes_in IF NOT EXISTS FOR ()-[r:PROPOSES]-() ON (r.to_id, r.from_id);
CREATE INDEX supports_out IF NOT EXISTS FOR ()-[r:SUPPORTS]-() ON (r.from_id, r.to_id);
CREATE INDEX supports_in IF NOT EXISTS FOR ()-[r:SUPPORTS]-() ON (r.to_id, r.from_id);
CREATE INDEX opposes_out IF NOT EXISTS FOR ()-[r:OPPOSES]-() ON (r.from_id, r.to_id);
CREATE INDEX opposes_in IF NOT EXISTS FOR ()-[r:OPPOSES]-() ON (r.to_id, r.from_id);
CREATE INDEX rejects_out IF NOT EXISTS FOR ()-[r:REJECTS]-() ON (r.from_id, r.to_id);
CREATE INDEX rejects_in IF NOT EXISTS FOR ()-[r:REJECTS]-() ON (r.to_id, r.from_id);
CREATE INDEX invests_in_out IF NOT EXISTS FOR ()-[r:INVESTS_IN]-() ON (r.from_id, r.to_id);
CREATE INDEX invests_in_in IF NOT EXISTS FOR ()-[r:INVESTS_IN]-() ON (r.to_id, r.from_id);
CREATE INDEX produces_in_out IF NOT EXISTS FOR ()-[r:PRODUCES_IN]-() ON (r.from_id, r.to_id);
CREATE INDEX produces_in_in IF NOT EXISTS FOR ()-[r:PRODUCES_IN]-() ON (r.to_id, r.from_id);
CREATE INDEX supplies_out IF NOT EXISTS FOR ()-[r:SUPPLIES]-() ON (r.from_id, r.to_id);
CREATE INDEX supplies_in IF NOT EXISTS FOR ()-[r:SUPPLIES]-() ON (r.to_id, r.from_id);
CREATE INDEX depends_on_out IF NOT EXISTS FOR ()-[r:DEPENDS_ON]-() ON (r.from_id, r.to_id);
CREATE INDEX depends_on_in IF NOT EXISTS FOR ()-[r:DEPENDS_ON]-() ON (r.to_id, r.from_id);
CREATE INDEX negotiates_with_out IF NOT EXISTS FOR ()-[r:NEGOTIATES_WITH]-() ON (r.from_id, r.to_id);
CREATE INDEX negotiates_with_in IF NOT EXISTS FOR ()-[r:NEGOTIATES_WITH]-() ON (r.to_id, r.from_id);
CREATE INDEX participates_in_out IF NOT EXISTS FOR ()-[r:PARTICIPATES_IN]-() ON (r.from_id, r.to_id);
CREATE INDEX participates_in_in IF NOT EXISTS FOR ()-[r:PARTICIPATES_IN]-() ON (r.to_id, r.from_id);
CREATE INDEX involves_out IF NOT EXISTS FOR ()-[r:INVOLVES]-() ON (r.from_id, r.to_id);
CREATE INDEX involves_in IF NOT EXISTS FOR ()-[r:INVOLVES]-() ON (r.to_id, r.from_id);
CREATE INDEX affects_out IF NOT EXISTS FOR ()-[r:AFFECTS]-() ON (r.from_id, r.to_id);
CREATE INDEX affects_in IF NOT EXISTS FOR ()-[r:AFFECTS]-() ON (r.to_id, r.from_id);
CREATE INDEX complicates_out IF NOT EXISTS FOR ()-[r:COMPLICATES]-() ON (r.from_id, r.to_id);
CREATE INDEX complicates_in IF NOT EXISTS FOR ()-[r:COMPLICATES]-() ON (r.to_id, r.from_id);
CREATE INDEX reports_on_out IF NOT EXISTS FOR ()-[r:REPORTS_ON]-() ON (r.from_id, r.to_id);
CREATE INDEX reports_on_in IF NOT EXISTS FOR ()-[r:REPORTS_ON]-() ON (r.to_id, r.from_id);
