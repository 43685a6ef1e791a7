// K07 — Zwakke keten / Weak chain
//
// Returns one row per keten with at least one schakel that has a `prestatie`, where the product of
// those prestaties, rounded to 9 decimals, is below $drempel rounded to 9 decimals.
//   subject: the keten id; related: [the id of the weakest link: lowest prestatie, smallest id on ties];
//   facts: {keten: naam of the keten, n: the number of links with a prestatie,
//           schakel: naam of the weakest link,
//           product: the exact product of the prestaties as written, rounded half-even to 9 decimals,
//           drempel: $drempel rounded half-even to 9 decimals,
//           prestatie: the weakest link's prestatie} (numbers: an int when integral).
// Algorithm: the product is computed exactly, because products of a few short decimals often end
//   exactly on a rounding tie at the 10th decimal (0.95^5 = 0.7737809375), where a floating-point
//   product can fall on either side. Per link, toString(prestatie) (its shortest decimal form, as in
//   Python's repr; also 'm.mmmE-x' for tiny values) is parsed into an integer mantissa and a number
//   of decimals; the mantissas are multiplied as big integers in base-10^4 limbs (little-endian
//   lists; one schoolbook multiplication per link in a reduce, see below); the product, as a
//   digit string, is rounded half-even at 9 decimals by comparing the dropped digits with '50...0'.
//   A prestatie is at most 1 (model schema), so the rounded product R * 10^-9 has R <= 10^9 and
//   toFloat(R) / 1e9 is the correctly rounded float, as in Python. $drempel and the weakest link's
//   prestatie are rounded with round(x, 9, 'HALF_EVEN'), which works on the same shortest decimal form.
// Parameters: $model (model id), $drempel (threshold, a number; the CLI default is 0.8).
//   $peildatum is not used.
// The anchors' `id IS NOT NULL` (always true) lets the planner seek the model's nodes in the
// (model, id) uniqueness index instead of scanning the nodes of every model in the database.
MATCH (k:Keten {model: $model})
WHERE k.id IS NOT NULL
CALL (k) {
  MATCH (k)-[:SCHAKEL]->(s:Schakel {model: $model})
  WHERE s.prestatie IS NOT NULL
  WITH s, toString(s.prestatie) AS t
  WITH split(t, 'E')[0] AS mant, CASE WHEN t CONTAINS 'E' THEN toInteger(split(t, 'E')[1]) ELSE 0 END AS ex
  WITH ex, split(mant, '.')[0] AS ip, CASE WHEN mant CONTAINS '.' THEN split(mant, '.')[1] ELSE '' END AS fp
  WITH ip + fp AS cijfers, size(fp) - ex AS d
  // value = m * 10^-d with m an integer (< 10^18) and d >= 0
  WITH toInteger(cijfers) * reduce(z = 1, i IN range(1, -d) | z * 10) AS m,
       CASE WHEN d < 0 THEN 0 ELSE d END AS d
  RETURN count(*) AS n,
         sum(d) AS decimalen,
         // m in base-10^4 limbs, little-endian, without zero limbs on top (987 -> [987])
         collect([i IN range(0, 4) WHERE i = 0 OR m >= [1, 10000, 100000000, 1000000000000, 10000000000000000][i] |
                  (m / [1, 10000, 100000000, 1000000000000, 10000000000000000][i]) % 10000]) AS factoren
}
WITH k, n, decimalen, factoren
WHERE n > 0
// The exact product of the mantissas, in base-10^4 limbs. Per factor (in one reduce step, each
// stage bound to a name by the [x IN [value] | ...][0] idiom): (1) the schoolbook product with two
// zero limbs on top; (2) three vectorised carry passes (every limb keeps its value mod 10^4 and
// receives the carry of the limb below), which bring every limb back to at most 10^4, so the next
// product cannot overflow (<= 5 * 10^4 * 10^4 per limb) and nothing is carried past the top;
// (3) the zero limbs on top are dropped. No stage appends element by element, so a step costs
// O(limbs x factor limbs) and a chain of L links O(L^2); the one sequential carry
// propagation comes last, while the digits are written.
WITH k, n, decimalen,
     reduce(acc = [1], f IN factoren |
       [c0 IN [[j IN range(0, size(acc) + size(f)) |
                 reduce(t = 0, i IN range(CASE WHEN j - size(f) + 1 > 0 THEN j - size(f) + 1 ELSE 0 END,
                                          CASE WHEN j < size(acc) - 1 THEN j ELSE size(acc) - 1 END) |
                   t + acc[i] * f[j - i])]] |
       [c1 IN [[j IN range(0, size(c0) - 1) | c0[j] % 10000 + CASE WHEN j > 0 THEN c0[j - 1] / 10000 ELSE 0 END]] |
       [c2 IN [[j IN range(0, size(c1) - 1) | c1[j] % 10000 + CASE WHEN j > 0 THEN c1[j - 1] / 10000 ELSE 0 END]] |
       [c3 IN [[j IN range(0, size(c2) - 1) | c2[j] % 10000 + CASE WHEN j > 0 THEN c2[j - 1] / 10000 ELSE 0 END]] |
         c3[0 .. reduce(z = 0, j IN range(0, size(c3) - 1) | CASE WHEN c3[j] <> 0 THEN j ELSE z END) + 1]
       ][0]][0]][0]][0]) AS limbs
// as a digit string (the full carry propagation), left-padded to at least decimalen + 10 digits
WITH k, n, decimalen,
     reduce(st = {c: 0, s: ''}, j IN range(0, size(limbs) - 1) |
       {c: (limbs[j] + st.c) / 10000, s: right('000' + toString((limbs[j] + st.c) % 10000), 4) + st.s}) AS st
WITH k, n, decimalen, toString(st.c) + st.s AS cijfers
WITH k, n, decimalen, reduce(z = '', i IN range(1, decimalen + 10 - size(cijfers)) | z + '0') + cijfers AS cijfers
// rounded half-even to 9 decimals: R = round(product * 10^9)
WITH k, n,
     CASE
       WHEN decimalen <= 9
         THEN toInteger(right(cijfers, 18)) * reduce(z = 1, i IN range(1, 9 - decimalen) | z * 10)
       ELSE toInteger(right(substring(cijfers, 0, size(cijfers) - (decimalen - 9)), 18))
     END AS r0,
     CASE WHEN decimalen <= 9 THEN '' ELSE right(cijfers, decimalen - 9) END AS rest,
     CASE WHEN decimalen <= 9 THEN '' ELSE '5' + reduce(z = '', i IN range(1, decimalen - 10) | z + '0') END AS half
WITH k, n,
     CASE WHEN rest > half THEN r0 + 1 WHEN rest = half AND rest <> '' THEN r0 + r0 % 2 ELSE r0 END AS r,
     round(toFloat($drempel), 9, 'HALF_EVEN') AS grens
WITH k, n, grens,
     CASE WHEN r % 1000000000 = 0 THEN r / 1000000000 ELSE toFloat(r) / 1000000000.0 END AS product
WHERE product < grens
CALL (k) {
  MATCH (k)-[:SCHAKEL]->(s:Schakel {model: $model})
  WHERE s.prestatie IS NOT NULL
  RETURN s AS zwakste ORDER BY round(s.prestatie, 9, 'HALF_EVEN'), s.id LIMIT 1
}
RETURN k.id AS subject,
       [zwakste.id] AS related,
       {keten: CASE WHEN k.naam IS NULL OR k.naam = '' THEN k.id ELSE k.naam END,
        n: n,
        schakel: CASE WHEN zwakste.naam IS NULL OR zwakste.naam = '' THEN zwakste.id ELSE zwakste.naam END,
        product: product,
        drempel: CASE WHEN grens = floor(grens) THEN toInteger(grens) ELSE grens END,
        prestatie: zwakste.prestatie} AS facts
