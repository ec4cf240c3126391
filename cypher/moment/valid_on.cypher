// Whether fact `x` held on the day $as_of (always, when $as_of is null): valid from no
// later and to no earlier than it, a partial date (2025, 2025-03) covering its period.
// A fragment, not a query: each query file holds it between /*valid_on(x)*/ and
// /*end*/, with its own variable for x; `make domain` writes it there, and a test fails
// while any copy differs from this one.
($as_of IS NULL OR ((x.valid_from IS NULL OR x.valid_from <= $as_of) AND (x.valid_to IS NULL OR substring($as_of, 0, size(x.valid_to)) <= x.valid_to)))
