// M04 — Overbelaste opdrachtnemer / Executor over capacity
//
// Returns one row per organisation X with a `capaciteit` for which, on some day on or after
// $peildatum, the summed `capaciteit` of the not-finished opdrachten to X that run that day exceeds
// X's capaciteit (an opdracht without capaciteit counts 0; without periode it runs every day); both
// compared after rounding half-even to 9 decimals.
//   subject: X's id; related: the ids of the opdrachten running on the peak day;
//   facts: {x: naam of X,
//           dag: the peak day (ISO text),
//           som: the exact sum of the capaciteit as written on that day, rounded half-even to
//                9 decimals (int when integral),
//           cap: X's capaciteit, rounded the same way (int when integral),
//           (int only below 9e15 FTE: beyond 2^53 a float no longer tells an integral decimal),
//           opdrachten: [namen (naam, else id) of the opdrachten running that day, in id order]}.
// Algorithm: per X (CALL (x) {}), the not-finished opdrachten as maps {start, tot, amount}, with
//   start = max(van, $peildatum). The sum only changes at a start, so the candidate days are
//   $peildatum and every start after it. For each candidate day the running opdrachten are
//   those with start <= day <= tot (inclusive; absent tot = open) and their amounts are summed. The
//   peak is the highest rounded sum, the earliest day on ties (two reduces over the collected
//   days). A finding when it exceeds the rounded capaciteit.
//   Cost: (candidate days x opdrachten x limbs) per opdrachtnemer.
// Exact sums (as the Python check, which sums decimals): every amount is read from its shortest
//   decimal form (toString, as Python's repr; also 'm.mmmE-x'), as a digit string in units of
//   10^-s, s the largest number of decimals among X's amounts, and split into base-10^4 limbs
//   (little-endian, the same number for every amount, with three spare limbs for carries). A
//   day's sum adds the limbs position by position and propagates the carries; its digit string
//   is rounded half-even at 9 decimals (the dropped digits compared with '50...0'; a round-up
//   increments the kept digit string) and toFloat of 'int.fraction' is the correctly rounded
//   float, as Python's float(Decimal). The capaciteit is rounded with round(x, 9, 'HALF_EVEN'),
//   which works on the same shortest decimal form.
//   Fragment zeros(n) = reduce(z = '', k IN range(1, n) | z + '0').
// Parameters: $model (model id), $peildatum (ISO date text). $drempel is not used.
// The anchors' `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
MATCH (x:Organisatie {model: $model})
WHERE x.id IS NOT NULL AND x.capaciteit IS NOT NULL
CALL (x) {
  MATCH (a:Opdracht {model: $model})-[:OPDRACHTNEMER]->(x)
  WHERE a.tot IS NULL OR a.tot >= $peildatum
  WITH a, toString(coalesce(a.capaciteit, 0)) AS t
  WITH a, split(t, 'E')[0] AS mant, CASE WHEN t CONTAINS 'E' THEN toInteger(split(t, 'E')[1]) ELSE 0 END AS ex
  WITH a, ex, split(mant, '.')[0] AS ip, CASE WHEN mant CONTAINS '.' THEN split(mant, '.')[1] ELSE '' END AS fp
  WITH a, ip + fp AS cijfers, size(fp) - ex AS d
  // amount = cijfers * 10^-d with d >= 0
  RETURN collect({id: a.id,
                  naam: CASE WHEN a.naam IS NULL OR a.naam = '' THEN a.id ELSE a.naam END,
                  start: CASE WHEN a.van IS NOT NULL AND a.van > $peildatum THEN a.van ELSE $peildatum END,
                  tot: a.tot,
                  cijfers: cijfers + reduce(z = '', k IN range(1, -d) | z + '0'),
                  d: CASE WHEN d < 0 THEN 0 ELSE d END}) AS items
}
WITH x, items
WHERE size(items) > 0
WITH x, items, reduce(z = 0, i IN items | CASE WHEN i.d > z THEN i.d ELSE z END) AS schaal
// every amount as a whole number of 10^-schaal units
WITH x, schaal, [i IN items | i {.*, g: i.cijfers + reduce(z = '', k IN range(1, schaal - i.d) | z + '0')}] AS items
WITH x, schaal, items, reduce(z = 0, i IN items | CASE WHEN size(i.g) > z THEN size(i.g) ELSE z END) / 4 + 4 AS nl
WITH x, schaal, nl,
     [i IN items | i {.*, limbs: [j IN range(0, nl - 1) |
        toInteger('0' + substring(i.g,
                                  CASE WHEN size(i.g) - 4 * (j + 1) > 0 THEN size(i.g) - 4 * (j + 1) ELSE 0 END,
                                  CASE WHEN size(i.g) - 4 * j <= 0 THEN 0
                                       WHEN size(i.g) - 4 * (j + 1) > 0 THEN 4
                                       ELSE size(i.g) - 4 * j END))]}] AS items
UNWIND [$peildatum] + [i IN items WHERE i.start > $peildatum | i.start] AS dag
WITH DISTINCT x, schaal, nl, items, dag
WITH x, schaal, nl, dag, [i IN items WHERE i.start <= dag AND (i.tot IS NULL OR dag <= i.tot)] AS lopend
// the day's sum: limb-wise, then carries
WITH x, schaal, dag, lopend,
     reduce(st = {c: 0, l: []}, j IN range(0, nl - 1) |
       {c: (st.c + reduce(t = 0, i IN lopend | t + i.limbs[j])) / 10000,
        l: st.l + [(st.c + reduce(t = 0, i IN lopend | t + i.limbs[j])) % 10000]}).l AS limbs
WITH x, schaal, dag, lopend,
     reduce(s = '', j IN range(size(limbs) - 1, 0, -1) | s + right('000' + toString(limbs[j]), 4)) AS cijfers
WITH x, schaal, dag, lopend,
     reduce(z = '', k IN range(1, schaal + 10 - size(cijfers)) | z + '0') + cijfers AS cijfers
// rounded half-even to 9 decimals, as a digit string with 9 implied decimals
WITH x, dag, lopend,
     CASE WHEN schaal <= 9 THEN cijfers + reduce(z = '', k IN range(1, 9 - schaal) | z + '0')
          ELSE left(cijfers, size(cijfers) - (schaal - 9)) END AS kept,
     CASE WHEN schaal <= 9 THEN '' ELSE right(cijfers, schaal - 9) END AS rest,
     CASE WHEN schaal <= 9 THEN '' ELSE '5' + reduce(z = '', k IN range(1, schaal - 10) | z + '0') END AS half
WITH x, dag, lopend, kept,
     rest <> '' AND (rest > half OR (rest = half AND toInteger(right(kept, 1)) % 2 = 1)) AS up,
     // the number of trailing nines of kept (it starts with a '0', so never all nines)
     reduce(st = {k: 0, klaar: false}, p IN range(size(kept) - 1, 0, -1) |
       CASE WHEN st.klaar THEN st
            WHEN substring(kept, p, 1) = '9' THEN {k: st.k + 1, klaar: false}
            ELSE {k: st.k, klaar: true} END).k AS negens
WITH x, dag, lopend,
     CASE WHEN up
       THEN left(kept, size(kept) - negens - 1)
            + toString(toInteger(substring(kept, size(kept) - negens - 1, 1)) + 1)
            + reduce(z = '', k IN range(1, negens) | z + '0')
       ELSE kept END AS kept
WITH x, dag, lopend, toFloat(left(kept, size(kept) - 9) + '.' + right(kept, 9)) AS som,
     right(kept, 9) = '000000000' AS geheel
WITH x, collect({dag: dag, som: som, geheel: geheel, lopend: lopend}) AS dagen
WITH x, dagen, reduce(m = null, d IN dagen | CASE WHEN m IS NULL OR d.som > m THEN d.som ELSE m END) AS hoogste
WITH x, reduce(p = null, d IN dagen |
            CASE WHEN d.som = hoogste AND (p IS NULL OR d.dag < p.dag) THEN d ELSE p END) AS piek
WITH x, piek, round(toFloat(x.capaciteit), 9, 'HALF_EVEN') AS cap
WHERE piek.som > cap
WITH x, piek, cap, COLLECT { UNWIND piek.lopend AS i RETURN i ORDER BY i.id } AS lopend
RETURN x.id AS subject,
       [i IN lopend | i.id] AS related,
       {x: CASE WHEN x.naam IS NULL OR x.naam = '' THEN x.id ELSE x.naam END,
        dag: piek.dag,
        som: CASE WHEN piek.geheel AND piek.som < 9.0e15 THEN toInteger(piek.som) ELSE piek.som END,
        cap: CASE WHEN cap = floor(cap) AND cap < 9.0e15 THEN toInteger(cap) ELSE cap END,
        opdrachten: [i IN lopend | i.naam]} AS facts
