// Store a source's text (NFC, checked by graph/domain/texts.py), its SHA-256 and length
// in code points; answers what is stored, as its revision records it.
// :param id => 'taiwan-us-tech-partnership-talks-article'
// :param text => 'Taiwan and the United States ...'
// :param sha256 => 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
// :param length => 31
// :param at => '2026-12-07T12:00:00.000Z'
MATCH (t:SourceText {source_id: $id})
SET t.text = $text, t.sha256 = $sha256, t.length = $length, t.stored_at = $at
RETURN properties(t) AS props
