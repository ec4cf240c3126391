// The stored texts of these sources, for the evidence spans a checked batch points into
// them (a dry run or a load's check, which hold no lock).
// :param ids => ['taiwan-us-tech-talks-article']
MATCH (t:SourceText)
WHERE t.source_id IN $ids AND t.sha256 IS NOT NULL
RETURN collect({id: t.source_id, text: t.text, sha256: t.sha256}) AS found
