// A source's text is a node of its own, found by its source's id: kept apart from the
// :Source node so the many reads that project a source's properties never carry it.
CREATE CONSTRAINT source_text_id IF NOT EXISTS FOR (t:SourceText) REQUIRE t.source_id IS UNIQUE;
