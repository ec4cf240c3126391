// What the analysis of a source's text found that it may state (a candidate fact, one per
// source, type and ends), and what a reviewer decided of it: kept apart from the graph's
// entities and facts, found by id and listed by source.
CREATE CONSTRAINT candidate_id IF NOT EXISTS FOR (c:Candidate) REQUIRE c.id IS UNIQUE;
CREATE INDEX candidate_source IF NOT EXISTS FOR (c:Candidate) ON (c.source_id);
