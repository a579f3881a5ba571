// Translation table of the report (English, Norwegian bokmål) and locale number formats.
#include "ReportText.h"

#include <QHash>

#include <iterator>

namespace cl {

namespace {

struct Entry
{
    const char *en;
    const char *nb;
};

const QHash<QString, Entry> &table()
{
    static const QHash<QString, Entry> t = {
        {QStringLiteral("report.title"), {"Campaign report", "Kampanjerapport"}},
        {QStringLiteral("section.title"), {"About this report", "Om rapporten"}},
        {QStringLiteral("section.summary"), {"Executive summary", "Lederoppsummering"}},
        {QStringLiteral("section.actions"), {"Recommended actions", "Anbefalte tiltak"}},
        {QStringLiteral("section.overview"),
         {"Data overview and quality", "Dataoversikt og datakvalitet"}},
        {QStringLiteral("section.segments"), {"Segments", "Segmenter"}},
        {QStringLiteral("section.model"), {"Response model", "Responsmodell"}},
        {QStringLiteral("section.ab"), {"A/B test hypotheses", "Hypoteser for A/B-tester"}},
        {QStringLiteral("section.qa"), {"Questions and answers", "Spørsmål og svar"}},
        {QStringLiteral("section.methods"), {"Methods appendix", "Metodevedlegg"}},
        {QStringLiteral("label.rulebased"),
         {"Rule-based text (no AI endpoint): written from the computed figures by fixed rules.",
          "Regelbasert tekst (ingen AI-endepunkt): skrevet fra de beregnede tallene etter faste "
          "regler."}},
        {QStringLiteral("label.noai"),
         {"No AI endpoint is configured, so this section is rule-based.",
          "Ingen AI-endepunkt er satt opp, så denne delen er regelbasert."}},
        {QStringLiteral("fact"), {"Fact", "Opplysning"}},
        {QStringLiteral("value"), {"Value", "Verdi"}},
        {QStringLiteral("dataset"), {"Dataset", "Datasett"}},
        {QStringLiteral("rows"), {"Rows", "Rader"}},
        {QStringLiteral("sha"), {"SHA-256 (prefix)", "SHA-256 (start)"}},
        {QStringLiteral("daterange"), {"Date range", "Datoperiode"}},
        {QStringLiteral("daterange.unknown"), {"not in the data", "ikke i dataene"}},
        {QStringLiteral("daterange.live"),
         {"not known: a live table's rows have no order to read months from",
          "ukjent: radene i en direkte tabell har ingen rekkefølge å lese måneder fra"}},
        {QStringLiteral("livesource"), {"Where the rows are", "Hvor radene er"}},
        {QStringLiteral("livesource.value"),
         {"on %1, counted there when this report was made; no row left the server",
          "på %1, telt der da rapporten ble laget; ingen rad forlot serveren"}},
        {QStringLiteral("livesource.table"), {"%1, live table %2", "%1, direkte tabell %2"}},
        {QStringLiteral("livesource.query"), {"%1, live query %2", "%1, direkte spørring %2"}},
        {QStringLiteral("fingerprint"),
         {"Fingerprint (rows:checksum)", "Fingeravtrykk (rader:kontrollsum)"}},
        {QStringLiteral("daterange.months"),
         {"%1 to %2: %3 months with contacts, in row order (the year is not in the data; months "
          "without contacts are not counted)",
          "%1 til %2: %3 måneder med kontakter, i radrekkefølge (året står ikke i dataene; "
          "måneder uten kontakter telles ikke)"}},
        {QStringLiteral("daterange.shuffled"),
         {"not readable: the rows are not in date order (the month changes %1 times in %2 rows), "
          "so no date range or contact volume per month is estimated",
          "kan ikke leses: radene står ikke i datorekkefølge (måneden skifter %1 ganger på %2 "
          "rader), så verken datoperiode eller kontaktvolum per måned anslås"}},
        {QStringLiteral("generated"), {"Generated", "Laget"}},
        {QStringLiteral("version"), {"CampaignLens version", "CampaignLens-versjon"}},
        {QStringLiteral("synthetic"), {"Synthetic demo data", "Syntetiske demodata"}},
        {QStringLiteral("yes"), {"yes", "ja"}},
        {QStringLiteral("no"), {"no", "nei"}},
        {QStringLiteral("textsource"), {"Text source", "Tekstkilde"}},
        {QStringLiteral("textsource.rules"),
         {"rule-based (no AI endpoint)", "regelbasert (ingen AI-endepunkt)"}},
        {QStringLiteral("subscribers"), {"Subscribers", "Tegnet"}},
        {QStringLiteral("clients"), {"Clients", "Kunder"}},
        {QStringLiteral("rate"), {"Rate", "Andel"}},
        {QStringLiteral("ci95"), {"95% CI", "95 % KI"}},
        {QStringLiteral("segment"), {"Segment", "Segment"}},
        {QStringLiteral("rank"), {"Rank", "Plass"}},
        {QStringLiteral("flag"), {"Flag", "Merknad"}},
        {QStringLiteral("small"), {"small n", "lite n"}},
        {QStringLiteral("overall"), {"overall", "samlet"}},
        {QStringLiteral("column"), {"Column", "Kolonne"}},
        {QStringLiteral("type"), {"Type", "Type"}},
        {QStringLiteral("missing"), {"Missing", "Mangler"}},
        {QStringLiteral("unknown"), {"\"unknown\"", "\"unknown\""}},
        {QStringLiteral("levels"), {"Levels", "Nivåer"}},
        {QStringLiteral("rowsread"), {"Rows read", "Rader lest"}},
        {QStringLiteral("rejected"), {"Rows rejected", "Rader avvist"}},
        {QStringLiteral("duplicates"), {"Duplicate rows (kept)", "Dupliserte rader (beholdt)"}},
        {QStringLiteral("overallrate"), {"Overall response rate", "Samlet responsandel"}},
        {QStringLiteral("warnings"), {"Warnings from the import:", "Advarsler fra importen:"}},
        // Import warnings (QualityWarning codes). English uses the importer's own sentence.
        {QStringLiteral("qw.duration"),
         {"'%1' (call duration) is only known after the call and decides the outcome almost by "
          "itself: do not use it to choose whom to call (models leave it out by default)",
          "'%1' (samtalens varighet) er først kjent etter samtalen og avgjør utfallet nesten "
          "alene: ikke bruk den til å velge hvem som skal ringes (modellene utelater den som "
          "standard)"}},
        {QStringLiteral("qw.pdays"),
         {"'%1' uses a sentinel (999 or -1) for clients never contacted before: decoded to 'never "
          "contacted' (%2 = no unless previous or poutcome show an earlier contact)",
          "'%1' bruker en kodeverdi (999 eller -1) for kunder som ikke er kontaktet før: tolket "
          "som «aldri kontaktet» (%2 = no med mindre previous eller poutcome viser en tidligere "
          "kontakt)"}},
        {QStringLiteral("qw.identifier"),
         {"'%1' looks like an identifier or free text: kept in the raw table, left out of analysis",
          "'%1' ser ut som en identifikator eller fritekst: beholdt i rådatatabellen, utelatt fra "
          "analysen"}},
        {QStringLiteral("qw.unknown"),
         {"'%1' is 'unknown' for %2 of the rows", "'%1' er «unknown» for %2 av radene"}},
        {QStringLiteral("qw.missing"),
         {"'%1' is missing for %2 of the rows", "'%1' mangler for %2 av radene"}},
        {QStringLiteral("qw.rejected"),
         {"%1 rows could not be read; they are kept in the rejects table with line number and "
          "reason",
          "%1 rader kunne ikke leses; de er lagret i tabellen over avviste rader med linjenummer "
          "og årsak"}},
        {QStringLiteral("qw.duplicates"),
         {"%1 rows repeat an earlier row exactly (kept)",
          "%1 rader gjentar en tidligere rad nøyaktig (beholdt)"}},
        {QStringLiteral("qw.imbalance"),
         {"the outcome is imbalanced (%1 subscribed): judge models by AUC, lift and calibration, "
          "not accuracy",
          "utfallet er skjevt fordelt (%1 tegnet): vurder modeller etter AUC, løft og "
          "kalibrering, ikke treffsikkerhet"}},
        {QStringLiteral("qw.fewrows"),
         {"only %1 rows: segment rates will have wide confidence intervals",
          "bare %1 rader: andelene per segment får brede konfidensintervaller"}},
        {QStringLiteral("qw.renamed"),
         {"'%1' is stored as '%2': its name is taken by another column or by one the import adds",
          "'%1' er lagret som '%2': navnet er tatt av en annen kolonne eller av en som importen "
          "legger til"}},
        {QStringLiteral("qw.outofrange"),
         {"'%1': %2 rows rejected for a value that is not plausible there (accepted: %3 to %4; "
          "not NaN, not infinite)",
          "'%1': %2 rader avvist for en verdi som ikke er troverdig der (godtatt: %3 til %4; ikke "
          "NaN, ikke uendelig)"}},
        // The core's fixed phrases (ReportWording); English is the core's own text.
        {QStringLiteral("model.notrequested"), {"not requested", "ikke bestilt"}},
        {QStringLiteral("model.separation"),
         {"The outcome is separated by %1 term(s); maximum-likelihood estimates do not exist. "
          "Merge or drop the level, or use an L2 penalty.",
          "Utfallet skilles helt av %1 ledd; sannsynlighetsmaksimeringsestimater finnes ikke. "
          "Slå sammen eller fjern nivået, eller bruk en L2-straff."}},
        {QStringLiteral("model.notconverged"),
         {"not converged after %1 iterations", "ikke konvergert etter %1 iterasjoner"}},
        {QStringLiteral("model.cancelled"), {"cancelled", "avbrutt"}},
        {QStringLiteral("model.oneclass"),
         {"the outcome has one class only in these rows",
          "utfallet har bare én klasse i disse radene"}},
        {QStringLiteral("model.singular"),
         {"the information matrix is singular", "informasjonsmatrisen er singulær"}},
        {QStringLiteral("model.nosplit"),
         {"the split leaves no training or no test rows",
          "delingen gir ingen treningsrader eller ingen testrader"}},
        {QStringLiteral("model.norows"),
         {"no rows without missing values", "ingen rader uten manglende verdier"}},
        {QStringLiteral("excl.notselected"), {"not selected", "ikke valgt"}},
        {QStringLiteral("excl.user"), {"excluded by the user", "utelatt av brukeren"}},
        {QStringLiteral("excl.levels"), {"fewer than two levels", "færre enn to nivåer"}},
        {QStringLiteral("excl.duration"),
         {"known only after the call; it predicts the outcome by itself, so a targeting model "
          "cannot use it",
          "kjent først etter samtalen; den forutsier utfallet alene, så en modell for å velge "
          "hvem som skal ringes, kan ikke bruke den"}},
        {QStringLiteral("excl.campaign"),
         {"counts this campaign's calls up to the last one, so it is known only when the "
          "campaign is over (calls stop once a client says yes); a targeting model, which ranks "
          "clients before calling them, cannot use it",
          "teller kampanjens samtaler fram til den siste, så den er kjent først når kampanjen er "
          "over (det ringes ikke mer når en kunde har sagt ja); en modell som rangerer kunder før "
          "de ringes, kan ikke bruke den"}},
        {QStringLiteral("excl.pdays"),
         {"missing for clients never contacted before; poutcome carries that information",
          "mangler for kunder som ikke er kontaktet før; poutcome bærer den informasjonen"}},
        {QStringLiteral("excl.prevcontact"),
         {"the same clients as poutcome other than nonexistent; poutcome says more, and the two "
          "side by side gave contradicting odds ratios",
          "de samme kundene som poutcome ulik nonexistent; poutcome sier mer, og de to side om "
          "side ga motstridende oddsforhold"}},
        {QStringLiteral("excl.previous"),
         {"counts the contacts before this campaign, and poutcome already says whether there "
          "were any (previous 0 is poutcome nonexistent): side by side the model could not tell "
          "their effects apart",
          "teller kontaktene før denne kampanjen, og poutcome sier allerede om det var noen "
          "(previous 0 er poutcome nonexistent): side om side kunne ikke modellen skille "
          "virkningene deres"}},
        {QStringLiteral("excl.macro"),
         {"moves so closely with euribor3m and the other monthly economic indicators that the "
          "model could not tell their effects apart; euribor3m stands for the economic climate",
          "følger euribor3m og de andre månedlige økonomiske indikatorene så tett at modellen "
          "ikke kunne skille virkningene deres; euribor3m står for det økonomiske klimaet"}},
        {QStringLiteral("excl.ageband"),
         {"derived from age, which is used as a number", "avledet av age, som brukes som et tall"}},
        {QStringLiteral("type.integer"), {"integer", "heltall"}},
        {QStringLiteral("type.real"), {"real", "desimaltall"}},
        {QStringLiteral("type.text"), {"text", "tekst"}},
        {QStringLiteral("type.categorical"), {"categorical", "kategorisk"}},
        {QStringLiteral("type.target"), {"target", "utfall"}},
        // Model terms: column and level names stay as in the data.
        {QStringLiteral("term.level"), {"%1=%2 (ref %3)", "%1 = %2 (referanse: %3)"}},
        {QStringLiteral("term.persd"), {"%1 (per SD %2)", "%1 (per standardavvik %2)"}},
        {QStringLiteral("seg.promising"),
         {"Most promising segments (Wilson ranking)", "Mest lovende segmenter (Wilson-rangering)"}},
        {QStringLiteral("seg.weakest"),
         {"Weakest segments (lowest upper bound of the 95% interval)",
          "Svakeste segmenter (laveste øvre grense i 95 % intervallet)"}},
        {QStringLiteral("seg.raw"),
         {"The seed's view: ranked by raw rate", "Opprinnelig visning: rangert etter rå andel"}},
        {QStringLiteral("seg.intro"),
         {"Segments by %1 of %2 clients (%3 segments compared; %4 with fewer than %5 clients). "
          "The ranking uses the lower bound of the 95% Wilson interval, so a segment ranks high "
          "only when enough clients stand behind its rate.",
          "Segmenter etter %1 blant %2 kunder (%3 segmenter sammenlignet; %4 med færre enn %5 "
          "kunder). Rangeringen bruker nedre grense i 95 % Wilson-intervallet, så et segment "
          "rangeres høyt bare når nok kunder står bak andelen."}},
        {QStringLiteral("seg.why"),
         {"Why the two tables differ: ranked by raw rate, the top places go to segments with few "
          "clients (%1 of the top %2 have fewer than %3), whose rates are mostly chance; with "
          "%4 segments compared, some tiny ones are bound to show high rates. The Wilson ranking "
          "weighs each rate by the number of clients behind it.",
          "Hvorfor tabellene er ulike: rangert etter rå andel går toppen til segmenter med få "
          "kunder (%1 av de %2 øverste har færre enn %3), der andelen mest er tilfeldig; med %4 "
          "segmenter sammenlignet vil noen små alltid vise høye andeler. Wilson-rangeringen "
          "vekter hver andel med antallet kunder bak den."}},
        {QStringLiteral("seg.barcaption"),
         {"Response rate of the most promising segments with 95% intervals; the line is the "
          "overall rate.",
          "Responsandel for de mest lovende segmentene med 95 % intervaller; linjen er samlet "
          "andel."}},
        {QStringLiteral("seg.heatcaption"),
         {"Response rate by %1 and %2 (the number in each cell); grey cells have fewer than %3 "
          "clients.",
          "Responsandel etter %1 og %2 (tallet i hver celle); grå celler har færre enn %3 "
          "kunder."}},
        {QStringLiteral("model.notfitted"),
         {"Model not fitted: %1", "Modellen er ikke tilpasset: %1"}},
        {QStringLiteral("model.intro"),
         {"Logistic regression of subscription on %1 predictors, checked on the last %2 rows "
          "month by month: each of the %3 months was scored by a model fitted on every earlier "
          "row, as the bank would have used it then. The odds ratios below are those of the last "
          "of these models, fitted on the first %4 rows.",
          "Logistisk regresjon av tegning på %1 forklaringsvariabler, kontrollert på de siste %2 "
          "radene måned for måned: hver av de %3 månedene ble skåret av en modell tilpasset på "
          "alle tidligere rader, slik banken ville ha brukt den da. Oddsforholdene nedenfor er "
          "den siste av disse modellene, tilpasset på de første %4 radene."}},
        {QStringLiteral("model.intro.random"),
         {"Logistic regression of subscription on %1 predictors, fitted on %2 rows drawn at "
          "random (the rows are not in date order, so a time split is not possible) and checked "
          "on the other %3 rows, which the fit did not see.",
          "Logistisk regresjon av tegning på %1 forklaringsvariabler, tilpasset på %2 tilfeldig "
          "valgte rader (radene står ikke i datorekkefølge, så en tidsdeling er ikke mulig) og "
          "kontrollert på de andre %3 radene, som tilpasningen ikke så."}},
        {QStringLiteral("model.intro.time"),
         {"Logistic regression of subscription on %1 predictors, fitted on the first %2 rows and "
          "checked on the last %3 rows, the latest contacts, which the fit did not see.",
          "Logistisk regresjon av tegning på %1 forklaringsvariabler, tilpasset på de første %2 "
          "radene og kontrollert på de siste %3 radene, de nyeste kontaktene, som tilpasningen "
          "ikke så."}},
        {QStringLiteral("model.intro.time.unordered"),
         {"Logistic regression of subscription on %1 predictors, fitted on the first %2 rows and "
          "checked on the last %3 rows, which the fit did not see; the rows are not in date "
          "order, so these are not the latest contacts but close to a random sample.",
          "Logistisk regresjon av tegning på %1 forklaringsvariabler, tilpasset på de første %2 "
          "radene og kontrollert på de siste %3 radene, som tilpasningen ikke så; radene står "
          "ikke i datorekkefølge, så dette er ikke de nyeste kontaktene, men nær et tilfeldig "
          "utvalg."}},
        {QStringLiteral("model.intro.hash"),
         {"Logistic regression of subscription on %1 predictors, fitted on %2 rows and checked on "
          "the other %3 rows, which the fit did not see: a row is held out when a hash of its "
          "values falls in the lowest %4, so the same rows are held out wherever the data is "
          "counted.",
          "Logistisk regresjon av tegning på %1 forklaringsvariabler, tilpasset på %2 rader og "
          "kontrollert på de andre %3 radene, som tilpasningen ikke så: en rad holdes ut når en "
          "hash av verdiene faller i de laveste %4, så de samme radene holdes ut uansett hvor "
          "dataene telles."}},
        {QStringLiteral("model.intro.random.chosen"),
         {"Logistic regression of subscription on %1 predictors, fitted on %2 rows drawn at "
          "random and checked on the other %3 rows, which the fit did not see.",
          "Logistisk regresjon av tegning på %1 forklaringsvariabler, tilpasset på %2 tilfeldig "
          "valgte rader og kontrollert på de andre %3 radene, som tilpasningen ikke så."}},
        {QStringLiteral("model.run"),
         {"This section shows stored model run %1 (fitted %2).",
          "Denne delen viser lagret modellkjøring %1 (tilpasset %2)."}},
        {QStringLiteral("model.run.new"),
         {"No model run was stored for this dataset, so run %1 was fitted for this report with "
          "the default settings and stored.",
          "Ingen modellkjøring var lagret for dette datasettet, så kjøring %1 ble tilpasset for "
          "denne rapporten med standardinnstillingene og lagret."}},
        {QStringLiteral("model.run.unstored"),
         {"This model was fitted for this report with the default settings and is not stored.",
          "Denne modellen ble tilpasset for denne rapporten med standardinnstillingene og er "
          "ikke lagret."}},
        {QStringLiteral("model.noheldout"),
         {"model run %1 was fitted on every row, with none held out, so how well it ranks clients "
          "it has not seen is unknown; fit a run with a time or rolling split to show it here",
          "modellkjøring %1 ble tilpasset på alle rader uten noen holdt ut, så hvor godt den "
          "rangerer kunder den ikke har sett er ukjent; tilpass en kjøring med tids- eller "
          "rullerende deling for å vise den her"}},
        {QStringLiteral("model.profit"),
         {"Profit: with a call at %1 and a subscription worth %2 (assumed defaults; set your own "
          "in the Model view or with --cost-per-call and --value-per-subscription), calling the "
          "best %3 of the %4 held-out clients (score %5 or more) earns %6, the most of any list; "
          "calling all of them earns %7. A call pays when the chance of a yes is above %8.",
          "Lønnsomhet: med en samtale til %1 og en tegning verdt %2 (antatte standardverdier; "
          "sett egne i Modell-visningen eller med --cost-per-call og --value-per-subscription), "
          "gir de beste %3 av de %4 holdte-ut kundene (skår %5 eller mer) %6, mest av alle "
          "lister; å ringe alle gir %7. En samtale lønner seg når sjansen for ja er over %8."}},
        {QStringLiteral("model.auc"),
         {"AUC on the held-out rows: %1 (95% CI %2 to %3).",
          "AUC på de holdte-ut radene: %1 (95 % KI %2 til %3)."}},
        {QStringLiteral("model.target"),
         {"Calling the top %1 of clients by model score reaches %2 of the subscribers (held-out "
          "rows).",
          "Å ringe de %1 øverste kundene etter modellskår når %2 av dem som tegnet (holdte-ut "
          "rader)."}},
        {QStringLiteral("model.or"),
         {"Largest significant effects (odds ratios with 95% CI)",
          "Største signifikante effekter (oddsforhold med 95 % KI)"}},
        {QStringLiteral("model.or.penalised"),
         {"Largest effects of the penalised fit (odds ratios, shrunk towards 1)",
          "Største effekter i den straffede tilpasningen (oddsforhold, krympet mot 1)"}},
        {QStringLiteral("model.or.penalised.note"),
         {"The fit has an L2 penalty of %1, which shrinks every effect towards an odds ratio of "
          "1 and leaves it without a confidence interval or p-value: the effects are ranked by "
          "size only (a number's per standard deviation of its column), and none is shown as "
          "established.",
          "Tilpasningen har en L2-straff på %1, som krymper hver effekt mot et oddsforhold på 1 "
          "og gir den uten konfidensintervall eller p-verdi: effektene er rangert bare etter "
          "størrelse (et talls per standardavvik av kolonnen), og ingen er vist som fastslått."}},
        {QStringLiteral("model.or.note"),
         {"Ranked by size among the effects with p < 0.05; a number's effect is per standard "
          "deviation of its column (the SD in brackets), a level's against its reference. %1 "
          "terms with p >= 0.05 are not shown: their direction is not established.",
          "Rangert etter størrelse blant effektene med p < 0,05; et talls effekt er per "
          "standardavvik i kolonnen (standardavviket i parentes), et nivås mot referansen. %1 "
          "ledd med p >= 0,05 vises ikke: retningen er ikke fastslått."}},
        {QStringLiteral("model.persd"), {"%1 (per SD, %2)", "%1 (per standardavvik, %2)"}},
        {QStringLiteral("model.persd.unit"),
         {"%1 (per SD, %2 %3)", "%1 (per standardavvik, %2 %3)"}},
        {QStringLiteral("unit.years"), {"years", "år"}},
        {QStringLiteral("unit.euros"), {"euros", "euro"}},
        {QStringLiteral("unit.seconds"), {"seconds", "sekunder"}},
        {QStringLiteral("unit.calls"), {"calls", "samtaler"}},
        {QStringLiteral("unit.contacts"), {"contacts", "kontakter"}},
        {QStringLiteral("unit.days"), {"days", "dager"}},
        {QStringLiteral("unit.points"), {"percentage points", "prosentpoeng"}},
        {QStringLiteral("unit.index"), {"index points", "indekspoeng"}},
        {QStringLiteral("unit.thousands"), {"thousand employed", "tusen sysselsatte"}},
        {QStringLiteral("model.gains"),
         {"Gains by decile (held-out rows)", "Gevinst per desil (holdte-ut rader)"}},
        {QStringLiteral("term"), {"Term", "Ledd"}},
        {QStringLiteral("oddsratio"), {"Odds ratio", "Oddsforhold"}},
        {QStringLiteral("decile"), {"Decile", "Desil"}},
        {QStringLiteral("cumcapture"),
         {"Cumulative share of subscribers", "Kumulativ andel av tegnere"}},
        {QStringLiteral("lift"), {"Lift", "Løft"}},
        {QStringLiteral("model.forestcaption"),
         {"Odds ratios with 95% intervals (log scale); 1 = no effect.",
          "Oddsforhold med 95 % intervaller (log-skala); 1 = ingen effekt."}},
        {QStringLiteral("model.gainscaption"),
         {"Share of subscribers reached by calling the top share of clients by score.",
          "Andel tegnere nådd ved å ringe den øverste andelen kunder etter skår."}},
        {QStringLiteral("share.called"), {"Share of clients called", "Andel kunder ringt"}},
        {QStringLiteral("ab.intro"),
         {"Each hypothesis is tested against the current approach in the same segment. Plans: "
          "two-sided test of two proportions, alpha 0.05, power 0.8, equal arms, minimum "
          "detectable effect a relative lift of %1 on the segment's rate.",
          "Hver hypotese testes mot dagens tilnærming i samme segment. Planer: tosidig test av "
          "to andeler, alfa 0,05, styrke 0,8, like store grupper, minste påviselige effekt en "
          "relativ økning på %1 av segmentets andel."}},
        {QStringLiteral("ab.hypothesis"),
         {"Segment %1 responds at %2 (95% CI %3), %4 times the overall %5. Hypothesis: a "
          "campaign tailored to this segment lifts its rate from %2 to at least %6.",
          "Segmentet %1 svarer med %2 (95 % KI %3), %4 ganger samlet %5. Hypotese: en kampanje "
          "tilpasset segmentet løfter andelen fra %2 til minst %6."}},
        {QStringLiteral("ab.plan"), {"Plan", "Plan"}},
        {QStringLiteral("ab.baseline"), {"Baseline rate", "Utgangsandel"}},
        {QStringLiteral("ab.target"), {"Target rate", "Målandel"}},
        {QStringLiteral("ab.mde"), {"Minimum detectable effect", "Minste påviselige effekt"}},
        {QStringLiteral("ab.alpha"), {"Alpha (two-sided)", "Alfa (tosidig)"}},
        {QStringLiteral("ab.power"), {"Power", "Styrke"}},
        {QStringLiteral("ab.n"), {"Clients per arm", "Kunder per gruppe"}},
        {QStringLiteral("ab.volume"), {"Segment contacts per month", "Segmentkontakter per måned"}},
        {QStringLiteral("ab.volume.campaign"),
         {"Segment contacts per campaign", "Segmentkontakter per kampanje"}},
        {QStringLiteral("ab.duration"),
         {"Time to fill both arms", "Tid til begge grupper er fylt"}},
        {QStringLiteral("ab.months"), {"%1 months", "%1 måneder"}},
        {QStringLiteral("ab.toolong.campaign"),
         {"Not feasible as it stands: %1 times the segment's contacts in this dataset. Test it on "
          "a "
          "broader segment, contact more of these clients, or accept a larger detectable effect.",
          "Ikke gjennomførbar slik den står: %1 ganger segmentets kontakter i dette datasettet. "
          "Test "
          "på et bredere segment, kontakt flere av disse kundene, eller godta en større påvisbar "
          "effekt."}},
        {QStringLiteral("ab.toolong"),
         {"Not feasible as it stands: %1 months of this segment's contacts. Test it on a broader "
          "segment, contact more of these clients, or accept a larger detectable effect.",
          "Ikke gjennomførbar slik den står: %1 måneder med kontakter i dette segmentet. Test på "
          "et bredere segment, kontakt flere av disse kundene, eller godta en større påvisbar "
          "effekt."}},
        {QStringLiteral("ab.campaigns"), {"%1 campaigns", "%1 kampanjer"}},
        {QStringLiteral("ab.none"),
         {"No segment with enough clients for a test plan.",
          "Ingen segmenter med nok kunder til en testplan."}},
        {QStringLiteral("ab.relative"),
         {"+%1 relative (%2 points)", "+%1 relativt (%2 prosentpoeng)"}},
        {QStringLiteral("sum.overall"),
         {"%1 of %2 clients subscribed: an overall response rate of %3 (95% CI %4).",
          "%1 av %2 kunder tegnet: en samlet responsandel på %3 (95 % KI %4)."}},
        {QStringLiteral("sum.best"),
         {"The most promising segment with enough clients is %1: %2 of %3 clients (%4, 95% CI %5), "
          "%6 times the overall rate.",
          "Det mest lovende segmentet med nok kunder er %1: %2 av %3 kunder (%4, 95 % KI %5), %6 "
          "ganger samlet andel."}},
        {QStringLiteral("sum.seed"),
         {"The highest raw rate, %1 in %2, rests on %3 clients only and is not a basis for "
          "decisions.",
          "Den høyeste rå andelen, %1 i %2, bygger på bare %3 kunder og er ikke et "
          "beslutningsgrunnlag."}},
        {QStringLiteral("sum.weak"),
         {"The weakest segment is %1 at %2 (95% CI %3).",
          "Det svakeste segmentet er %1 med %2 (95 % KI %3)."}},
        {QStringLiteral("sum.nomodel"),
         {"No response model is in the report (see the model section).",
          "Rapporten har ingen responsmodell (se modelldelen)."}},
        {QStringLiteral("act.prioritise"),
         {"Prioritise %1 in the next campaign; together they hold %2 of the subscribers. Each "
          "beats the overall rate even with its interval corrected for the number of segments "
          "compared (Bonferroni).",
          "Prioriter %1 i neste kampanje; til sammen står de for %2 av tegnerne. Hvert slår "
          "samlet andel også med intervallet korrigert for antallet segmenter som sammenlignes "
          "(Bonferroni)."}},
        {QStringLiteral("act.deprioritise"),
         {"Contact %1 less often, or with a cheaper channel: its rate is %2.",
          "Kontakt %1 sjeldnere, eller via en billigere kanal: andelen er %2."}},
        {QStringLiteral("act.model"),
         {"Rank the call list by the model score: %1", "Ranger ringelisten etter modellskår: %1"}},
        {QStringLiteral("act.test"),
         {"Run the A/B test for %1 first, on a quarter of its contacts (%2 clients per arm): it "
          "can detect a rise from %3 to %4 (+%5) with 80% power, not a smaller one.",
          "Kjør A/B-testen for %1 først, på en firedel av kontaktene (%2 kunder per gruppe): den "
          "kan påvise en økning fra %3 til %4 (+%5) med 80 % styrke, ikke en mindre."}},
        {QStringLiteral("ab.sequential"),
         {"Sequential alternative (4 looks, O'Brien-Fleming)",
          "Sekvensielt alternativ (4 titt, O'Brien-Fleming)"}},
        {QStringLiteral("ab.sequential.value"),
         {"look after each quarter of the clients and stop once |z| passes %1; at most %2 "
          "clients per arm, on average %3 if the lift is real",
          "se på resultatet etter hver firedel av kundene og stopp når |z| passerer %1; høyst %2 "
          "kunder per gruppe, i snitt %3 hvis økningen er reell"}},
        {QStringLiteral("ab.horizon"),
         {"Within a quarter of its contacts", "Innen en firedel av kontaktene"}},
        {QStringLiteral("ab.horizon.value"),
         {"%1 clients per arm detect a rise to %2 (+%3) or more",
          "%1 kunder per gruppe påviser en økning til %2 (+%3) eller mer"}},
        {QStringLiteral("ab.horizon.none"),
         {"too few contacts to detect any rise", "for få kontakter til å påvise noen økning"}},
        {QStringLiteral("act.noprioritise"),
         {"No segment beats the overall rate (%1) by its whole interval, corrected for the number "
          "of segments compared: no segment is prioritised on this data.",
          "Ingen segmenter slår totalraten (%1) med hele intervallet, korrigert for antallet "
          "segmenter som sammenlignes: ingen segmenter prioriteres på disse dataene."}},
        {QStringLiteral("act.notest"),
         {"No segment test on a quarter of its contacts could detect a rise of less than half its "
          "rate (see the A/B section): test the approach on a broader segment before planning "
          "one.",
          "Ingen segmenttest på en firedel av kontaktene kunne påvise en økning på mindre enn "
          "halvparten av andelen (se A/B-delen): test tilnærmingen på et bredere segment før en "
          "plan lages."}},
        {QStringLiteral("act.small"),
         {"Do not act on segments flagged small n; pool them or gather more data first.",
          "Ikke handle på segmenter merket lite n; slå dem sammen eller samle mer data først."}},
        {QStringLiteral("qa.q1"),
         {"Which segments should we prioritise in the next campaign?",
          "Hvilke segmenter bør vi prioritere i neste kampanje?"}},
        {QStringLiteral("qa.a1"),
         {"Prioritise, in this order: %1. Each has at least %2 clients and an interval above the "
          "overall rate of %3, corrected for the number of segments compared (Bonferroni). "
          "Segments with a higher raw rate but fewer clients, and those whose interval reaches "
          "the overall rate, are left out on purpose.",
          "Prioriter i denne rekkefølgen: %1. Hvert har minst %2 kunder og et intervall over "
          "samlet andel på %3, korrigert for antallet segmenter som sammenlignes (Bonferroni). "
          "Segmenter med høyere rå andel men færre kunder, og de der intervallet når samlet "
          "andel, er utelatt med vilje."}},
        {QStringLiteral("qa.pinned.label"),
         {"Answer from chat, %1, %2. Numbers marked [unverified] matched nothing computed when "
          "it was asked.",
          "Svar fra chatten, %1, %2. Tall merket [ubekreftet] stemte ikke med noe beregnet da "
          "spørsmålet ble stilt."}},
        {QStringLiteral("qa.pinned.nomodel"), {"unknown model", "ukjent modell"}},
        {QStringLiteral("qa.pinned.noanswer"),
         {"No answer was stored in chat.", "Chatten lagret ikke noe svar."}},
        {QStringLiteral("m.segments"), {"Segment tables", "Segmenttabeller"}},
        {QStringLiteral("m.segments.text"),
         {"Counts per segment equal this SQL on the workspace (the engine counts the same rows "
          "in memory). Wilson 95% interval with z = 1.959964; minimum clients %1; ranking by the "
          "Wilson lower bound, small segments last.",
          "Tallene per segment er lik denne SQL-spørringen mot arbeidsområdet (motoren teller de "
          "samme radene i minnet). Wilson 95 % intervall med z = 1,959964; minste antall kunder "
          "%1; rangering etter nedre Wilson-grense, små segmenter sist."}},
        {QStringLiteral("m.segments.live"),
         {"Counts per segment are this one GROUP BY on %1, with the import's cleaning rules "
          "written as SQL expressions (the rows stayed on the server). Wilson 95% interval with "
          "z = 1.959964; minimum clients %2; ranking by the Wilson lower bound, small segments "
          "last.",
          "Tallene per segment er denne ene GROUP BY-spørringen på %1, med importens "
          "renseregler skrevet som SQL-uttrykk (radene ble på serveren). Wilson 95 % intervall "
          "med z = 1,959964; minste antall kunder %2; rangering etter nedre Wilson-grense, små "
          "segmenter sist."}},
        {QStringLiteral("m.model"), {"Model settings", "Modellinnstillinger"}},
        {QStringLiteral("m.ab"), {"A/B test plans", "A/B-testplaner"}},
        {QStringLiteral("m.ab.text"),
         {"Sample size by the arcsine method (Cohen's h = 2 asin sqrt(p2) - 2 asin sqrt(p1)), "
          "solving power = Phi(|h| sqrt(n/2) - z) + Phi(-|h| sqrt(n/2) - z) for n, as statsmodels "
          "NormalIndPower with proportion_effectsize. Contact volume: segment clients divided by "
          "the months with contacts found in row order, when the rows are in date order; "
          "otherwise in file volumes (one file's contacts per period).",
          "Utvalgsstørrelse etter arcsin-metoden (Cohens h = 2 asin sqrt(p2) - 2 asin sqrt(p1)), "
          "der styrke = Phi(|h| sqrt(n/2) - z) + Phi(-|h| sqrt(n/2) - z) løses for n, som "
          "statsmodels NormalIndPower med proportion_effectsize. Kontaktvolum: segmentets kunder "
          "delt på månedene med kontakter funnet i radrekkefølge, når radene står i "
          "datorekkefølge; ellers i filvolumer (én fils kontakter per periode)."}},
        {QStringLiteral("m.llm"), {"Text generation", "Tekstgenerering"}},
        {QStringLiteral("m.llm.text"),
         {"No language model was used: summary, actions, hypotheses and answers are rule-based "
          "(prompt version: none).",
          "Ingen språkmodell ble brukt: oppsummering, tiltak, hypoteser og svar er regelbaserte "
          "(promptversjon: ingen)."}},
        {QStringLiteral("m.llm.pinned"),
         {"Summary, actions and hypotheses are rule-based (prompt version: none). The Q&A quotes "
          "answers given in chat by %1, each marked as a chat answer with its unverified numbers.",
          "Oppsummering, tiltak og hypoteser er regelbaserte (promptversjon: ingen). Spørsmål og "
          "svar siterer svar gitt i chatten av %1, hvert merket som chatsvar med sine ikke "
          "bekreftede tall."}},
        {QStringLiteral("setting"), {"Setting", "Innstilling"}},
        {QStringLiteral("m.method"), {"Method", "Metode"}},
        {QStringLiteral("m.method.penalised"),
         {"logistic regression, Newton/IRLS, L2 penalty %1 on standardised numbers",
          "logistisk regresjon, Newton/IRLS, L2-straff %1 på standardiserte tall"}},
        {QStringLiteral("m.method.value"),
         {"logistic regression, Newton/IRLS, no penalty",
          "logistisk regresjon, Newton/IRLS, uten straffeledd"}},
        {QStringLiteral("m.split"), {"Validation split", "Valideringsdeling"}},
        {QStringLiteral("m.split.time"),
         {"time: the last %1 of the rows (the latest contacts) held out",
          "tid: de siste %1 av radene (de nyeste kontaktene) holdt ut"}},
        {QStringLiteral("m.split.time.unordered"),
         {"the last %1 of the rows held out (not in date order: not the latest contacts)",
          "de siste %1 av radene holdt ut (ikke i datorekkefølge: ikke de nyeste kontaktene)"}},
        {QStringLiteral("m.split.random.chosen"),
         {"stratified random: %1 held out, seed %2",
          "stratifisert tilfeldig: %1 holdt ut, frø %2"}},
        {QStringLiteral("m.split.value"),
         {"rolling origin: the last %1 of the rows, each month scored by a model fitted on "
          "every earlier row",
          "rullerende opprinnelse: de siste %1 av radene, hver måned skåret av en modell "
          "tilpasset på alle tidligere rader"}},
        {QStringLiteral("m.split.hash"),
         {"by row hash: %1 held out, the rows whose values hash lowest (the same rows on every "
          "engine and in a snapshot)",
          "etter rad-hash: %1 holdt ut, radene med lavest hash av verdiene (de samme radene i "
          "alle motorer og i et øyeblikksbilde)"}},
        {QStringLiteral("m.split.random"),
         {"stratified random (the rows are not in date order): %1 held out, seed %2",
          "stratifisert tilfeldig (radene står ikke i datorekkefølge): %1 holdt ut, frø %2"}},
        {QStringLiteral("m.reference"), {"Reference levels", "Referansenivåer"}},
        {QStringLiteral("m.reference.value"),
         {"most frequent level; levels under 0.05% of the rows, and levels where every client "
          "has the same outcome, merged into it",
          "hyppigste nivå; nivåer under 0,05 % av radene, og nivåer der alle kunder har samme "
          "utfall, slått sammen med det"}},
        {QStringLiteral("model.unstable"),
         {"These predictors move so closely with the others that their odds ratios are unstable "
          "(VIF above 10: adding or leaving out a related column can change an effect's size or "
          "direction): %1. Read them together, not one by one.",
          "Disse forklaringsvariablene følger de andre så tett at oddsforholdene deres er "
          "ustabile (VIF over 10: å legge til eller ta bort en beslektet kolonne kan endre en "
          "effekts størrelse eller retning): %1. Les dem samlet, ikke hver for seg."}},
        {QStringLiteral("model.unseen"),
         {"%1 held-out rows had a level that no earlier row had (%2), so the model before them "
          "could not estimate it; they were scored at that column's average effect.",
          "%1 holdt-ut rader hadde et nivå som ingen tidligere rad hadde (%2), så modellen før "
          "dem kunne ikke anslå det; de ble skåret med kolonnens gjennomsnittlige effekt."}},
        {QStringLiteral("model.unseen.reference"),
         {"%1 held-out rows had a level the training rows never had (%2), so the model could not "
          "estimate it and scored them as the reference level; the held-out figures understate "
          "what the model would do with it.",
          "%1 holdt-ut rader hadde et nivå treningsradene aldri hadde (%2), så modellen kunne "
          "ikke anslå det og skåret dem som referansenivået; de holdte-ut tallene undervurderer "
          "hva modellen ville gjort med det."}},
        {QStringLiteral("model.shift"),
         {"The held-out rows subscribe at %1, the earlier rows at %2: the later period "
          "differs, so the calibration and accuracy measured on it reflect that shift as much as "
          "the model. The ranking (AUC, lift) is what to judge it by; recalibrate on recent "
          "contacts before reading scores as probabilities.",
          "De holdt-ut radene tegner med %1, de tidligere radene med %2: den senere perioden "
          "skiller "
          "seg ut, så kalibrering og treffsikkerhet målt der gjenspeiler det skiftet like mye som "
          "modellen. Rangeringen (AUC, løft) er det modellen bør vurderes etter; kalibrer på nye "
          "kontakter før poengsummene leses som sannsynligheter."}},
        {QStringLiteral("m.predictors"), {"Predictors", "Forklaringsvariabler"}},
        {QStringLiteral("m.aliased"),
         {"Left out: a combination of the other predictors",
          "Utelatt: en kombinasjon av de andre forklaringsvariablene"}},
        {QStringLiteral("m.excluded"), {"Left out: %1", "Utelatt: %1"}},
        {QStringLiteral("m.status"), {"Status", "Status"}},
        {QStringLiteral("m.weakest"),
         {"Weakest segments: segments with at least the minimum clients, sorted by the upper "
          "bound of their 95% Wilson interval (lowest first), so a segment is listed only when "
          "even its optimistic rate is low.",
          "Svakeste segmenter: segmenter med minst minste antall kunder, sortert etter øvre "
          "grense i 95 % Wilson-intervallet (lavest først), så et segment står der bare når "
          "selv den optimistiske andelen er lav."}},
        {QStringLiteral("page"), {"page %1 of %2", "side %1 av %2"}},
    };
    return t;
}

} // namespace

ReportText::ReportText(const QString &language)
    : m_language(language == QLatin1String("nb") ? QStringLiteral("nb") : QStringLiteral("en")),
      m_numbers(m_language)
{
}

bool ReportText::isSupported(const QString &language)
{
    return language == QLatin1String("en") || language == QLatin1String("nb");
}

QString ReportText::tr(const char *key) const
{
    const auto it = table().constFind(QString::fromLatin1(key));
    if (it == table().constEnd())
        return QString::fromLatin1(key);
    return QString::fromUtf8(m_language == QLatin1String("nb") ? it->nb : it->en);
}

QString ReportText::percent(double rate, int decimals) const
{
    return m_numbers.percent(rate, decimals);
}

QString ReportText::interval(double low, double high, int decimals) const
{
    return QStringLiteral("[%1, %2]").arg(percent(low, decimals), percent(high, decimals));
}

QString ReportText::count(qint64 n) const
{
    return m_numbers.count(n);
}

QString ReportText::number(double x, int decimals) const
{
    return m_numbers.number(x, decimals);
}

QString ReportText::month(const QString &code) const
{
    static const char *const kCodes[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    static const char *const kNb[] = {"jan", "feb", "mar", "apr", "mai", "jun",
                                      "jul", "aug", "sep", "okt", "nov", "des"};
    if (m_language != QLatin1String("nb"))
        return code;
    for (size_t i = 0; i < std::size(kCodes); ++i)
        if (code.compare(QLatin1String(kCodes[i]), Qt::CaseInsensitive) == 0)
            return QLatin1String(kNb[i]);
    return code;
}

QString ReportText::unverifiedMark() const
{
    return m_language == QLatin1String("nb") ? QStringLiteral(" [ubekreftet]")
                                             : QStringLiteral(" [unverified]");
}

} // namespace cl
