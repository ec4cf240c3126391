// The stored texts of these sources, for the evidence spans a write points into them, each
// text's node held for the write: a text replaced meanwhile (which re-anchors the spans
// into it) waits for this write, or this write reads the replacement.
// :param ids => ['taiwan-us-tech-talks-article']
MATCH (t:SourceText)
WHERE t.source_id IN $ids AND t.sha256 IS NOT NULL
SET t.source_id = t.source_id
RETURN collect({id: t.source_id, text: t.text, sha256: t.sha256}) AS found
