// zonder-eigenaar: chain links and data without an owner, as the rules K03 and D01 find them
//
// Vraag: welke schakels van ketens en welke gegevens hebben geen eigenaar?
//
// Answers: what analyse reports for K03 (a schakel without eigenaar whose uitvoerder is not
// verantwoord) and D01 (gegevens without eigenaar), minus the findings accepted by a valid
// uitzondering. This query runs those rules themselves, on the engine of the query (on Neo4j their
// Cypher twins, queries/rules/K03.cypher and D01.cypher; embedded their Python checks, which the
// rule twins' parity tests keep equal), so *verantwoord* is never written out a third time. One row
// per finding, in analyse's order:
//   regel          K03 or D01
//   onderwerp      the schakel or gegevens id
//   gerelateerd    for K03: the keten and the uitvoerder; for D01: none
//   bericht        the finding's message (Dutch)
// It needs the model: --model MODEL (with --backend neo4j too).
//
// Parameters:
//   $model   the model of --model
//
// Example:
//   ketengraaf query zonder-eigenaar --model modellen/basisregistraties.yaml
//
// @rules: K03 D01
