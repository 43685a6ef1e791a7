// afspraken-verlopen: the afspraken that end within a number of days of the peildatum
//
// Vraag: welke afspraken lopen af binnen $dagen dagen na de peildatum, en wie zijn de partijen?
//
// Answers: every afspraak whose geldig_tot lies from $peildatum up to $peildatum + $dagen days
// (both included). One row per afspraak, soonest first:
//   afspraak, naam, soort   the agreement
//   geldig_tot              its last day, YYYY-MM-DD
//   dagen                   days from $peildatum to geldig_tot (0: it ends on the peildatum)
//   partijen                ids of its partijen, sorted
// Afspraken without geldig_tot never end and are left out. Date arithmetic is spelled differently
// by the two engines: afspraken-verlopen.embedded.cypher is the embedded engine's text.
//
// Parameters:
//   $model       model id (with --model: that model's)
//   $dagen       number of days, 0 or more
//   $peildatum   YYYY-MM-DD (with --model: the model's peildatum, else today, or --peildatum)
//
// Example:
//   ketengraaf query afspraken-verlopen --model modellen/belastingdienst.yaml --param dagen=365
MATCH (a:Afspraak {model: $model})
WHERE a.id IS NOT NULL AND a.geldig_tot IS NOT NULL AND a.geldig_tot >= $peildatum
  AND date(a.geldig_tot) <= date($peildatum) + duration({days: $dagen})
MATCH (a)-[:PARTIJ]->(p:Organisatie)
WITH a, p ORDER BY p.id
WITH a, collect(DISTINCT p.id) AS partijen
RETURN a.id AS afspraak, a.naam AS naam, a.soort AS soort, a.geldig_tot AS geldig_tot,
       duration.inDays(date($peildatum), date(a.geldig_tot)).days AS dagen, partijen
ORDER BY geldig_tot, afspraak
