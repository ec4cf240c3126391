// Generated from graph/domain/domain.yaml by `make domain`; do not edit.
// Identity of facts: a relationship's id (from|TYPE|to[|key]) is unique within its type,
// one constraint per type the domain declares. Concurrent writers of one new fact cannot
// both create it: the second fails, and the service retries its transaction, which then
// finds the fact and adds to it. The constraint's index also serves lookups of one type's
// fact by id.
CREATE CONSTRAINT holds_role_id IF NOT EXISTS FOR ()-[r:HOLDS_ROLE]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT part_of_id IF NOT EXISTS FOR ()-[r:PART_OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT governs_id IF NOT EXISTS FOR ()-[r:GOVERNS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT located_in_id IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT operates_id IF NOT EXISTS FOR ()-[r:OPERATES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT proposes_id IF NOT EXISTS FOR ()-[r:PROPOSES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT supports_id IF NOT EXISTS FOR ()-[r:SUPPORTS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT opposes_id IF NOT EXISTS FOR ()-[r:OPPOSES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rejects_id IF NOT EXISTS FOR ()-[r:REJECTS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT invests_in_id IF NOT EXISTS FOR ()-[r:INVESTS_IN]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT produces_in_id IF NOT EXISTS FOR ()-[r:PRODUCES_IN]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT supplies_id IF NOT EXISTS FOR ()-[r:SUPPLIES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT depends_on_id IF NOT EXISTS FOR ()-[r:DEPENDS_ON]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT negotiates_with_id IF NOT EXISTS FOR ()-[r:NEGOTIATES_WITH]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT participates_in_id IF NOT EXISTS FOR ()-[r:PARTICIPATES_IN]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT involves_id IF NOT EXISTS FOR ()-[r:INVOLVES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT affects_id IF NOT EXISTS FOR ()-[r:AFFECTS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT complicates_id IF NOT EXISTS FOR ()-[r:COMPLICATES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT reports_on_id IF NOT EXISTS FOR ()-[r:REPORTS_ON]-() REQUIRE r.id IS UNIQUE;
