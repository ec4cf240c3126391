// Whether item `x` (an entity or a fact) is seen at the read's moment: recorded by
// $known_at and not retracted then (now, when $known_at is null); with
// $include_retracted, retracted ones too, but not one merged away by then.
// A fragment, not a query: each query file holds it between /*seen_then(x)*/ and
// /*end*/, with its own variable for x; `make domain` writes it there, and a test fails
// while any copy differs from this one.
((x.retracted_at IS NULL OR ($include_retracted AND coalesce(x.merged_at > $known_at, x.merged_at IS NULL)) OR x.retracted_at > coalesce($known_at, x.retracted_at)) AND ($known_at IS NULL OR x.created_at <= $known_at))
