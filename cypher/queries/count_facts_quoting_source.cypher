// How many facts have an evidence span into this source's text: a text replacement
// re-anchors them all in one transaction, given time by their number.
// :param id => 'taiwan-us-tech-talks-article'
MATCH ()-[r]->()
WHERE r.selectors IS NOT NULL AND $id IN r.source_ids
RETURN count(r) AS quoting
