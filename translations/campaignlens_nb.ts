<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO">
<context>
    <name>DataPlainWords</name>
    <message>
        <source>&lt;b&gt;%1 clients, %2 of them said yes&lt;/b&gt; (%3)</source>
        <translation>&lt;b&gt;%1 kunder, %2 av dem sa ja&lt;/b&gt; (%3)</translation>
    </message>
    <message>
        <source>, about 1 in %1</source>
        <translation>, omtrent 1 av %1</translation>
    </message>
    <message>
        <source>Every line of the file was read.</source>
        <translation>Hver linje i filen ble lest.</translation>
    </message>
    <message>
        <source>%1 of %2 lines could not be read: they are listed under rejected rows and left out of every figure.</source>
        <translation>%1 av %2 linjer kunne ikke leses: de står under avviste rader og er holdt utenfor alle tall.</translation>
    </message>
    <message>
        <source>%1 is unknown for %2 of the clients</source>
        <translation>%1 er ukjent for %2 av kundene</translation>
    </message>
    <message>
        <source> (about 1 in %1)</source>
        <translation> (omtrent 1 av %1)</translation>
    </message>
    <message>
        <source>: they form a group of their own</source>
        <translation>: de utgjør en egen gruppe</translation>
    </message>
    <message>
        <source>%1 is empty for %2 of the clients</source>
        <translation>%1 er tom for %2 av kundene</translation>
    </message>
    <message>
        <source>%1 is known only after the call, so it cannot choose whom to call: models leave it out</source>
        <translation>%1 er først kjent etter samtalen, så den kan ikke velge hvem som skal ringes: modellene utelater den</translation>
    </message>
    <message>
        <source>%1 rows repeat an earlier row exactly; they are kept and counted</source>
        <translation>%1 rader gjentar en tidligere rad nøyaktig; de beholdes og telles med</translation>
    </message>
    <message>
        <source>with so few clients, the rates of small groups are uncertain</source>
        <translation>med så få kunder er andelene i små grupper usikre</translation>
    </message>
    <message>
        <source>Good to know: %1.</source>
        <translation>Greit å vite: %1.</translation>
    </message>
    <message>
        <source>Every row of the table was counted where it is held; none was copied.</source>
        <translation>Hver rad i tabellen ble telt der den ligger; ingen ble kopiert.</translation>
    </message>
</context>
<context>
    <name>ModelPlainWords</name>
    <message>
        <source>Calling the %1 of clients this model scores highest would reach %2 of the subscribers, %3 times as many as calling at random.</source>
        <translation>Å ringe de %1 av kundene som modellen gir høyest skår, ville nå %2 av dem som tegnet, %3 ganger så mange som tilfeldige oppringninger.</translation>
    </message>
    <message>
        <source>It ranks a subscriber above a non-subscriber %1 of the time (guessing: 50%).</source>
        <translation>Den rangerer en kunde som tegnet over en som ikke tegnet i %1 av tilfellene (gjetning: 50 %).</translation>
    </message>
    <message>
        <source>Held-out clients: %1. Capture of the top %2 by score: %3 (lift %4). AUC %5, 95% CI %6 to %7 (DeLong).</source>
        <translation>Holdt-ut kunder: %1. Andel fanget av de øverste %2 etter skår: %3 (løft %4). AUC %5, 95 % KI %6 til %7 (DeLong).</translation>
    </message>
    <message>
        <source>Fitted on every client, so none was kept back to test it: how well it picks new clients is not measured here.</source>
        <translation>Tilpasset på alle kundene, så ingen ble holdt tilbake for å teste den: hvor godt den velger ut nye kunder, er ikke målt her.</translation>
    </message>
    <message>
        <source>Split: none; no held-out metrics.</source>
        <translation>Oppdeling: ingen; ingen mål på holdt-ute kunder.</translation>
    </message>
    <message>
        <source>%1: odds ratio %2 [%3, %4]</source>
        <translation>%1: oddsforhold %2 [%3, %4]</translation>
    </message>
    <message>
        <source>%1: odds ratio %2 [%3, %4] against %5</source>
        <translation>%1: oddsforhold %2 [%3, %4] mot %5</translation>
    </message>
    <message>
        <source>Most likely to say yes, other things equal: %1.</source>
        <translation>Mest tilbøyelige til å si ja, alt annet likt: %1.</translation>
    </message>
    <message>
        <source>Least likely: %1.</source>
        <translation>Minst tilbøyelige: %1.</translation>
    </message>
    <message>
        <source>No group stands out from its reference beyond chance.</source>
        <translation>Ingen gruppe skiller seg ut fra referansen sin mer enn tilfeldig.</translation>
    </message>
    <message>
        <source>Groups named: level terms whose 95% Wald interval of the odds ratio lies wholly above (or below) 1, the strongest three, the other columns held fixed: %1.</source>
        <translation>Grupper som nevnes: nivåledd der hele 95 % Wald-intervallet for oddsforholdet ligger over (eller under) 1, de tre sterkeste, med de andre kolonnene holdt faste: %1.</translation>
    </message>
    <message>
        <source>Logistic regression, %1 terms, %2 Newton iterations.</source>
        <translation>Logistisk regresjon, %1 ledd, %2 Newton-iterasjoner.</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Show Details...</source>
        <translation>Vis detaljer …</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>Skjul detaljer …</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source> The report has no model: %1.</source>
        <translation> Rapporten har ingen modell: %1.</translation>
    </message>
    <message>
        <source> Model run %1 was fitted with the default settings and stored.</source>
        <translation> Modellkjøring %1 ble tilpasset med standardinnstillingene og lagret.</translation>
    </message>
    <message>
        <source> AI text failed (%1): those sections are rule-based.</source>
        <translation> AI-teksten mislyktes (%1): de delene er regelbaserte.</translation>
    </message>
    <message>
        <source> %1 number(s) in the AI text are marked unverified.</source>
        <translation> %1 tall i AI-teksten er merket ubekreftet.</translation>
    </message>
    <message>
        <source>Wrote %1 in %2.</source>
        <translation>Skrev %1 på %2.</translation>
    </message>
    <message>
        <source>Filters: none (all clients)</source>
        <translation>Filtre: ingen (alle kunder)</translation>
    </message>
    <message>
        <source>Filters: %1</source>
        <translation>Filtre: %1</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lagre</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Lagre alle</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Åpne</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Ja</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Ja til &amp;alle</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Nei</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>N&amp;ei til alle</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Prøv igjen</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignorer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Forkast</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Hjelp</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Bruk</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Tilbakestill</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Gjenopprett standardverdier</translation>
    </message>
</context>
<context>
    <name>SegmentPlainWords</name>
    <message>
        <source>Every segment has fewer than %1 clients: too few to say which responds best. Split by fewer columns or widen the filters.</source>
        <translation>Alle segmentene har færre enn %1 kunder: for få til å si hvilket som svarer best. Del opp etter færre kolonner eller utvid filtrene.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Best to call: %1&lt;/b&gt;. %2 of them said yes (%3 of %4 clients), against %5 overall; even at the low end of what the data allow, at least %6.</source>
        <translation>&lt;b&gt;Best å ringe: %1&lt;/b&gt;. %2 av dem sa ja (%3 av %4 kunder), mot %5 samlet; selv i nedre ende av det dataene tillater, minst %6.</translation>
    </message>
    <message>
        <source>&lt;b&gt;No segment responds surely better than the overall %1.&lt;/b&gt; The highest rates belong to segments too small to tell them from luck.</source>
        <translation>&lt;b&gt;Ingen segmenter svarer sikkert bedre enn samlet %1.&lt;/b&gt; De høyeste andelene tilhører segmenter som er for små til å skilles fra flaks.</translation>
    </message>
    <message>
        <source>%1 of the %2 segments respond better than average by more than chance, %3 worse.</source>
        <translation>%1 av de %2 segmentene svarer bedre enn snittet med mer enn tilfeldigheter, %3 dårligere.</translation>
    </message>
    <message>
        <source>Named: of the segments with at least %1 clients, the highest Wilson 95% lower bound (%2, interval %3 to %4). Better or worse than average: the Wilson interval lies above (below) the overall rate also at z = %5, Bonferroni-corrected for %6 segments compared.</source>
        <translation>Nevnt: av segmentene med minst %1 kunder, den høyeste nedre Wilson-grensen (95 %) (%2, intervall %3 til %4). Bedre eller dårligere enn snittet: Wilson-intervallet ligger over (under) samlet andel også ved z = %5, Bonferroni-korrigert for %6 segmenter sammenlignet.</translation>
    </message>
</context>
<context>
    <name>cl::ChatPanel</name>
    <message>
        <source>Share:</source>
        <translation>Del:</translation>
    </message>
    <message>
        <source>Aggregates only</source>
        <translation>Bare aggregater</translation>
    </message>
    <message>
        <source>Schema only</source>
        <translation>Bare skjema</translation>
    </message>
    <message>
        <source>Rows allowed</source>
        <translation>Rader tillatt</translation>
    </message>
    <message>
        <source>What may leave this machine. Aggregates: counts and rates of groups of at least k clients. Schema: column names and levels only. Rows: row-level records (explicit opt-in, remembered for this workspace).</source>
        <translation>Hva som kan forlate denne maskinen. Aggregater: antall og andeler for grupper på minst k kunder. Skjema: bare kolonnenavn og nivåer. Rader: enkeltposter (må slås på uttrykkelig, huskes for dette arbeidsområdet).</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>Forhåndsvis…</translation>
    </message>
    <message>
        <source>Show exactly what the next question would send</source>
        <translation>Vis nøyaktig hva neste spørsmål vil sende</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Innstillinger…</translation>
    </message>
    <message>
        <source>Try:</source>
        <translation>Prøv:</translation>
    </message>
    <message>
        <source>Which segments should we prioritise in the next campaign?</source>
        <translation>Hvilke segmenter bør vi prioritere i neste kampanje?</translation>
    </message>
    <message>
        <source>How does the subscription rate differ by age band?</source>
        <translation>Hvordan varierer tegningsandelen med aldersgruppe?</translation>
    </message>
    <message>
        <source>Which jobs respond best, and how sure are we?</source>
        <translation>Hvilke yrker svarer best, og hvor sikre er vi?</translation>
    </message>
    <message>
        <source>Did clients contacted before subscribe more often?</source>
        <translation>Tegnet kunder som var kontaktet før, oftere?</translation>
    </message>
    <message>
        <source>Ask about this dataset…</source>
        <translation>Spør om dette datasettet…</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Spør</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Computing locally…</source>
        <translation>Beregner lokalt…</translation>
    </message>
    <message>
        <source>Waiting for %1…</source>
        <translation>Venter på %1…</translation>
    </message>
    <message>
        <source>Check Settings: an API key (or OPENAI_API_KEY) for OpenAI, or the base URL of a local server.</source>
        <translation>Sjekk Innstillinger: en API-nøkkel (eller OPENAI_API_KEY) for OpenAI, eller basis-URL-en til en lokal server.</translation>
    </message>
    <message>
        <source>The key could not be saved in the system keychain (%1); it is kept for this session only.</source>
        <translation>Nøkkelen kunne ikke lagres i systemets nøkkelring (%1); den beholdes bare i denne økten.</translation>
    </message>
    <message>
        <source>The base URL is not valid: set it in Settings.</source>
        <translation>Basis-URL-en er ugyldig: angi den i Innstillinger.</translation>
    </message>
    <message>
        <source>No API key: set OPENAI_API_KEY before starting CampaignLens, or enter a key in Settings (for this session, or remembered in the system keychain), or set a local OpenAI-compatible server&apos;s base URL (e.g. http://127.0.0.1:11434/v1 for Ollama).</source>
        <translation>Ingen API-nøkkel: angi OPENAI_API_KEY før du starter CampaignLens, skriv inn en nøkkel i Innstillinger (for denne økten, eller husket i systemets nøkkelring), eller angi basis-URL-en til en lokal OpenAI-kompatibel server (f.eks. http://127.0.0.1:11434/v1 for Ollama).</translation>
    </message>
    <message>
        <source>Your question was not sent. %1 Settings opened for it; the question is kept in the box below.</source>
        <translation>Spørsmålet ble ikke sendt. %1 Innstillinger er åpnet for dette; spørsmålet står fortsatt i feltet nedenfor.</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source> · session: ~%1 tokens (estimated)</source>
        <translation> · økt: ~%1 tokens (anslått)</translation>
    </message>
    <message>
        <source>, ~$%1 (estimated)</source>
        <translation>, ~$%1 (anslått)</translation>
    </message>
    <message>
        <source>, cost unknown (no price for the model)</source>
        <translation>, ukjent kostnad (ingen pris for modellen)</translation>
    </message>
    <message>
        <source> · session: %1 tokens</source>
        <translation> · økt: %1 tokens</translation>
    </message>
    <message>
        <source>, $%1</source>
        <translation>, $%1</translation>
    </message>
    <message>
        <source> · no tokens used yet</source>
        <translation> · ingen tokens brukt ennå</translation>
    </message>
    <message>
        <source>The server reported no token usage for some answers: those are estimated at about 4 characters a token of the request and the answer.</source>
        <translation>Serveren oppga ikke tokenbruk for noen svar: de er anslått til om lag 4 tegn per token i forespørselen og svaret.</translation>
    </message>
    <message>
        <source>Loading the dataset for the chat…</source>
        <translation>Laster datasettet for chatten…</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Cannot load the dataset: %1</source>
        <translation>Kan ikke laste datasettet: %1</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Grunnlag</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopier</translation>
    </message>
    <message>
        <source>Pin to report</source>
        <translation>Fest til rapporten</translation>
    </message>
    <message>
        <source>The report&apos;s Q&amp;A section includes pinned questions.</source>
        <translation>Rapportens del med spørsmål og svar tar med festede spørsmål.</translation>
    </message>
    <message>
        <source>Pinned to report</source>
        <translation>Festet til rapporten</translation>
    </message>
    <message>
        <source>Could not pin: %1</source>
        <translation>Kunne ikke feste: %1</translation>
    </message>
    <message>
        <source>✓ Every number matches the data sent.</source>
        <translation>✓ Alle tall stemmer med dataene som ble sendt.</translation>
    </message>
    <message>
        <source>⚠ 1 number matches nothing computed here: %1</source>
        <translation>⚠ 1 tall stemmer ikke med noe som er beregnet her: %1</translation>
    </message>
    <message>
        <source>⚠ %1 numbers match nothing computed here: %2</source>
        <translation>⚠ %1 tall stemmer ikke med noe som er beregnet her: %2</translation>
    </message>
    <message>
        <source>Shared: %1</source>
        <translation>Delt: %1</translation>
    </message>
    <message>
        <source>Evidence (1 tool call)</source>
        <translation>Grunnlag (1 verktøykall)</translation>
    </message>
    <message>
        <source>Evidence (%1 tool calls)</source>
        <translation>Grunnlag (%1 verktøykall)</translation>
    </message>
    <message>
        <source>Allow row-level data?</source>
        <translation>Tillate data på radnivå?</translation>
    </message>
    <message>
        <source>Questions may then send individual client records (up to %1 rows per query) to %2. The choice is remembered for this workspace, also for campaignlens-cli ask. Allow row-level data?</source>
        <translation>Spørsmål kan da sende enkeltposter om kunder (opptil %1 rader per spørring) til %2. Valget huskes for dette arbeidsområdet, også for campaignlens-cli ask. Tillate data på radnivå?</translation>
    </message>
    <message>
        <source>%1 To: %2.</source>
        <translation>%1 Til: %2.</translation>
    </message>
    <message>
        <source>Share smaller groups?</source>
        <translation>Dele mindre grupper?</translation>
    </message>
    <message>
        <source>Groups of %1 to %2 clients would then be sent to %3 (the default leaves out groups of fewer than %4 clients). The choice is remembered for this workspace. Lower k to %1?</source>
        <translation>Grupper på %1 til %2 kunder vil da bli sendt til %3 (standarden utelater grupper på færre enn %4 kunder). Valget huskes for dette arbeidsområdet. Senke k til %1?</translation>
    </message>
    <message>
        <source>~%1 tokens (estimated): ~%2 prompt + ~%3 completion</source>
        <translation>~%1 tokens (anslått): ~%2 i forespørselen + ~%3 i svaret</translation>
    </message>
    <message>
        <source>%1 prompt + %2 completion tokens</source>
        <translation>%1 tokens i forespørselen + %2 i svaret</translation>
    </message>
    <message>
        <source> · cost unknown</source>
        <translation> · ukjent kostnad</translation>
    </message>
    <message>
        <source> · &lt; $0.0001 (estimated)</source>
        <translation> · &lt; $0.0001 (anslått)</translation>
    </message>
    <message>
        <source> · &lt; $0.0001</source>
        <translation> · &lt; $0.0001</translation>
    </message>
    <message>
        <source> · ~$%1 (estimated)</source>
        <translation> · ~$%1 (anslått)</translation>
    </message>
    <message>
        <source> · $%1</source>
        <translation> · $%1</translation>
    </message>
    <message>
        <source>No price for %1: add one in Settings › Token prices.</source>
        <translation>Ingen pris for %1: legg til en i Innstillinger › Tokenpriser.</translation>
    </message>
    <message>
        <source>Priced as %1 (Settings › Token prices)</source>
        <translation>Priset som %1 (Innstillinger › Tokenpriser)</translation>
    </message>
    <message>
        <source>The server reported no token usage: the tokens are estimated at about 4 characters a token of the request and the answer, and the cost from them.</source>
        <translation>Serveren oppga ikke tokenbruk: tokenene er anslått til om lag 4 tegn per token i forespørselen og svaret, og kostnaden ut fra dem.</translation>
    </message>
    <message>
        <source>Stopped: the answer above is incomplete.</source>
        <translation>Stoppet: svaret ovenfor er ufullstendig.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Stoppet.</translation>
    </message>
    <message>
        <source>Not finished: CampaignLens was closed while the answer came.</source>
        <translation>Ikke ferdig: CampaignLens ble lukket mens svaret kom.</translation>
    </message>
    <message>
        <source>Failed: %1 The answer above is incomplete.</source>
        <translation>Mislyktes: %1 Svaret ovenfor er ufullstendig.</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Mislyktes: %1</translation>
    </message>
    <message>
        <source>(your question)</source>
        <translation>(spørsmålet ditt)</translation>
    </message>
    <message>
        <source>Could not start the request.</source>
        <translation>Kunne ikke starte forespørselen.</translation>
    </message>
    <message>
        <source>(unverified)</source>
        <translation>(ubekreftet)</translation>
    </message>
    <message>
        <source>Ask the chat</source>
        <translation>Spør chatten</translation>
    </message>
    <message>
        <source>Stop the answer</source>
        <translation>Stopp svaret</translation>
    </message>
    <message>
        <source>Type a question to the chat</source>
        <translation>Skriv et spørsmål til chatten</translation>
    </message>
</context>
<context>
    <name>cl::ChatSettingsDialog</name>
    <message>
        <source>Chat settings</source>
        <translation>Chatinnstillinger</translation>
    </message>
    <message>
        <source>Any OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1 for Ollama or http://127.0.0.1:8080/v1 for llama.cpp.</source>
        <translation>Enhver OpenAI-kompatibel server, f.eks. http://127.0.0.1:11434/v1 for Ollama eller http://127.0.0.1:8080/v1 for llama.cpp.</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Oppdater</translation>
    </message>
    <message>
        <source>Ask the server for its models (GET /models)</source>
        <translation>Spør serveren om modellene den har (GET /models)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Until the request is on the wire (TCP, TLS, proxy)</source>
        <translation>Til forespørselen er sendt (TCP, TLS, mellomtjener)</translation>
    </message>
    <message>
        <source>From the sent question to the first piece of answer</source>
        <translation>Fra spørsmålet er sendt til første del av svaret</translation>
    </message>
    <message>
        <source>Longest silence inside a streaming answer</source>
        <translation>Lengste stillhet midt i et strømmende svar</translation>
    </message>
    <message>
        <source>Longest time for a whole answer, tool rounds included</source>
        <translation>Lengste tid for et helt svar, verktøyrunder medregnet</translation>
    </message>
    <message>
        <source>Connect time-out</source>
        <translation>Tilkoblingsfrist</translation>
    </message>
    <message>
        <source>First-token time-out</source>
        <translation>Frist for første token</translation>
    </message>
    <message>
        <source>Idle time-out</source>
        <translation>Frist ved stillhet</translation>
    </message>
    <message>
        <source>Answer time limit</source>
        <translation>Frist for helt svar</translation>
    </message>
    <message>
        <source>none (system certificates only)</source>
        <translation>ingen (bare systemets sertifikater)</translation>
    </message>
    <message>
        <source>PEM or DER file of a corporate proxy&apos;s certificate authority</source>
        <translation>PEM- eller DER-fil med sertifikatutstederen til en bedrifts mellomtjener</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Bla gjennom…</translation>
    </message>
    <message>
        <source>Extra CA certificate</source>
        <translation>Ekstra CA-sertifikat</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-nøkkel</translation>
    </message>
    <message>
        <source>Remember in the system keychain</source>
        <translation>Husk i systemets nøkkelring</translation>
    </message>
    <message>
        <source>Otherwise the key is kept in memory for this session only. It is never written to the workspace, a log or a report.</source>
        <translation>Ellers holdes nøkkelen bare i minnet i denne økten. Den skrives aldri til arbeidsområdet, en logg eller en rapport.</translation>
    </message>
    <message>
        <source>Smallest group shared (k)</source>
        <translation>Minste delte gruppe (k)</translation>
    </message>
    <message>
        <source>Token prices…</source>
        <translation>Tokenpriser…</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kostnad</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>Sertifikater (*.pem *.crt *.cer *.der);;Alle filer (*)</translation>
    </message>
    <message>
        <source>The server lists no models: type the model name.</source>
        <translation>Serveren viser ingen modeller: skriv inn modellnavnet.</translation>
    </message>
    <message>
        <source>1 model offered by the server.</source>
        <translation>1 modell tilbys av serveren.</translation>
    </message>
    <message>
        <source>%1 models offered by the server.</source>
        <translation>%1 modeller tilbys av serveren.</translation>
    </message>
    <message>
        <source>This server does not offer a model list (GET /models answered 404): type the model name.</source>
        <translation>Denne serveren har ingen modelliste (GET /models svarte 404): skriv inn modellnavnet.</translation>
    </message>
    <message>
        <source>The server wants an API key to list its models: enter the key, then Refresh, or type the model name.</source>
        <translation>Serveren krever en API-nøkkel for å vise modellene: skriv inn nøkkelen og trykk Oppdater, eller skriv inn modellnavnet.</translation>
    </message>
    <message>
        <source>No model list (%1): type the model name.</source>
        <translation>Ingen modelliste (%1): skriv inn modellnavnet.</translation>
    </message>
    <message>
        <source>using OPENAI_API_KEY</source>
        <translation>bruker OPENAI_API_KEY</translation>
    </message>
    <message>
        <source>using the key in the system keychain</source>
        <translation>bruker nøkkelen i systemets nøkkelring</translation>
    </message>
    <message>
        <source>not set (OPENAI_API_KEY is empty)</source>
        <translation>ikke angitt (OPENAI_API_KEY er tom)</translation>
    </message>
    <message>
        <source>This build has no keychain support: the key is kept for this session only.</source>
        <translation>Denne utgaven støtter ikke nøkkelring: nøkkelen beholdes bare i denne økten.</translation>
    </message>
    <message>
        <source>The key is kept for this session only.</source>
        <translation>Nøkkelen beholdes bare i denne økten.</translation>
    </message>
    <message>
        <source>The system keychain cannot be used (%1): the key is kept for this session only.</source>
        <translation>Systemets nøkkelring kan ikke brukes (%1): nøkkelen beholdes bare i denne økten.</translation>
    </message>
    <message>
        <source>A key is stored in the system keychain; untick to delete it from there.</source>
        <translation>En nøkkel er lagret i systemets nøkkelring; fjern haken for å slette den derfra.</translation>
    </message>
    <message>
        <source>Asking %1 for its models…</source>
        <translation>Spør %1 om modellene…</translation>
    </message>
    <message>
        <source>The base URL must start with http:// or https://.</source>
        <translation>Basis-URL-en må begynne med http:// eller https://.</translation>
    </message>
    <message>
        <source>The CA certificate file cannot be read.</source>
        <translation>CA-sertifikatfilen kan ikke leses.</translation>
    </message>
    <message>
        <source>Choose or type a model.</source>
        <translation>Velg eller skriv inn en modell.</translation>
    </message>
</context>
<context>
    <name>cl::CsvDialect</name>
    <message>
        <source>tab</source>
        <translation>tabulator</translation>
    </message>
    <message>
        <source>%1 delimited</source>
        <translation>%1-separert</translation>
    </message>
    <message>
        <source>header row</source>
        <translation>overskriftsrad</translation>
    </message>
    <message>
        <source>no header</source>
        <translation>ingen overskriftsrad</translation>
    </message>
    <message>
        <source>decimal comma</source>
        <translation>desimalkomma</translation>
    </message>
</context>
<context>
    <name>cl::DataView</name>
    <message>
        <source>contains</source>
        <translation>inneholder</translation>
    </message>
    <message>
        <source>equals</source>
        <translation>er lik</translation>
    </message>
    <message>
        <source>value, then Enter</source>
        <translation>verdi, så Enter</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Bruk</translation>
    </message>
    <message>
        <source>&amp;Show all</source>
        <translation>&amp;Vis alle</translation>
    </message>
    <message>
        <source>&amp;Filter rows:</source>
        <translation>&amp;Filtrer rader:</translation>
    </message>
    <message>
        <source>Filter rows (%1)</source>
        <translation>Filtrer rader (%1)</translation>
    </message>
    <message>
        <source>Cannot read the dataset</source>
        <translation>Kan ikke lese datasettet</translation>
    </message>
    <message>
        <source>Sorting and filtering %1 rows…</source>
        <translation>Sorterer og filtrerer %1 rader…</translation>
    </message>
    <message>
        <source>Filter not applied</source>
        <translation>Filteret ble ikke brukt</translation>
    </message>
    <message>
        <source>No dataset open</source>
        <translation>Ingen datasett er åpent</translation>
    </message>
    <message>
        <source>%1 of %2 rows</source>
        <translation>%1 av %2 rader</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 rader</translation>
    </message>
    <message>
        <source>Find: filter rows</source>
        <translation>Søk: filtrer rader</translation>
    </message>
    <message>
        <source>Reading the first rows of %1 and counting its quality summary on %2…</source>
        <translation>Leser de første radene i %1 og teller kvalitetssammendraget på %2…</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Kan ikke lese %1: %2</translation>
    </message>
    <message>
        <source>Live: %1 table %2 · counted there now</source>
        <translation>Direkte: %1-tabell %2 · telt der nå</translation>
    </message>
    <message>
        <source>Reading the rows of %1 on %2…</source>
        <translation>Leser radene i %1 på %2…</translation>
    </message>
    <message>
        <source>, sorted by %1, descending</source>
        <translation>, sortert etter %1, synkende</translation>
    </message>
    <message>
        <source>, sorted by %1</source>
        <translation>, sortert etter %1</translation>
    </message>
    <message>
        <source>%1 contains “%2”</source>
        <translation>%1 inneholder «%2»</translation>
    </message>
    <message>
        <source>%1 equals “%2”</source>
        <translation>%1 er lik «%2»</translation>
    </message>
    <message>
        <source>%1 is a live dataset: %L2 of its %L3 rows match %4 on %5; the first %L6 are shown%7. Sorting and filtering run on the server.</source>
        <translation>%1 er et direkte datasett: %L2 av de %L3 radene oppfyller %4 på %5; de første %L6 vises%7. Sortering og filtrering kjøres på serveren.</translation>
    </message>
    <message>
        <source>%1 is a live dataset: the first %L2 of its %L3 rows as %4 holds them%5, and the quality summary counted there. Sorting and filtering run on the server: click a column&apos;s name, or filter above.</source>
        <translation>%1 er et direkte datasett: de første %L2 av de %L3 radene slik %4 har dem%5, og kvalitetssammendraget telt der. Sortering og filtrering kjøres på serveren: klikk på et kolonnenavn, eller filtrer ovenfor.</translation>
    </message>
    <message>
        <source>Live: %1 query %2 · counted there now</source>
        <translation>Direkte: %1-spørring %2 · telt der nå</translation>
    </message>
</context>
<context>
    <name>cl::DatasetTableModel</name>
    <message>
        <source>There is no column &apos;%1&apos; in this dataset.</source>
        <translation>Datasettet har ingen kolonne «%1».</translation>
    </message>
    <message>
        <source>%1 (categorical)</source>
        <translation>%1 (kategorisk)</translation>
    </message>
    <message>
        <source>%1 (number)</source>
        <translation>%1 (tall)</translation>
    </message>
</context>
<context>
    <name>cl::ForestPlot</name>
    <message>
        <source>Fit a model to see its odds ratios.</source>
        <translation>Tilpass en modell for å se oddsforholdene.</translation>
    </message>
    <message>
        <source>term (hover: reference level)</source>
        <translation>ledd (hold over: referansenivå)</translation>
    </message>
    <message>
        <source>OR [95% CI]</source>
        <translation>OF [95 % KI]</translation>
    </message>
    <message>
        <source>odds ratio (log scale), 95% interval</source>
        <translation>oddsforhold (log-skala), 95 % intervall</translation>
    </message>
    <message>
        <source>%1
odds ratio %2 [95% CI %3, %4], %5</source>
        <translation>%1
oddsforhold %2 [95 % KI %3, %4], %5</translation>
    </message>
</context>
<context>
    <name>cl::GuiLanguage</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Språk</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>Følg &amp;systemet</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>The new language is used from the next start of CampaignLens.</source>
        <translation>Det nye språket tas i bruk neste gang CampaignLens starter.</translation>
    </message>
</context>
<context>
    <name>cl::ImportDialog</name>
    <message>
        <source>— not used by the analyses —</source>
        <translation>— brukes ikke i analysene —</translation>
    </message>
    <message>
        <source>target (y: subscribed)</source>
        <translation>mål (y: tegnet)</translation>
    </message>
    <message>
        <source>Open dataset</source>
        <translation>Åpne datasett</translation>
    </message>
    <message>
        <source>Choose a CSV export…</source>
        <translation>Velg en CSV-eksport…</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Bla gjennom…</translation>
    </message>
    <message>
        <source>Windows-1252 / Latin-1</source>
        <translation>Windows-1252 / Latin-1</translation>
    </message>
    <message>
        <source>First row holds the column &amp;names</source>
        <translation>Første rad inneholder kolonne&amp;navnene</translation>
    </message>
    <message>
        <source>Decimal &amp;comma (1,5)</source>
        <translation>Desimal&amp;komma (1,5)</translation>
    </message>
    <message>
        <source>How the file is read</source>
        <translation>Slik leses filen</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>&amp;Skilletegn:</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>&amp;Tegnkoding:</translation>
    </message>
    <message>
        <source>Preview: the first rows as they will be read</source>
        <translation>Forhåndsvisning: de første radene slik de vil bli lest</translation>
    </message>
    <message>
        <source>Column in file</source>
        <translation>Kolonne i filen</translation>
    </message>
    <message>
        <source>Used as</source>
        <translation>Brukes som</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Hvorfor</translation>
    </message>
    <message>
        <source>Column roles</source>
        <translation>Kolonneroller</translation>
    </message>
    <message>
        <source>&amp;Strict: stop at the first row that cannot be read</source>
        <translation>S&amp;trengt: stopp ved første rad som ikke kan leses</translation>
    </message>
    <message>
        <source>Dataset &amp;name:</source>
        <translation>&amp;Datasettnavn:</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>CSV-filer (*.csv *.txt *.tsv);;Alle filer (*)</translation>
    </message>
    <message>
        <source>Detected: %1</source>
        <translation>Gjenkjent: %1</translation>
    </message>
    <message>
        <source>Cannot read this file</source>
        <translation>Kan ikke lese denne filen</translation>
    </message>
    <message>
        <source>%1 fields, expected %2: this row will be rejected</source>
        <translation>%1 felt, forventet %2: denne raden blir avvist</translation>
    </message>
    <message>
        <source>chosen by you</source>
        <translation>valgt av deg</translation>
    </message>
    <message>
        <source>name matches</source>
        <translation>navnet stemmer</translation>
    </message>
    <message>
        <source>Custom layout: check the roles below.</source>
        <translation>Egendefinert oppsett: kontroller rollene nedenfor.</translation>
    </message>
    <message>
        <source>Known layout: %1.</source>
        <translation>Kjent oppsett: %1.</translation>
    </message>
    <message>
        <source>Detected: %1
%2</source>
        <translation>Gjenkjent: %1
%2</translation>
    </message>
    <message>
        <source>%1.
Choose which column says whether the client subscribed (yes/no, 1/0 or true/false) and set it to “target” above.</source>
        <translation>%1.
Velg kolonnen som sier om kunden tegnet (yes/no, 1/0 eller true/false), og sett den til «mål» ovenfor.</translation>
    </message>
    <message>
        <source>Checking whether this file was imported before…</source>
        <translation>Sjekker om denne filen er importert før…</translation>
    </message>
    <message>
        <source>Import cancelled; the workspace is unchanged.</source>
        <translation>Importen ble avbrutt; arbeidsområdet er uendret.</translation>
    </message>
    <message>
        <source>File imported before</source>
        <translation>Filen er importert før</translation>
    </message>
    <message>
        <source>This file (same content, SHA-256) was imported before as “%1”.</source>
        <translation>Denne filen (samme innhold, SHA-256) er importert før som «%1».</translation>
    </message>
    <message>
        <source>&amp;Open that dataset</source>
        <translation>&amp;Åpne det datasettet</translation>
    </message>
    <message>
        <source>Import &amp;again</source>
        <translation>Importer &amp;på nytt</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importerer…</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Importen mislyktes</translation>
    </message>
    <message>
        <source>The file was not imported; the workspace is unchanged.

%1</source>
        <translation>Filen ble ikke importert; arbeidsområdet er uendret.

%1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Avbryter…</translation>
    </message>
    <message>
        <source>Comma  ,</source>
        <translation>Komma  ,</translation>
    </message>
    <message>
        <source>Semicolon  ;</source>
        <translation>Semikolon  ;</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <source>Pipe  |</source>
        <translation>Loddrett strek  |</translation>
    </message>
</context>
<context>
    <name>cl::KeyboardShortcutsDialog</name>
    <message>
        <source>%1 tab</source>
        <translation>Fanen %1</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Vindu</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Hurtigtaster</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Taster</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Hvor</translation>
    </message>
</context>
<context>
    <name>cl::MainWindow</name>
    <message>
        <source>CampaignLens</source>
        <translation>CampaignLens</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>Segmenter</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>synthetic demo data</source>
        <translation>syntetiske demodata</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 rader</translation>
    </message>
    <message>
        <source>subscribed %1 %</source>
        <translation>tegnet %1 %</translation>
    </message>
    <message>
        <source>This view comes in a later version.</source>
        <translation>Denne visningen kommer i en senere versjon.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fil</translation>
    </message>
    <message>
        <source>&amp;Open dataset…</source>
        <translation>&amp;Åpne datasett…</translation>
    </message>
    <message>
        <source>&amp;Recent datasets</source>
        <translation>&amp;Nylige datasett</translation>
    </message>
    <message>
        <source>Load &amp;demo data</source>
        <translation>Last inn &amp;demodata</translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation>Ctrl+Shift+D</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avslutt</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Vis</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjelp</translation>
    </message>
    <message>
        <source>&amp;About CampaignLens</source>
        <translation>&amp;Om CampaignLens</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Om &amp;Qt</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>%1  (%2 rows)</source>
        <translation>%1  (%2 rader)</translation>
    </message>
    <message>
        <source>No dataset open: File &gt; Open dataset (Ctrl+O)</source>
        <translation>Ingen datasett er åpent: Fil &gt; Åpne datasett (Ctrl+O)</translation>
    </message>
    <message>
        <source>%1 — CampaignLens</source>
        <translation>%1 — CampaignLens</translation>
    </message>
    <message>
        <source>About CampaignLens</source>
        <translation>Om CampaignLens</translation>
    </message>
    <message>
        <source>&lt;h3&gt;CampaignLens %1&lt;/h3&gt;&lt;p&gt;Campaign analytics for bank marketing: import campaign exports, check their quality, find the segments that respond.&lt;/p&gt;&lt;p&gt;Workspace: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;CampaignLens %1&lt;/h3&gt;&lt;p&gt;Kampanjeanalyse for bankmarkedsføring: importer kampanjeeksporter, kontroller kvaliteten og finn segmentene som svarer.&lt;/p&gt;&lt;p&gt;Arbeidsområde: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open dataset</source>
        <translation>Åpne datasett</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>CSV-filer (*.csv *.txt *.tsv);;Alle filer (*)</translation>
    </message>
    <message>
        <source>Preparing the synthetic demo data (41,188 rows)…</source>
        <translation>Klargjør de syntetiske demodataene (41 188 rader)…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>Demodata</translation>
    </message>
    <message>
        <source>Synthetic demo data: %1</source>
        <translation>Syntetiske demodata: %1</translation>
    </message>
    <message>
        <source>The demo data could not be set up.

%1</source>
        <translation>Demodataene kunne ikke klargjøres.

%1</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Hurtigtaster</translation>
    </message>
    <message>
        <source>There is no such file.</source>
        <translation>Filen finnes ikke.</translation>
    </message>
    <message>
        <source>It is not a CampaignLens workspace: it cannot be read as a database (%1).</source>
        <translation>Filen er ikke et CampaignLens-arbeidsområde: den kan ikke leses som en database (%1).</translation>
    </message>
    <message>
        <source>It is not a CampaignLens workspace: it holds no CampaignLens datasets.</source>
        <translation>Filen er ikke et CampaignLens-arbeidsområde: den inneholder ingen CampaignLens-datasett.</translation>
    </message>
    <message>
        <source>It was made by a newer version of CampaignLens.</source>
        <translation>Den ble laget av en nyere versjon av CampaignLens.</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Åpne arbeidsområde</translation>
    </message>
    <message>
        <source>CampaignLens workspaces (*.campaignlens);;All files (*)</source>
        <translation>CampaignLens-arbeidsområder (*.campaignlens);;Alle filer (*)</translation>
    </message>
    <message>
        <source>%1 cannot be opened.

%2

The current workspace stays open.</source>
        <translation>%1 kan ikke åpnes.

%2

Arbeidsområdet som er åpent nå, forblir åpent.</translation>
    </message>
    <message>
        <source>The demo data is still being set up in the current workspace.</source>
        <translation>Demodataene settes fortsatt opp i arbeidsområdet som er åpent nå.</translation>
    </message>
    <message>
        <source>Open &amp;workspace…</source>
        <translation>Åpne &amp;arbeidsområde…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+W</source>
        <translation>Ctrl+Shift+W</translation>
    </message>
    <message>
        <source>&amp;Connect to warehouse…</source>
        <translation>&amp;Koble til datavarehus…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+K</source>
        <translation>Ctrl+Shift+K</translation>
    </message>
    <message>
        <source>Live (on the server)</source>
        <translation>Direkte (på serveren)</translation>
    </message>
    <message>
        <source>%1  (live: %2 table %3)</source>
        <translation>%1  (direkte: %2-tabell %3)</translation>
    </message>
    <message>
        <source>%1 — live: %2 table %3</source>
        <translation>%1 — direkte: %2-tabell %3</translation>
    </message>
    <message>
        <source>%1  (live: %2 query %3)</source>
        <translation>%1  (direkte: %2-spørring %3)</translation>
    </message>
    <message>
        <source>%1 — live: %2 query %3</source>
        <translation>%1 — direkte: %2-spørring %3</translation>
    </message>
</context>
<context>
    <name>cl::MessageText</name>
    <message>
        <source>%1 is known only after the call: this model cannot rank clients before calling them, and its held-out figures are not what targeting would reach</source>
        <translation>%1 er først kjent etter samtalen: denne modellen kan ikke rangere kunder før de ringes, og de holdte-ut tallene er ikke det en ringeliste ville nå</translation>
    </message>
    <message>
        <source>%1 rows with a missing value in a used column left out</source>
        <translation>%1 rader med en manglende verdi i en brukt kolonne utelatt</translation>
    </message>
    <message>
        <source>%1=%2: %3 rows (%4% of the rows, under %5%), merged into the reference level %6</source>
        <translation>%1=%2: %3 rader (%4 % av radene, under %5 %), slått sammen med referansenivået %6</translation>
    </message>
    <message>
        <source>%1=%2: all %3 rows are %4, merged into the reference level %5 (alone its coefficient would go to %6 infinity)</source>
        <translation>%1=%2: alle %3 radene er %4, slått sammen med referansenivået %5 (alene ville koeffisienten gå mot %6 uendelig)</translation>
    </message>
    <message>
        <source>known only after the call; it predicts the outcome by itself, so a targeting model cannot use it</source>
        <translation>først kjent etter samtalen; den forutsier utfallet nesten alene, så en målrettingsmodell kan ikke bruke den</translation>
    </message>
    <message>
        <source>counts this campaign&apos;s calls up to the last one, so it is known only when the campaign is over (calls stop once a client says yes); a targeting model, which ranks clients before calling them, cannot use it</source>
        <translation>teller kampanjens samtaler fram til den siste, så den er først kjent når kampanjen er over (samtalene stopper når en kunde sier ja); en målrettingsmodell, som rangerer kunder før de ringes, kan ikke bruke den</translation>
    </message>
    <message>
        <source>missing for clients never contacted before; poutcome carries that information</source>
        <translation>mangler for kunder som aldri er kontaktet før; poutcome bærer den informasjonen</translation>
    </message>
    <message>
        <source>the same clients as poutcome other than nonexistent; poutcome says more, and the two side by side gave contradicting odds ratios</source>
        <translation>de samme kundene som poutcome ulik nonexistent; poutcome sier mer, og de to side om side ga motstridende oddsforhold</translation>
    </message>
    <message>
        <source>counts the contacts before this campaign, and poutcome already says whether there were any (previous 0 is poutcome nonexistent): side by side the model could not tell their effects apart</source>
        <translation>teller kontaktene før denne kampanjen, og poutcome sier allerede om det var noen (previous 0 er poutcome nonexistent): side om side kunne ikke modellen skille virkningene deres</translation>
    </message>
    <message>
        <source>moves so closely with euribor3m and the other monthly economic indicators that the model could not tell their effects apart; euribor3m stands for the economic climate</source>
        <translation>følger euribor3m og de andre månedlige økonomiske indikatorene så tett at modellen ikke kunne skille virkningene deres; euribor3m står for det økonomiske klimaet</translation>
    </message>
    <message>
        <source>derived from age, which is used as a number</source>
        <translation>avledet av age, som brukes som tall</translation>
    </message>
    <message>
        <source>not selected</source>
        <translation>ikke valgt</translation>
    </message>
    <message>
        <source>excluded by the user</source>
        <translation>utelatt av brukeren</translation>
    </message>
    <message>
        <source>fewer than two levels</source>
        <translation>færre enn to nivåer</translation>
    </message>
    <message>
        <source>no column &apos;%1&apos; in the data</source>
        <translation>ingen kolonne «%1» i dataene</translation>
    </message>
    <message>
        <source>reference level &apos;%1&apos; is not a level of column &apos;%2&apos;</source>
        <translation>referansenivået «%1» er ikke et nivå i kolonnen «%2»</translation>
    </message>
    <message>
        <source>more than %1 rows</source>
        <translation>mer enn %1 rader</translation>
    </message>
    <message>
        <source>no rows without missing values</source>
        <translation>ingen rader uten manglende verdier</translation>
    </message>
    <message>
        <source>standardised numbers (and an L2 penalty) need the rows, not only counts</source>
        <translation>standardiserte tall (og en L2-straff) trenger radene, ikke bare antall</translation>
    </message>
    <message>
        <source>the design has no frame to read</source>
        <translation>designet har ingen dataramme å lese</translation>
    </message>
    <message>
        <source>empty design, or no intercept first</source>
        <translation>tomt design, eller ikke konstantledd først</translation>
    </message>
    <message>
        <source>the outcome has one class only in these rows</source>
        <translation>utfallet har bare én klasse i disse radene</translation>
    </message>
    <message>
        <source>The outcome is separated by %1; maximum-likelihood estimates do not exist. Merge or drop the level, or use an L2 penalty.</source>
        <translation>Utfallet separeres av %1; sannsynlighetsmaksimeringsestimater finnes ikke. Slå sammen eller fjern nivået, eller bruk en L2-straff.</translation>
    </message>
    <message>
        <source>the information matrix is singular</source>
        <translation>informasjonsmatrisen er singulær</translation>
    </message>
    <message>
        <source>Quasi-complete separation: %1 rows are predicted perfectly in the limit, and the coefficients of %2 diverge; maximum-likelihood estimates do not exist. Drop or merge the terms named, or use an L2 penalty.</source>
        <translation>Kvasi-fullstendig separasjon: %1 rader forutsies perfekt i grensen, og koeffisientene til %2 divergerer; sannsynlighetsmaksimeringsestimater finnes ikke. Fjern eller slå sammen de nevnte leddene, eller bruk en L2-straff.</translation>
    </message>
    <message>
        <source>a rolling-origin validation needs the rows in date order, and these are not (the month changes %1 times in %2 rows): use a random split</source>
        <translation>en rullerende validering trenger radene i datorekkefølge, og disse er det ikke (måneden skifter %1 ganger i %2 rader): bruk en tilfeldig deling</translation>
    </message>
    <message>
        <source>the model before %1 could not be fitted: %2</source>
        <translation>modellen før %1 kunne ikke tilpasses: %2</translation>
    </message>
    <message>
        <source>the split leaves no training or no test rows</source>
        <translation>delingen gir ingen treningsrader eller ingen testrader</translation>
    </message>
    <message>
        <source>the model was fitted but not stored: %1</source>
        <translation>modellen ble tilpasset, men ikke lagret: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>avbrutt</translation>
    </message>
    <message>
        <source>converged in %1 iterations</source>
        <translation>konvergerte etter %1 iterasjoner</translation>
    </message>
    <message>
        <source>not converged after %1 iterations (largest score component %2)</source>
        <translation>ikke konvergert etter %1 iterasjoner (største skårkomponent %2)</translation>
    </message>
    <message>
        <source>converged</source>
        <translation>konvergert</translation>
    </message>
    <message>
        <source>not converged</source>
        <translation>ikke konvergert</translation>
    </message>
    <message>
        <source>separation</source>
        <translation>separasjon</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>mislyktes</translation>
    </message>
    <message>
        <source>%1: all %2 rows are %3 (quasi-complete separation; its coefficient goes to %4 infinity)</source>
        <translation>%1: alle %2 radene er %3 (kvasi-fullstendig separasjon; koeffisienten går mot %4 uendelig)</translation>
    </message>
    <message>
        <source>%1: a threshold splits subscribers from non-subscribers (%2 separation)</source>
        <translation>%1: en terskel skiller tegnere fra ikke-tegnere (%2 separasjon)</translation>
    </message>
    <message>
        <source>%1=%2 (the reference level): all %3 rows are %4 (quasi-complete separation; the other levels&apos; coefficients go to %5 infinity)</source>
        <translation>%1=%2 (referansenivået): alle %3 radene er %4 (kvasi-fullstendig separasjon; de andre nivåenes koeffisienter går mot %5 uendelig)</translation>
    </message>
    <message>
        <source>%1 rows (%2 subscribers, %3 non-subscribers) are predicted ever more surely along %4</source>
        <translation>%1 rader (%2 tegnere, %3 ikke-tegnere) forutsies stadig sikrere langs %4</translation>
    </message>
    <message>
        <source>= 0 (constant)</source>
        <translation>= 0 (konstant)</translation>
    </message>
    <message>
        <source>%1 moves so closely with the other predictors (VIF %2; above %3 an effect cannot be read on its own) that its odds ratio is unstable: adding or leaving out a related column can change its size or even its direction. Read them together, or leave all but one of a related group out.</source>
        <translation>%1 følger de andre forklaringsvariablene så tett (VIF %2; over %3 kan en virkning ikke leses alene) at oddsforholdet er ustabilt: å ta med eller utelate en beslektet kolonne kan endre størrelsen eller til og med retningen. Les dem sammen, eller utelat alle unntatt én i en beslektet gruppe.</translation>
    </message>
    <message>
        <source>%1 and %2 move so closely with the other predictors (VIF %3; above %4 an effect cannot be read on its own) that their odds ratios are unstable: adding or leaving out a related column can change each one&apos;s size or even its direction. Read them together, or leave all but one of a related group out.</source>
        <translation>%1 og %2 følger de andre forklaringsvariablene så tett (VIF %3; over %4 kan en virkning ikke leses alene) at oddsforholdene deres er ustabile: å ta med eller utelate en beslektet kolonne kan endre størrelsen eller til og med retningen på hvert av dem. Les dem sammen, eller utelat alle unntatt én i en beslektet gruppe.</translation>
    </message>
    <message>
        <source>building the design matrix</source>
        <translation>bygger designmatrisen</translation>
    </message>
    <message>
        <source>checking columns</source>
        <translation>sjekker kolonnene</translation>
    </message>
    <message>
        <source>iteration %1, log-likelihood %2</source>
        <translation>iterasjon %1, log-likelihood %2</translation>
    </message>
    <message>
        <source>scoring every client</source>
        <translation>gir hver kunde en skår</translation>
    </message>
    <message>
        <source>done</source>
        <translation>ferdig</translation>
    </message>
    <message>
        <source>Synthetic demo data (bank-additional-full schema)</source>
        <translation>Syntetiske demodata (bank-additional-full-skjema)</translation>
    </message>
    <message>
        <source>loading the data</source>
        <translation>laster dataene</translation>
    </message>
    <message>
        <source>no dataset %1 in %2</source>
        <translation>ingen datasett %1 i %2</translation>
    </message>
    <message>
        <source>no column &apos;%1&apos; in dataset %2</source>
        <translation>ingen kolonne «%1» i datasett %2</translation>
    </message>
    <message>
        <source>dataset %1 has no target column</source>
        <translation>datasett %1 har ingen målkolonne</translation>
    </message>
    <message>
        <source>dataset %1 could not be read</source>
        <translation>datasett %1 kunne ikke leses</translation>
    </message>
    <message>
        <source>segment by 1 to %1 columns, not %2</source>
        <translation>segmenter etter 1 til %1 kolonner, ikke %2</translation>
    </message>
    <message>
        <source>no column &apos;%1&apos; (categorical columns: %2)</source>
        <translation>ingen kolonne «%1» (kategoriske kolonner: %2)</translation>
    </message>
    <message>
        <source>column &apos;%1&apos; is numeric; segment by a categorical column (%2)</source>
        <translation>kolonnen «%1» er numerisk; segmenter etter en kategorisk kolonne (%2)</translation>
    </message>
    <message>
        <source>column &apos;%1&apos; named twice</source>
        <translation>kolonnen «%1» er nevnt to ganger</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is no value of &apos;%2&apos; (values: %3)</source>
        <translation>«%1» er ingen verdi av «%2» (verdier: %3)</translation>
    </message>
    <message>
        <source>no rows pass the filters</source>
        <translation>ingen rader passerer filtrene</translation>
    </message>
    <message>
        <source>subscribers</source>
        <translation>tegnere</translation>
    </message>
    <message>
        <source>non-subscribers</source>
        <translation>ikke-tegnere</translation>
    </message>
    <message>
        <source>minus</source>
        <translation>minus</translation>
    </message>
    <message>
        <source>plus</source>
        <translation>pluss</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>fullstendig</translation>
    </message>
    <message>
        <source>quasi-complete</source>
        <translation>kvasi-fullstendig</translation>
    </message>
    <message>
        <source>one term</source>
        <translation>ett ledd</translation>
    </message>
    <message>
        <source>%1 terms</source>
        <translation>%1 ledd</translation>
    </message>
    <message>
        <source>the intercept</source>
        <translation>konstantleddet</translation>
    </message>
    <message>
        <source>Checking whether the file is known</source>
        <translation>Sjekker om filen er kjent fra før</translation>
    </message>
    <message>
        <source>Waiting for another import into the workspace</source>
        <translation>Venter på en annen import til arbeidsområdet</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>Importerer %1</translation>
    </message>
    <message>
        <source>Writing the quality summary</source>
        <translation>Skriver kvalitetssammendraget</translation>
    </message>
    <message>
        <source>Writing the journal into the workspace</source>
        <translation>Skriver journalen inn i arbeidsområdet</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Ferdig</translation>
    </message>
    <message>
        <source>empty line</source>
        <translation>tom linje</translation>
    </message>
    <message>
        <source>unterminated quoted field: a quote opened on this line is never closed (the file ends inside it, or the line follows such a quote); this line is rejected and the import goes on with the next line</source>
        <translation>felt med anførselstegn som ikke avsluttes: et anførselstegn som åpnes på denne linjen, lukkes aldri (filen slutter inne i det, eller linjen kommer etter et slikt anførselstegn); linjen avvises, og importen fortsetter med neste linje</translation>
    </message>
    <message>
        <source>invalid UTF-8 byte sequence (try --encoding windows-1252)</source>
        <translation>ugyldig UTF-8-bytesekvens (prøv tegnkodingen windows-1252)</translation>
    </message>
    <message>
        <source>NUL byte in the record (binary data, not text)</source>
        <translation>NUL-byte i raden (binære data, ikke tekst)</translation>
    </message>
    <message>
        <source>expected %1 fields, found %2</source>
        <translation>ventet %1 felt, fant %2</translation>
    </message>
    <message>
        <source>target column &apos;%1&apos; is empty</source>
        <translation>målkolonnen «%1» er tom</translation>
    </message>
    <message>
        <source>target column &apos;%1&apos; has &apos;%2&apos;, expected yes/no, 1/0 or true/false</source>
        <translation>målkolonnen «%1» har «%2», ventet yes/no, 1/0 eller true/false</translation>
    </message>
    <message>
        <source>column &apos;%1&apos;: &apos;%2&apos; is not a number (leave the cell empty, or write NA, for a missing value)</source>
        <translation>kolonnen «%1»: «%2» er ikke et tall (la cellen stå tom, eller skriv NA, for en manglende verdi)</translation>
    </message>
    <message>
        <source>column &apos;%1&apos;: &apos;%2&apos; is not a finite number</source>
        <translation>kolonnen «%1»: «%2» er ikke et endelig tall</translation>
    </message>
    <message>
        <source>column &apos;%1&apos;: &apos;%2&apos; is not a number</source>
        <translation>kolonnen «%1»: «%2» er ikke et tall</translation>
    </message>
    <message>
        <source>column &apos;%1&apos;: %2 is outside the plausible range %3 to %4</source>
        <translation>kolonnen «%1»: %2 er utenfor det rimelige området %3 til %4</translation>
    </message>
    <message>
        <source>column &apos;%1&apos;: %2 is not a whole number</source>
        <translation>kolonnen «%1»: %2 er ikke et heltall</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1:%2: %3</source>
        <translation>%1:%2: %3</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>linje %1: %2</translation>
    </message>
    <message>
        <source>%1: cannot start writing to the workspace: %2</source>
        <translation>%1: kan ikke begynne å skrive til arbeidsområdet: %2</translation>
    </message>
    <message>
        <source>%1: another import is running on %2 (or another command is writing to it)%3; run this import again when it has finished</source>
        <translation>%1: en annen import kjører mot %2 (eller en annen kommando skriver til det)%3; kjør denne importen på nytt når den er ferdig</translation>
    </message>
    <message>
        <source> and did not finish within %1 s</source>
        <translation> og ble ikke ferdig innen %1 s</translation>
    </message>
    <message>
        <source>%1: the workspace is not open</source>
        <translation>%1: arbeidsområdet er ikke åpent</translation>
    </message>
    <message>
        <source>age band edges must be ascending and distinct</source>
        <translation>grensene for aldersgrupper må være stigende og forskjellige</translation>
    </message>
    <message>
        <source>%1: cannot create tables: %2</source>
        <translation>%1: kan ikke opprette tabeller: %2</translation>
    </message>
    <message>
        <source>%1: writing to the workspace failed: %2</source>
        <translation>%1: skriving til arbeidsområdet mislyktes: %2</translation>
    </message>
    <message>
        <source>%1: no data rows could be read (%2 rejected; the first, %3)</source>
        <translation>%1: ingen datarader kunne leses (%2 avvist; den første, %3)</translation>
    </message>
    <message>
        <source>%1: commit failed: %2</source>
        <translation>%1: lagringen (commit) mislyktes: %2</translation>
    </message>
    <message>
        <source>%1: cannot open: %2</source>
        <translation>%1: kan ikke åpnes: %2</translation>
    </message>
    <message>
        <source>%1: cannot read: %2</source>
        <translation>%1: kan ikke leses: %2</translation>
    </message>
    <message>
        <source>%1: read error: %2</source>
        <translation>%1: lesefeil: %2</translation>
    </message>
    <message>
        <source>%1: reading was stopped before the end</source>
        <translation>%1: lesingen ble stoppet før slutten</translation>
    </message>
    <message>
        <source>%1: the file changed while it was being imported (%2 bytes at the start, %3 read, %4 hashed, %5 now; modified %6%7); nothing was imported: import it again once it is complete</source>
        <translation>%1: filen endret seg mens den ble importert (%2 byte ved start, %3 lest, %4 hashet, %5 nå; endret %6%7); ingenting ble importert: importer den på nytt når den er komplett</translation>
    </message>
    <message>
        <source>; another file is now at its path</source>
        <translation>; en annen fil ligger nå på samme sti</translation>
    </message>
    <message>
        <source>%1: cannot read the file to compute its SHA-256</source>
        <translation>%1: kan ikke lese filen for å beregne SHA-256</translation>
    </message>
    <message>
        <source>no columns found</source>
        <translation>fant ingen kolonner</translation>
    </message>
    <message>
        <source>binary data (a NUL byte at offset %1), not a CSV text file</source>
        <translation>binære data (en NUL-byte ved posisjon %1), ikke en CSV-tekstfil</translation>
    </message>
    <message>
        <source>the header (the first record) is longer than %1 KB, the most the import reads to find the columns and the format; is this a CSV file?</source>
        <translation>overskriften (første rad) er lengre enn %1 KB, det meste importen leser for å finne kolonnene og formatet; er dette en CSV-fil?</translation>
    </message>
    <message>
        <source>the header (the first record) has a quote that is never closed: is a closing quote missing?</source>
        <translation>overskriften (første rad) har et anførselstegn som aldri lukkes: mangler et avsluttende anførselstegn?</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>filen er tom</translation>
    </message>
    <message>
        <source>a column mapping names &apos;%1&apos;, which is not a column of the file (columns: %2)</source>
        <translation>en kolonnetilordning nevner «%1», som ikke er en kolonne i filen (kolonner: %2)</translation>
    </message>
    <message>
        <source>no target column: none of the columns (%1) looks like the outcome (y, subscribed, target, response, ...)%2</source>
        <translation>ingen målkolonne: ingen av kolonnene (%1) ser ut som utfallet (y, subscribed, target, response, ...)%2</translation>
    </message>
    <message>
        <source>; name it with --map COLUMN=target</source>
        <translation>; angi den med --map KOLONNE=target</translation>
    </message>
    <message>
        <source>mapped by the user</source>
        <translation>tilordnet av brukeren</translation>
    </message>
    <message>
        <source>&apos;%1&apos; read as %2</source>
        <translation>«%1» lest som %2</translation>
    </message>
    <message>
        <source>a quoted field that starts on this line is still open after %1 MB: is a closing quote missing? This line is rejected and the import goes on with the next line</source>
        <translation>et felt i anførselstegn som begynner på denne linjen, er fortsatt åpent etter %1 MB: mangler et avsluttende anførselstegn? Linjen avvises, og importen fortsetter med neste linje</translation>
    </message>
    <message>
        <source>column &apos;%1&apos; has more than %2 distinct values, too many for a category (a name or an identifier?); nothing was imported: remove the column from the file and import it again</source>
        <translation>kolonnen «%1» har mer enn %2 ulike verdier, for mange for en kategori (et navn eller en identifikator?); ingenting ble importert: fjern kolonnen fra filen og importer den på nytt</translation>
    </message>
    <message>
        <source>this line is longer than %1 MB; it is rejected and the import goes on with the next line</source>
        <translation>denne linjen er lengre enn %1 MB; den avvises, og importen fortsetter med neste linje</translation>
    </message>
</context>
<context>
    <name>cl::ModelRunner</name>
    <message>
        <source>Loading the columns these settings use...</source>
        <translation>Laster kolonnene disse innstillingene bruker …</translation>
    </message>
    <message>
        <source>model run %1 is not in the workspace</source>
        <translation>modellkjøring %1 finnes ikke i arbeidsområdet</translation>
    </message>
    <message>
        <source>On the rows it was fitted on (optimistic) it ranks with AUC %1.</source>
        <translation>På radene den ble tilpasset på (optimistisk) rangerer den med AUC %1.</translation>
    </message>
    <message>
        <source>Fitted on %1 over %L2 clients of %3 in %4 aggregate queries; %L5 clients chosen by a hash of their values were held out to test it. The rows stayed on the server and nothing is stored.</source>
        <translation>Tilpasset på %1 over %L2 kunder i %3 med %4 aggregerte spørringer; %L5 kunder valgt etter en hash av verdiene sine ble holdt ut for å teste den. Radene ble på serveren og ingenting er lagret.</translation>
    </message>
    <message>
        <source>Fitted on %1 over every row of %2 (%L3 clients) in %4 aggregate queries; the rows stayed on the server and nothing is stored. No rows were held out, so there are no held-out metrics: choose the split by row hash for those.</source>
        <translation>Tilpasset på %1 over alle rader i %2 (%L3 kunder) med %4 aggregerte spørringer; radene ble på serveren og ingenting er lagret. Ingen rader ble holdt ut, så det finnes ingen mål på holdt-ut rader: velg deling etter rad-hash for dem.</translation>
    </message>
</context>
<context>
    <name>cl::ModelView</name>
    <message>
        <source>Fit a model to see this chart.</source>
        <translation>Tilpass en modell for å se dette diagrammet.</translation>
    </message>
    <message>
        <source>Columns in the model</source>
        <translation>Kolonner i modellen</translation>
    </message>
    <message>
        <source>Include %1?</source>
        <translation>Ta med %1?</translation>
    </message>
    <message>
        <source>%1 is known only after the call. A model that uses it cannot choose whom to call: its AUC and gains look far better than any targeting can reach, and its list is ranked by what happens during the call.

Every result of this run will carry a warning, and it will not be the default run for targeting lists, the chat or the report.

Include %1 anyway?</source>
        <translation>%1 er først kjent etter samtalen. En modell som bruker den, kan ikke velge hvem som skal ringes: AUC og gevinst ser langt bedre ut enn noen målretting kan nå, og listen rangeres etter det som skjer under samtalen.

Alle resultater fra denne kjøringen får en advarsel, og den blir ikke standardkjøringen for ringelister, chatten eller rapporten.

Ta med %1 likevel?</translation>
    </message>
    <message>
        <source>Reference levels</source>
        <translation>Referansenivåer</translation>
    </message>
    <message>
        <source>Validation and fit</source>
        <translation>Validering og tilpasning</translation>
    </message>
    <message>
        <source>Time: last 20% held out</source>
        <translation>Tid: siste 20 % holdt ut</translation>
    </message>
    <message>
        <source>Rolling: last 20%, refitted before each month</source>
        <translation>Rullerende: siste 20 %, tilpasset på nytt før hver måned</translation>
    </message>
    <message>
        <source>Each month of the last 20% is scored by a model fitted on every earlier row, as the bank would have used it then.</source>
        <translation>Hver måned i de siste 20 % skåres av en modell tilpasset på alle tidligere rader, slik banken ville ha brukt den da.</translation>
    </message>
    <message>
        <source>Random, stratified (seeded)</source>
        <translation>Tilfeldig, stratifisert (med frø)</translation>
    </message>
    <message>
        <source>None: fit on all rows (no held-out metrics)</source>
        <translation>Ingen: tilpass på alle rader (ingen holdt-ut-mål)</translation>
    </message>
    <message>
        <source>Ridge penalty on all coefficients but the intercept (0 = none)</source>
        <translation>Ridge-straff på alle koeffisienter unntatt konstantleddet (0 = ingen)</translation>
    </message>
    <message>
        <source>Score from which a client counts as predicted &apos;yes&apos; in the confusion matrix</source>
        <translation>Skår der en kunde regnes som predikert «ja» i forvekslingsmatrisen</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Deling</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Frø</translation>
    </message>
    <message>
        <source>L2 penalty</source>
        <translation>L2-straff</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Terskel</translation>
    </message>
    <message>
        <source>What one call costs; the default is a placeholder.</source>
        <translation>Hva én samtale koster; standardverdien er bare en plassholder.</translation>
    </message>
    <message>
        <source>What one subscription is worth to the bank; the default is a placeholder.</source>
        <translation>Hva én tegning er verdt for banken; standardverdien er bare en plassholder.</translation>
    </message>
    <message>
        <source>Cost per call</source>
        <translation>Kostnad per samtale</translation>
    </message>
    <message>
        <source>Value per subscription</source>
        <translation>Verdi per tegning</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Tilpass</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Odds ratios with 95% intervals; sort by</source>
        <translation>Oddsforhold med 95 % intervaller; sorter etter</translation>
    </message>
    <message>
        <source>odds ratio</source>
        <translation>oddsforhold</translation>
    </message>
    <message>
        <source>name</source>
        <translation>navn</translation>
    </message>
    <message>
        <source>ROC</source>
        <translation>ROC</translation>
    </message>
    <message>
        <source>Gains</source>
        <translation>Gevinst</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>Kalibrering</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Mål</translation>
    </message>
    <message>
        <source>Deciles</source>
        <translation>Desiler</translation>
    </message>
    <message>
        <source>Targeting list: top</source>
        <translation>Ringeliste: de øverste</translation>
    </message>
    <message>
        <source>% of clients</source>
        <translation>% av kundene</translation>
    </message>
    <message>
        <source>clients</source>
        <translation>kunder</translation>
    </message>
    <message>
        <source>columns (comma-separated; empty = all)</source>
        <translation>kolonner (kommaseparert; tom = alle)</translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation>Eksporter CSV …</translation>
    </message>
    <message>
        <source>Model run</source>
        <translation>Modellkjøring</translation>
    </message>
    <message>
        <source>no stored run yet</source>
        <translation>ingen lagret kjøring ennå</translation>
    </message>
    <message>
        <source>Open a dataset to fit a model.</source>
        <translation>Åpne et datasett for å tilpasse en modell.</translation>
    </message>
    <message>
        <source>Loading the dataset...</source>
        <translation>Laster datasettet …</translation>
    </message>
    <message>
        <source>Cannot load the dataset: %1</source>
        <translation>Kan ikke laste datasettet: %1</translation>
    </message>
    <message>
        <source>%L1 clients loaded. Choose the settings and press Fit.</source>
        <translation>%L1 kunder lastet. Velg innstillingene og trykk Tilpass.</translation>
    </message>
    <message>
        <source>%L1 clients loaded. Showing the newest stored model run %2; choose the settings and press Fit for a new one.</source>
        <translation>%L1 kunder lastet. Viser den nyeste lagrede modellkjøringen %2; velg innstillingene og trykk Tilpass for en ny.</translation>
    </message>
    <message>
        <source>%1 split</source>
        <translation>%1 deling</translation>
    </message>
    <message>
        <source>L2 %1</source>
        <translation>L2 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n predictor(s)</source>
        <translation>
            <numerusform>%n forklaringsvariabel</numerusform>
            <numerusform>%n forklaringsvariabler</numerusform>
        </translation>
    </message>
    <message>
        <source> · AUC %1</source>
        <translation> · AUC %1</translation>
    </message>
    <message>
        <source> · uses %1</source>
        <translation> · bruker %1</translation>
    </message>
    <message>
        <source>Reading model run %1...</source>
        <translation>Leser modellkjøring %1 …</translation>
    </message>
    <message>
        <source>Cannot read model run %1: %2</source>
        <translation>Kan ikke lese modellkjøring %1: %2</translation>
    </message>
    <message>
        <source>Showing stored model run %1.</source>
        <translation>Viser lagret modellkjøring %1.</translation>
    </message>
    <message>
        <source>time-ordered</source>
        <translation>tidsordnet</translation>
    </message>
    <message>
        <source>rolling origin</source>
        <translation>rullerende opprinnelse</translation>
    </message>
    <message>
        <source>random</source>
        <translation>tilfeldig</translation>
    </message>
    <message>
        <source>no</source>
        <translation>ingen</translation>
    </message>
    <message>
        <source>Fitting...</source>
        <translation>Tilpasser …</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>Avbryter …</translation>
    </message>
    <message>
        <source>Fit cancelled; the previous result stays.</source>
        <translation>Tilpasningen ble avbrutt; forrige resultat står.</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>avbrutt</translation>
    </message>
    <message>
        <source>No model: %1</source>
        <translation>Ingen modell: %1</translation>
    </message>
    <message>
        <source>Converged in %1 iterations; stored as model run %2 with a score for every client.</source>
        <translation>Konvergerte etter %1 iterasjoner; lagret som modellkjøring %2 med en skår for hver kunde.</translation>
    </message>
    <message>
        <source>ROC curve (held-out clients)</source>
        <translation>ROC-kurve (holdte-ut kunder)</translation>
    </message>
    <message>
        <source>false positive rate</source>
        <translation>andel falske positive</translation>
    </message>
    <message>
        <source>true positive rate</source>
        <translation>sensitivitet</translation>
    </message>
    <message>
        <source>Cumulative gains</source>
        <translation>Kumulativ gevinst</translation>
    </message>
    <message>
        <source>share of clients called</source>
        <translation>andel kunder ringt</translation>
    </message>
    <message>
        <source>share of subscribers</source>
        <translation>andel av tegnerne</translation>
    </message>
    <message>
        <source>Calibration by decile</source>
        <translation>Kalibrering per desil</translation>
    </message>
    <message>
        <source>mean predicted probability</source>
        <translation>gjennomsnittlig predikert sannsynlighet</translation>
    </message>
    <message>
        <source>observed rate</source>
        <translation>observert andel</translation>
    </message>
    <message>
        <source>This run was stored without its curves; fit it again to see them.</source>
        <translation>Denne kjøringen ble lagret uten kurvene; tilpass den på nytt for å se dem.</translation>
    </message>
    <message>
        <source>ROC: AUC %1</source>
        <translation>ROC: AUC %1</translation>
    </message>
    <message>
        <source>model</source>
        <translation>modell</translation>
    </message>
    <message>
        <source>chance</source>
        <translation>tilfeldig</translation>
    </message>
    <message>
        <source>ROC curve on the held-out clients: AUC %1 (95% CI %2 to %3)</source>
        <translation>ROC-kurve for de holdte-ut kundene: AUC %1 (95 % KI %2 til %3)</translation>
    </message>
    <message>
        <source>Gains: top %1% reach %2%</source>
        <translation>Gevinst: de øverste %1 % når %2 %</translation>
    </message>
    <message>
        <source>by score</source>
        <translation>etter skår</translation>
    </message>
    <message>
        <source>top %1%</source>
        <translation>øverste %1 %</translation>
    </message>
    <message>
        <source>deciles</source>
        <translation>desiler</translation>
    </message>
    <message>
        <source>perfect</source>
        <translation>perfekt</translation>
    </message>
    <message>
        <source>Observed rate against mean predicted probability per score decile; Hosmer-Lemeshow p %1</source>
        <translation>Observert andel mot gjennomsnittlig predikert sannsynlighet per skårdesil; Hosmer-Lemeshow p %1</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Fitted on all %L1 clients (no split), as statsmodels reports a model: there are no held-out metrics. Choose a time or random split to see how well it ranks clients it has not seen.&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Tilpasset på alle %L1 kunder (ingen deling), slik statsmodels rapporterer en modell: det finnes ingen holdt-ut-mål. Velg en tidsdeling eller tilfeldig deling for å se hvor godt den rangerer kunder den ikke har sett.&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Held out: %L1 clients, %L2 subscribers (%3 split). AUC &lt;b&gt;%4&lt;/b&gt; (95% CI %5 to %6); log-loss %7; Brier %8.&lt;br&gt;Hosmer-Lemeshow chi2(%9) = %10, %11.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Holdt ut: %L1 kunder, %L2 tegnere (%3 deling). AUC &lt;b&gt;%4&lt;/b&gt; (95 % KI %5 til %6); log-tap %7; Brier %8.&lt;br&gt;Hosmer-Lemeshow chi2(%9) = %10, %11.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 %2 (%L3)</source>
        <translation>%1 %2 (%L3)</translation>
    </message>
    <message>
        <source>&lt;p&gt;The held-out rows were scored in %1 periods (the months of the file), each by a model fitted on every earlier row; the model shown is the last one (%L2 rows). AUC by month (clients): %3.&lt;/p&gt;</source>
        <translation>&lt;p&gt;De holdte-ut radene ble skåret i %1 perioder (filens måneder), hver av en modell tilpasset på alle tidligere rader; modellen som vises, er den siste (%L2 rader). AUC per måned (kunder): %3.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#8a5a00&apos;&gt;The held-out rows subscribe at %1%, the training rows at %2%: calibration, accuracy and Hosmer-Lemeshow measure that shift as much as the model. Judge it by AUC and lift (the ranking).&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#8a5a00&apos;&gt;De holdte-ut radene tegner med %1 %, treningsradene med %2 %: kalibrering, treffsikkerhet og Hosmer-Lemeshow måler det skiftet like mye som modellen. Vurder den etter AUC og løft (rangeringen).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;table border=1 cellspacing=0 cellpadding=3&gt;&lt;tr&gt;&lt;th&gt;at %1&lt;/th&gt;&lt;th&gt;predicted&lt;br&gt;yes&lt;/th&gt;&lt;th&gt;predicted&lt;br&gt;no&lt;/th&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;actual yes&lt;/td&gt;&lt;td&gt;%L2&lt;/td&gt;&lt;td&gt;%L3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;actual no&lt;/td&gt;&lt;td&gt;%L4&lt;/td&gt;&lt;td&gt;%L5&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;Sensitivity %6%, specificity %7%, precision %8%, accuracy %9%.&lt;/p&gt;</source>
        <translation>&lt;table border=1 cellspacing=0 cellpadding=3&gt;&lt;tr&gt;&lt;th&gt;ved %1&lt;/th&gt;&lt;th&gt;predikert&lt;br&gt;ja&lt;/th&gt;&lt;th&gt;predikert&lt;br&gt;nei&lt;/th&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;faktisk ja&lt;/td&gt;&lt;td&gt;%L2&lt;/td&gt;&lt;td&gt;%L3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;faktisk nei&lt;/td&gt;&lt;td&gt;%L4&lt;/td&gt;&lt;td&gt;%L5&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;Sensitivitet %6 %, spesifisitet %7 %, presisjon %8 %, treffsikkerhet %9 %.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Fit (%L1 training clients): %2 in %3 iterations, gradient %4. Log-likelihood %5 (null %6); null deviance %7; LR chi2(%8) = %9, %10; AIC %11; BIC %12; pseudo-R2 McFadden %13, Nagelkerke %14, Tjur %15.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Tilpasning (%L1 treningskunder): %2 etter %3 iterasjoner, gradient %4. Log-likelihood %5 (nullmodell %6); nulldevians %7; LR chi2(%8) = %9, %10; AIC %11; BIC %12; pseudo-R2 McFadden %13, Nagelkerke %14, Tjur %15.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;GVIF^(1/(2 df)): %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;GVIF^(1/(2 df)): %1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Excluded %1: %2</source>
        <translation>Utelatt %1: %2</translation>
    </message>
    <message>
        <source>Aliased, left out: %1 %2</source>
        <translation>Aliasert, utelatt: %1 %2</translation>
    </message>
    <message>
        <source>Separation: %1</source>
        <translation>Separasjon: %1</translation>
    </message>
    <message>
        <source>Decile</source>
        <translation>Desil</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Kunder</translation>
    </message>
    <message>
        <source>Subscribers</source>
        <translation>Tegnere</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Andel</translation>
    </message>
    <message>
        <source>Lift</source>
        <translation>Løft</translation>
    </message>
    <message>
        <source>Cum. capture</source>
        <translation>Kum. fangst</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>Skårer</translation>
    </message>
    <message>
        <source>no stored model run yet</source>
        <translation>ingen lagret modellkjøring ennå</translation>
    </message>
    <message>
        <source>This model uses %1, known only after the call. It cannot choose whom to call: its AUC, gains and targeting list are not reachable before calling. It is not the default run for targeting lists, the chat or the report.</source>
        <translation>Denne modellen bruker %1, som først er kjent etter samtalen. Den kan ikke velge hvem som skal ringes: AUC, gevinst og ringeliste er ikke oppnåelige før man ringer. Den er ikke standardkjøringen for ringelister, chatten eller rapporten.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> og </translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#8a1010&apos;&gt;%1 is included although it is known only after the call&lt;/b&gt;: the run will carry a warning and cannot be used to choose whom to call.</source>
        <translation>&lt;b style=&apos;color:#8a1010&apos;&gt;%1 er tatt med selv om den først er kjent etter samtalen&lt;/b&gt;: kjøringen får en advarsel og kan ikke brukes til å velge hvem som skal ringes.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; is included although it is left out by default (%2).</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; er tatt med selv om den utelates som standard (%2).</translation>
    </message>
    <message>
        <source>%1 is left out: %2</source>
        <translation>%1 er utelatt: %2</translation>
    </message>
    <message>
        <source>%1 are left out: %2</source>
        <translation>%1 er utelatt: %2</translation>
    </message>
    <message>
        <source>&lt;br&gt;Tick a column to include it.</source>
        <translation>&lt;br&gt;Kryss av for en kolonne for å ta den med.</translation>
    </message>
    <message>
        <source>Export targeting list</source>
        <translation>Eksporter ringeliste</translation>
    </message>
    <message>
        <source>

The list&apos;s score column will say so. Export it anyway?</source>
        <translation>

Listens skårkolonne vil si det. Eksportere likevel?</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-filer (*.csv)</translation>
    </message>
    <message>
        <source>A percentage is at most 100.</source>
        <translation>En prosentandel er høyst 100.</translation>
    </message>
    <message>
        <source>Wrote %L1 clients to %2.</source>
        <translation>Skrev %L1 kunder til %2.</translation>
    </message>
    <message>
        <source>Calling the top %1% by score reaches %2% of the subscribers.</source>
        <translation>Å ringe de øverste %1 % etter skår når %2 % av tegnerne.</translation>
    </message>
    <message>
        <source>With a call at %1 and a subscription worth %2 (assumed; set your own), calling the best %3 of %4 held-out clients (score %5 or more) earns %6, the most of any list; calling all of them earns %7. A call pays when the chance of a yes is above %8%.</source>
        <translation>Med en samtale til %1 og en tegning verdt %2 (antatt; sett egne verdier) gir det å ringe de beste %3 av %4 holdte-ut kunder (skår %5 eller mer) %6, mest av alle lister; å ringe alle gir %7. En samtale lønner seg når sjansen for ja er over %8 %.</translation>
    </message>
    <message>
        <source>the average %1 of the rows before it</source>
        <translation>gjennomsnittlig %1 for radene før</translation>
    </message>
    <message>
        <source>%1=%2 (%3 held-out rows, %4% subscribe) is scored as %5</source>
        <translation>%1=%2 (%3 holdte-ut rader, %4 % tegner) skåres som %5</translation>
    </message>
    <message>
        <source>No earlier row had some held-out levels, so the model before them could not estimate them: %1.</source>
        <translation>Ingen tidligere rad hadde noen av nivåene i de holdte-ut radene, så modellen før dem kunne ikke anslå dem: %1.</translation>
    </message>
    <message>
        <source>The training rows never saw some held-out levels, so the model cannot estimate them: %1. The held-out figures understate what the model would do with those levels; the rolling split refits before each month, a random split sees every level, and no split fits on all rows.</source>
        <translation>Treningsradene hadde aldri noen av nivåene i de holdte-ut radene, så modellen kan ikke anslå dem: %1. De holdte-ut tallene undervurderer hva modellen ville gjort med de nivåene; rullerende deling tilpasser på nytt før hver måned, tilfeldig deling ser alle nivåer, og ingen deling tilpasser på alle rader.</translation>
    </message>
    <message>
        <source>The same figures with their technical names</source>
        <translation>De samme tallene med sine tekniske navn</translation>
    </message>
    <message>
        <source>Fit the model</source>
        <translation>Tilpass modellen</translation>
    </message>
    <message>
        <source>Cancel the fit</source>
        <translation>Avbryt tilpasningen</translation>
    </message>
    <message>
        <source>Export the targeting list</source>
        <translation>Eksporter ringelisten</translation>
    </message>
    <message>
        <source>Columns in the list:</source>
        <translation>Kolonner i listen:</translation>
    </message>
    <message>
        <source>Run %1 · %2</source>
        <translation>Kjøring %1 · %2</translation>
    </message>
    <message>
        <source>Reading the levels of %1 on %2...</source>
        <translation>Leser nivåene i %1 på %2...</translation>
    </message>
    <message>
        <source>No clients were held out, so how well the scores rank new clients is not measured.</source>
        <translation>Ingen kunder ble holdt ut, så hvor godt skårene rangerer nye kunder er ikke målt.</translation>
    </message>
    <message>
        <source>Choosing the best clients on %1…</source>
        <translation>Velger de beste kundene på %1…</translation>
    </message>
    <message>
        <source>No targeting list: %1</source>
        <translation>Ingen ringeliste: %1</translation>
    </message>
    <message>
        <source>Wrote the best %L1 of %L2 clients to %3: chosen and scored on %4 by the model fitted there; the other rows stayed on the server.</source>
        <translation>Skrev de beste %L1 av %L2 kundene til %3: valgt og skåret på %4 av modellen som ble tilpasset der; de andre radene ble på serveren.</translation>
    </message>
    <message>
        <source>Random by row hash: 20% held out</source>
        <translation>Tilfeldig etter rad-hash: 20 % holdt ut</translation>
    </message>
    <message>
        <source>A client is held out when a hash of its values falls in the lowest 20%: the same clients on a warehouse and in its snapshot, and repeated rows on one side.</source>
        <translation>En kunde holdes ut når en hash av verdiene faller i de laveste 20 %: de samme kundene i et datavarehus og i øyeblikksbildet av det, og gjentatte rader på samme side.</translation>
    </message>
    <message>
        <source>row-hash</source>
        <translation>rad-hash</translation>
    </message>
    <message>
        <source>No clients were held out (the model was fitted on every row): choose a split other than None to see this chart.</source>
        <translation>Ingen kunder ble holdt ut (modellen ble tilpasset på alle rader): velg en annen deling enn Ingen for å se dette diagrammet.</translation>
    </message>
    <message>
        <source>The curve joins the ten decile cuts, counted on the server.</source>
        <translation>Kurven forbinder de ti desilgrensene, talt på serveren.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Fitted on all %L1 clients where %2 holds them: there are no held-out metrics, as no client was kept apart. To see how well the model ranks clients it has not seen, fit it with the split by row hash.&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Tilpasset på alle %L1 kunder der %2 har dem: det finnes ingen holdt-ut-mål, siden ingen kunde ble holdt utenfor. For å se hvor godt modellen rangerer kunder den ikke har sett, tilpass den med deling etter rad-hash.&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%L1 clients on %2 (live table %3): the model is fitted there. Choose the columns and the split, and press Fit.</source>
        <translation>%L1 kunder på %2 (direkte tabell %3): modellen tilpasses der. Velg kolonnene og delingen, og trykk Tilpass.</translation>
    </message>
    <message>
        <source>%L1 clients on %2 (live query %3): the model is fitted there. Choose the columns and the split, and press Fit.</source>
        <translation>%L1 kunder på %2 (direkte spørring %3): modellen tilpasses der. Velg kolonnene og delingen, og trykk Tilpass.</translation>
    </message>
</context>
<context>
    <name>cl::PlainWordsPanel</name>
    <message>
        <source>Technical detail</source>
        <translation>Tekniske detaljer</translation>
    </message>
</context>
<context>
    <name>cl::PriceTableDialog</name>
    <message>
        <source>Token prices</source>
        <translation>Tokenpriser</translation>
    </message>
    <message>
        <source>US dollars per million tokens. A model uses its own row, else the longest row its name starts with; without a row its cost is shown as unknown.</source>
        <translation>Amerikanske dollar per million tokens. En modell bruker sin egen rad, ellers den lengste raden navnet begynner med; uten rad vises kostnaden som ukjent.</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Input $ per 1M</source>
        <translation>Inndata $ per 1M</translation>
    </message>
    <message>
        <source>Output $ per 1M</source>
        <translation>Utdata $ per 1M</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Legg til</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Fjern</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>Standardverdier</translation>
    </message>
    <message>
        <source>Row %1 has no model name.</source>
        <translation>Rad %1 mangler modellnavn.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; appears twice.</source>
        <translation>«%1» står to ganger.</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: prices must be non-negative numbers.</source>
        <translation>«%1»: prisene må være tall som ikke er negative.</translation>
    </message>
</context>
<context>
    <name>cl::QualityPanel</name>
    <message>
        <source>Synthetic demo data: generated rows, not real customers</source>
        <translation>Syntetiske demodata: genererte rader, ikke ekte kunder</translation>
    </message>
    <message>
        <source>Show &amp;rejected rows…</source>
        <translation>Vis &amp;avviste rader…</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Kolonne</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Mangler</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Ukjent</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>Nivåer</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Kolonner</translation>
    </message>
    <message>
        <source>No dataset</source>
        <translation>Ingen datasett</translation>
    </message>
    <message>
        <source>%1 · %2 · imported %3</source>
        <translation>%1 · %2 · importert %3</translation>
    </message>
    <message>
        <source>Data lines</source>
        <translation>Datalinjer</translation>
    </message>
    <message>
        <source>= rows read + rejected</source>
        <translation>= leste rader + avviste</translation>
    </message>
    <message>
        <source>Rows read</source>
        <translation>Leste rader</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Avvist</translation>
    </message>
    <message>
        <source>kept in the rejects table</source>
        <translation>beholdt i tabellen over avviste rader</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Duplikater</translation>
    </message>
    <message>
        <source>kept, counted</source>
        <translation>beholdt, talt</translation>
    </message>
    <message>
        <source>Subscribed (y = 1)</source>
        <translation>Tegnet (y = 1)</translation>
    </message>
    <message>
        <source>Not subscribed</source>
        <translation>Ikke tegnet</translation>
    </message>
    <message>
        <source>Show %1 &amp;rejected rows…</source>
        <translation>Vis %1 &amp;avviste rader…</translation>
    </message>
    <message>
        <source>No rejected rows</source>
        <translation>Ingen avviste rader</translation>
    </message>
    <message>
        <source>derived by the import</source>
        <translation>avledet av importen</translation>
    </message>
    <message>
        <source>source column &apos;%1&apos;</source>
        <translation>kildekolonne «%1»</translation>
    </message>
    <message>
        <source>
min %1, mean %2, max %3</source>
        <translation>
min. %1, snitt %2, maks. %3</translation>
    </message>
    <message>
        <source>
kept in the raw table only</source>
        <translation>
bare beholdt i rådatatabellen</translation>
    </message>
    <message>
        <source>integer</source>
        <translation>heltall</translation>
    </message>
    <message>
        <source>real</source>
        <translation>desimaltall</translation>
    </message>
    <message>
        <source>text</source>
        <translation>tekst</translation>
    </message>
    <message>
        <source>categorical</source>
        <translation>kategorisk</translation>
    </message>
    <message>
        <source>target</source>
        <translation>mål</translation>
    </message>
    <message>
        <source>The import&apos;s warnings as it words them</source>
        <translation>Importens advarsler slik den formulerer dem</translation>
    </message>
</context>
<context>
    <name>cl::QualityWarning</name>
    <message>
        <source>&apos;%1&apos; (call duration) is only known after the call and decides the outcome almost by itself: do not use it to choose whom to call (models leave it out by default)</source>
        <translation>&apos;%1&apos; (samtalens varighet) er først kjent etter samtalen og avgjør utfallet nesten alene: ikke bruk den til å velge hvem som skal ringes (modellene utelater den som standard)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; uses a sentinel (999 or -1) for clients never contacted before: decoded to &apos;never contacted&apos; (%2 = no unless previous or poutcome show an earlier contact)</source>
        <translation>&apos;%1&apos; bruker en kodeverdi (999 eller -1) for kunder som ikke er kontaktet før: tolket som «aldri kontaktet» (%2 = no med mindre previous eller poutcome viser en tidligere kontakt)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; looks like an identifier or free text: kept in the raw table, left out of analysis</source>
        <translation>&apos;%1&apos; ser ut som en identifikator eller fritekst: beholdt i rådatatabellen, utelatt fra analysen</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is &apos;unknown&apos; for %2% of the rows</source>
        <translation>&apos;%1&apos; er &apos;unknown&apos; for %2 % av radene</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is missing for %2% of the rows</source>
        <translation>&apos;%1&apos; mangler for %2 % av radene</translation>
    </message>
    <message>
        <source>%1 rows could not be read; they are kept in the rejects table with line number and reason</source>
        <translation>%1 rader kunne ikke leses; de er beholdt i tabellen over avviste rader med linjenummer og årsak</translation>
    </message>
    <message>
        <source>%1 rows repeat an earlier row exactly (kept)</source>
        <translation>%1 rader gjentar en tidligere rad nøyaktig (beholdt)</translation>
    </message>
    <message>
        <source>the outcome is imbalanced (%1% subscribed): judge models by AUC, lift and calibration, not accuracy</source>
        <translation>utfallet er skjevt fordelt (%1 % tegnet): vurder modeller etter AUC, løft og kalibrering, ikke treffsikkerhet</translation>
    </message>
    <message>
        <source>only %1 rows: segment rates will have wide confidence intervals</source>
        <translation>bare %1 rader: segmentandelene får vide konfidensintervaller</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is stored as &apos;%2&apos;: its name is taken by another column or by one the import adds</source>
        <translation>&apos;%1&apos; er lagret som &apos;%2&apos;: navnet er tatt av en annen kolonne eller av en som importen legger til</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: %2 rows rejected for a value that is not plausible there (accepted: %3 to %4; not NaN, not infinite)</source>
        <translation>&apos;%1&apos;: %2 rader avvist for en verdi som ikke er plausibel der (godtatt: %3 til %4; ikke NaN, ikke uendelig)</translation>
    </message>
</context>
<context>
    <name>cl::RejectedRowsDialog</name>
    <message>
        <source>Rejected rows of %1</source>
        <translation>Avviste rader i %1</translation>
    </message>
    <message>
        <source>The first %1 of %2 rows that could not be read. They are kept here and left out of every analysis.</source>
        <translation>De første %1 av %2 rader som ikke kunne leses. De beholdes her og holdes utenfor alle analyser.</translation>
    </message>
    <message>
        <source>1 row could not be read. It is kept here and left out of every analysis.</source>
        <translation>1 rad kunne ikke leses. Den beholdes her og holdes utenfor alle analyser.</translation>
    </message>
    <message>
        <source>%1 rows could not be read. They are kept here and left out of every analysis.</source>
        <translation>%1 rader kunne ikke leses. De beholdes her og holdes utenfor alle analyser.</translation>
    </message>
    <message>
        <source>The rejected rows could not be read: %1</source>
        <translation>De avviste radene kunne ikke leses: %1</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Linje</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Årsak</translation>
    </message>
    <message>
        <source>Raw text</source>
        <translation>Råtekst</translation>
    </message>
</context>
<context>
    <name>cl::ReportView</name>
    <message>
        <source>Sections</source>
        <translation>Deler</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Innstillinger</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Norsk bokmål</source>
        <translation>Norsk bokmål</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>The stored model run the report shows. Newest: the newest run that can rank clients before calling (fit runs in the Model tab).</source>
        <translation>Den lagrede modellkjøringen rapporten viser. Nyeste: den nyeste kjøringen som kan rangere kunder før man ringer (tilpass kjøringer under fanen Modell).</translation>
    </message>
    <message>
        <source>Model run</source>
        <translation>Modellkjøring</translation>
    </message>
    <message>
        <source>AI text on export</source>
        <translation>AI-tekst ved eksport</translation>
    </message>
    <message>
        <source>The model at %1 writes the summary, actions, hypotheses and answers from the computed figures (no rows are sent).</source>
        <translation>Modellen på %1 skriver oppsummering, tiltak, hypoteser og svar ut fra de beregnede tallene (ingen rader sendes).</translation>
    </message>
    <message>
        <source>No AI endpoint is configured (OPENAI_API_KEY or OPENAI_BASE_URL): the AI sections will be rule-based and labelled so.</source>
        <translation>Ingen AI-endepunkt er satt opp (OPENAI_API_KEY eller OPENAI_BASE_URL): AI-delene blir regelbaserte og merket slik.</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>Formater</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Eksporter…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Åpne mappen</translation>
    </message>
    <message>
        <source>Newest</source>
        <translation>Nyeste</translation>
    </message>
    <message>
        <source>Run %1 · %2 split</source>
        <translation>Kjøring %1 · %2 deling</translation>
    </message>
    <message>
        <source> · AUC %1</source>
        <translation> · AUC %1</translation>
    </message>
    <message>
        <source> · uses %1 (cannot target)</source>
        <translation> · bruker %1 (kan ikke målrette)</translation>
    </message>
    <message>
        <source>Import a dataset to see its report here.</source>
        <translation>Importer et datasett for å se rapporten her.</translation>
    </message>
    <message>
        <source>Building the report preview…</source>
        <translation>Lager forhåndsvisning av rapporten…</translation>
    </message>
    <message>
        <source>No report: %1</source>
        <translation>Ingen rapport: %1</translation>
    </message>
    <message>
        <source>Preview: rule-based text. With &quot;AI text on export&quot; the model writes the AI sections when the report is exported.</source>
        <translation>Forhåndsvisning: regelbasert tekst. Med «AI-tekst ved eksport» skriver modellen AI-delene når rapporten eksporteres.</translation>
    </message>
    <message>
        <source>No section is selected.</source>
        <translation>Ingen del er valgt.</translation>
    </message>
    <message>
        <source>Export the report into</source>
        <translation>Eksporter rapporten til</translation>
    </message>
    <message>
        <source>Import a dataset first.</source>
        <translation>Importer et datasett først.</translation>
    </message>
    <message>
        <source>Choose Markdown, PDF or both.</source>
        <translation>Velg Markdown, PDF eller begge.</translation>
    </message>
    <message>
        <source>Select at least one section.</source>
        <translation>Velg minst én del.</translation>
    </message>
    <message>
        <source>Loading the data…</source>
        <translation>Laster dataene…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Avbryter…</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation>Eksporten ble avbrutt; ingenting ble skrevet.</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Eksporten mislyktes: %1</translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation>Eksporter rapporten</translation>
    </message>
    <message>
        <source>Cancel the report export</source>
        <translation>Avbryt rapporteksporten</translation>
    </message>
    <message>
        <source>Open the report folder</source>
        <translation>Åpne rapportmappen</translation>
    </message>
</context>
<context>
    <name>cl::RequestPreviewDialog</name>
    <message>
        <source>Send this request?</source>
        <translation>Sende denne forespørselen?</translation>
    </message>
    <message>
        <source>What will be sent</source>
        <translation>Dette blir sendt</translation>
    </message>
    <message>
        <source>This is the first question of the session. The request below is exactly what will leave this machine, posted to %1. The API key travels only in the Authorization header.</source>
        <translation>Dette er øktens første spørsmål. Forespørselen nedenfor er nøyaktig det som forlater denne maskinen, sendt til %1. API-nøkkelen sendes bare i Authorization-hodet.</translation>
    </message>
    <message>
        <source>The next question would send the request below, posted to %1. The API key travels only in the Authorization header.</source>
        <translation>Neste spørsmål vil sende forespørselen nedenfor til %1. API-nøkkelen sendes bare i Authorization-hodet.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sharing mode:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Delingsmodus:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
</context>
<context>
    <name>cl::SegmentBarChart</name>
    <message>
        <source>%1 subscribed of %2 clients</source>
        <translation>%1 tegnet av %2 kunder</translation>
    </message>
    <message>
        <source>rate %1 (95% CI %2 to %3)</source>
        <translation>andel %1 (95 % KI %2 til %3)</translation>
    </message>
    <message>
        <source>lift %1 · share of subscribers %2 · Bayes rate %3</source>
        <translation>løft %1 · andel av tegnerne %2 · Bayes-andel %3</translation>
    </message>
    <message>
        <source>rank %1 of %2</source>
        <translation>nr. %1 av %2</translation>
    </message>
    <message>
        <source>fewer than %1 clients: the rate says little</source>
        <translation>færre enn %1 kunder: andelen sier lite</translation>
    </message>
    <message>
        <source>Segment response rates</source>
        <translation>Responsandel per segment</translation>
    </message>
    <message>
        <source>No clients match the filters</source>
        <translation>Ingen kunder passer filtrene</translation>
    </message>
    <message>
        <source>No segmentation yet</source>
        <translation>Ingen segmentering ennå</translation>
    </message>
    <message>
        <source>raw rate</source>
        <translation>rå andel</translation>
    </message>
    <message>
        <source>Wilson lower bound</source>
        <translation>nedre Wilson-grense</translation>
    </message>
    <message>
        <source>Bayes rate</source>
        <translation>Bayes-andel</translation>
    </message>
    <message>
        <source>Top %1 of %2 segments by %3: response rate with 95% CI</source>
        <translation>Topp %1 av %2 segmenter etter %3: andel med 95 % KI</translation>
    </message>
    <message>
        <source>response rate (bar) and Wilson 95% interval (whisker)</source>
        <translation>responsandel (søyle) og Wilsons 95 % intervall (strek)</translation>
    </message>
    <message>
        <source>overall %1</source>
        <translation>totalt %1</translation>
    </message>
    <message>
        <source>Click a bar to drill down.</source>
        <translation>Klikk på en søyle for å gå dypere.</translation>
    </message>
    <message>
        <source>Pale bars: fewer than %1 clients, the rate says little.</source>
        <translation>Bleke søyler: færre enn %1 kunder, andelen sier lite.</translation>
    </message>
</context>
<context>
    <name>cl::SegmentFilterPanel</name>
    <message>
        <source>Column to filter on; ● marks columns with a filter</source>
        <translation>Kolonne å filtrere på; ● markerer kolonner med filter</translation>
    </message>
    <message>
        <source>Keep only the clients with one of the ticked values; tick none to keep all</source>
        <translation>Behold bare kundene med en av de avkryssede verdiene; kryss av for ingen for å beholde alle</translation>
    </message>
    <message>
        <source>All values</source>
        <translation>Alle verdier</translation>
    </message>
    <message>
        <source>Remove the filter on this column</source>
        <translation>Fjern filteret på denne kolonnen</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Fjern filtre</translation>
    </message>
    <message>
        <source>Remove every filter</source>
        <translation>Fjern alle filtre</translation>
    </message>
</context>
<context>
    <name>cl::SegmentHeatmap</name>
    <message>
        <source>No segmentation yet.</source>
        <translation>Ingen segmentering ennå.</translation>
    </message>
    <message numerus="yes">
        <source>The heatmap needs exactly two dimensions: you are segmenting by %n column(s). Pick two under “Segment by” (for example age_band and job) to see every combination as a cell.</source>
        <translation>
            <numerusform>Varmekartet trenger nøyaktig to dimensjoner: du segmenterer etter %n kolonne. Velg to under «Segmenter etter» (for eksempel age_band og job) for å se hver kombinasjon som en celle.</numerusform>
            <numerusform>Varmekartet trenger nøyaktig to dimensjoner: du segmenterer etter %n kolonner. Velg to under «Segmenter etter» (for eksempel age_band og job) for å se hver kombinasjon som en celle.</numerusform>
        </translation>
    </message>
    <message>
        <source>Segment response rate heatmap</source>
        <translation>Varmekart over responsandel per segment</translation>
    </message>
    <message>
        <source>Colour = rate, text = rate and clients; hatched grey = fewer than %1 clients.</source>
        <translation>Farge = andel, tekst = andel og kunder; skravert grå = færre enn %1 kunder.</translation>
    </message>
    <message>
        <source>Click a cell to drill down.</source>
        <translation>Klikk på en celle for å gå dypere.</translation>
    </message>
    <message>
        <source>%1 overall</source>
        <translation>%1 samlet</translation>
    </message>
    <message>
        <source>Response rate by %1 × %2: %3 segments, overall %4</source>
        <translation>Responsandel etter %1 × %2: %3 segmenter, totalt %4</translation>
    </message>
</context>
<context>
    <name>cl::SegmentProxyModel</name>
    <message>
        <source>Wilson 95% interval of the rate</source>
        <translation>Wilsons 95 % intervall for andelen</translation>
    </message>
    <message>
        <source>Rate divided by the overall rate of the filtered clients</source>
        <translation>Andelen delt på totalandelen for de filtrerte kundene</translation>
    </message>
    <message>
        <source>Share of all subscribers of the filtered clients</source>
        <translation>Andel av alle tegnere blant de filtrerte kundene</translation>
    </message>
    <message>
        <source>Empirical-Bayes rate: the rate shrunk toward the fitted prior, more so for small segments</source>
        <translation>Empirisk Bayes-andel: andelen trukket mot den tilpassede priorfordelingen, mest for små segmenter</translation>
    </message>
    <message>
        <source>small: fewer clients than min-n; the rate says little</source>
        <translation>lite: færre kunder enn min-n; andelen sier lite</translation>
    </message>
    <message>
        <source>subscribers</source>
        <translation>tegnere</translation>
    </message>
    <message>
        <source>Bayes rate</source>
        <translation>Bayes-andel</translation>
    </message>
</context>
<context>
    <name>cl::SegmentStats</name>
    <message>
        <source>maximum likelihood concentration (beta-binomial), mean fixed at the population rate</source>
        <translation>sannsynlighetsmaksimering av konsentrasjonen (beta-binomisk), snittet låst til totalandelen</translation>
    </message>
</context>
<context>
    <name>cl::SegmentTableModel</name>
    <message>
        <source>small</source>
        <translation>lite</translation>
    </message>
    <message>
        <source>rank</source>
        <translation>nr.</translation>
    </message>
    <message>
        <source>clients</source>
        <translation>kunder</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>tegnet</translation>
    </message>
    <message>
        <source>rate</source>
        <translation>andel</translation>
    </message>
    <message>
        <source>CI low</source>
        <translation>KI lav</translation>
    </message>
    <message>
        <source>CI high</source>
        <translation>KI høy</translation>
    </message>
    <message>
        <source>lift</source>
        <translation>løft</translation>
    </message>
    <message>
        <source>share</source>
        <translation>andel tegnere</translation>
    </message>
    <message>
        <source>EB rate</source>
        <translation>Bayes-andel</translation>
    </message>
    <message>
        <source>flag</source>
        <translation>merke</translation>
    </message>
</context>
<context>
    <name>cl::SegmentsView</name>
    <message>
        <source>Segment by</source>
        <translation>Segmenter etter</translation>
    </message>
    <message>
        <source>&amp;1st</source>
        <translation>&amp;1.</translation>
    </message>
    <message>
        <source>&amp;2nd</source>
        <translation>&amp;2.</translation>
    </message>
    <message>
        <source>&amp;3rd</source>
        <translation>&amp;3.</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filtre</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>Rangering</translation>
    </message>
    <message>
        <source>Wilson lower bound</source>
        <translation>nedre Wilson-grense</translation>
    </message>
    <message>
        <source>Bayes rate</source>
        <translation>Bayes-andel</translation>
    </message>
    <message>
        <source>Raw rate</source>
        <translation>Rå andel</translation>
    </message>
    <message>
        <source>Wilson: the lower end of the 95% interval, so a rate must be both high and well supported.
Bayes: rates shrunk toward a prior fitted on the segments.
Raw: the observed rate; tiny segments float to the top.</source>
        <translation>Wilson: nedre ende av 95 %-intervallet, så en andel må være både høy og godt underbygd.
Bayes: andeler trukket mot en priorfordeling tilpasset på segmentene.
Rå: den observerte andelen; bittesmå segmenter flyter til topps.</translation>
    </message>
    <message>
        <source>Segments with fewer clients are flagged small, greyed and, for Wilson and Bayes, ranked last</source>
        <translation>Segmenter med færre kunder merkes som små, gråes ut og rangeres, for Wilson og Bayes, sist</translation>
    </message>
    <message>
        <source>Bars in the chart: the top segments of the ranking</source>
        <translation>Søyler i diagrammet: de øverste segmentene i rangeringen</translation>
    </message>
    <message>
        <source>&amp;Rank by</source>
        <translation>&amp;Ranger etter</translation>
    </message>
    <message>
        <source>&amp;Min clients</source>
        <translation>&amp;Min. kunder</translation>
    </message>
    <message>
        <source>&amp;Bars shown</source>
        <translation>&amp;Søyler vist</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Tilbake</translation>
    </message>
    <message>
        <source>Back to the segmentation before the last drill-down (Alt+Left)</source>
        <translation>Tilbake til segmenteringen før siste drill-down (Alt+Venstre)</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Fram</translation>
    </message>
    <message>
        <source>Redo the drill-down (Alt+Right)</source>
        <translation>Gjør drill-down på nytt (Alt+Høyre)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Eksporter</translation>
    </message>
    <message>
        <source>Table as CSV…</source>
        <translation>Tabell som CSV…</translation>
    </message>
    <message>
        <source>Chart as PNG…</source>
        <translation>Diagram som PNG…</translation>
    </message>
    <message>
        <source>Chart as SVG…</source>
        <translation>Diagram som SVG…</translation>
    </message>
    <message>
        <source>Bar chart</source>
        <translation>Søylediagram</translation>
    </message>
    <message>
        <source>Heatmap (two dimensions)</source>
        <translation>Varmekart (to dimensjoner)</translation>
    </message>
    <message>
        <source>Double-click a segment to drill down</source>
        <translation>Dobbeltklikk på et segment for å gå dypere</translation>
    </message>
    <message>
        <source>Loading %1 rows into memory…</source>
        <translation>Laster %1 rader inn i minnet…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Laster…</translation>
    </message>
    <message>
        <source>Reading the dataset into memory once; segmentations are computed from it in milliseconds.</source>
        <translation>Leser datasettet inn i minnet én gang; segmenteringer beregnes fra det på millisekunder.</translation>
    </message>
    <message>
        <source>Open a dataset to compare segments.</source>
        <translation>Åpne et datasett for å sammenligne segmenter.</translation>
    </message>
    <message>
        <source>The dataset could not be loaded: %1</source>
        <translation>Datasettet kunne ikke lastes: %1</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Teller…</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>Varmekart</translation>
    </message>
    <message>
        <source>Heatmap (needs two dimensions)</source>
        <translation>Varmekart (trenger to dimensjoner)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 segments compared&lt;/b&gt; among %2 clients (%3 subscribed, overall rate %4)</source>
        <translation>&lt;b&gt;%1 segmenter sammenlignet&lt;/b&gt; blant %2 kunder (%3 tegnet, totalandel %4)</translation>
    </message>
    <message>
        <source>; %1 of them have fewer than %2 clients (grey)</source>
        <translation>; %1 av dem har færre enn %2 kunder (grå)</translation>
    </message>
    <message>
        <source>Scanning %1 segments finds some high rates by chance: a small segment can sit far above %2 by luck alone. Trust a rate by its interval, not its size: rank by the Wilson lower bound or the Bayes rate.</source>
        <translation>Når %1 segmenter gjennomgås, dukker noen høye andeler opp ved en tilfeldighet: et lite segment kan ligge langt over %2 av ren flaks. Stol på en andel etter intervallet, ikke størrelsen: ranger etter nedre Wilson-grense eller Bayes-andelen.</translation>
    </message>
    <message>
        <source>Bayes prior: no spread between segments beyond chance, so the Bayes rates all sit at (nearly) the pooled rate %1.</source>
        <translation>Bayes-prior: ingen spredning mellom segmentene utover tilfeldigheter, så alle Bayes-andelene ligger (nesten) på den samlede andelen %1.</translation>
    </message>
    <message>
        <source>Bayes prior fitted on these segments by %1: Beta(α = %2, β = %3), mean %4; each Bayes rate pulls its segment toward %4 as if it had %5 more clients.</source>
        <translation>Bayes-prior tilpasset på disse segmentene med %1: Beta(α = %2, β = %3), snitt %4; hver Bayes-andel trekker segmentet mot %4 som om det hadde %5 flere kunder.</translation>
    </message>
    <message>
        <source>Bayes prior not fitted (fewer than two segments): Bayes rates equal the raw rates.</source>
        <translation>Bayes-prior ikke tilpasset (færre enn to segmenter): Bayes-andelene er lik de rå andelene.</translation>
    </message>
    <message>
        <source>Export segments as CSV</source>
        <translation>Eksporter segmenter som CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-filer (*.csv)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Eksporter</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>Kunne ikke skrive %1.</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Eksporter diagram</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-bilder (*.png)</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG-tegninger (*.svg)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ingen)</translation>
    </message>
    <message>
        <source>The intervals, the correction for many segments and the Bayes prior behind these words</source>
        <translation>Intervallene, korreksjonen for mange segmenter og Bayes-priorfordelingen bak disse ordene</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 og %2</translation>
    </message>
    <message>
        <source>Drilled into %1 (%2 clients): split by %3, %4 segments, %5 with at least %6 clients.</source>
        <translation>Gått dypere i %1 (%2 kunder): delt opp etter %3, %4 segmenter, %5 med minst %6 kunder.</translation>
    </message>
    <message>
        <source>Choosing how to split…</source>
        <translation>Velger oppdeling …</translation>
    </message>
    <message>
        <source>%1 is live: each segmentation is counted on %2 by one query, and only the counts come back.</source>
        <translation>%1 er direkte: hver segmentering telles på %2 med én spørring, og bare tallene kommer tilbake.</translation>
    </message>
    <message>
        <source>Counted on %1 (live table %2).</source>
        <translation>Telt på %1 (direkte tabell %2).</translation>
    </message>
    <message>
        <source>Counted on %1 (live query %2).</source>
        <translation>Telt på %1 (direkte spørring %2).</translation>
    </message>
</context>
<context>
    <name>cl::SharingMode</name>
    <message>
        <source>Aggregates only: counts and rates of groups of clients; groups of fewer than %1 clients are never sent.</source>
        <translation>Bare aggregater: antall og andeler for grupper av kunder; grupper på færre enn %1 kunder sendes aldri.</translation>
    </message>
    <message>
        <source>Aggregates only: counts and rates of groups of clients, never single clients.</source>
        <translation>Bare aggregater: antall og andeler for grupper av kunder, aldri enkeltkunder.</translation>
    </message>
    <message>
        <source>Schema only: column names and category levels; no data values.</source>
        <translation>Bare skjema: kolonnenavn og kategorinivåer; ingen dataverdier.</translation>
    </message>
    <message>
        <source>Rows allowed: row-level client records may be sent.</source>
        <translation>Rader tillatt: enkeltposter om kunder kan bli sendt.</translation>
    </message>
</context>
<context>
    <name>cl::WarehouseDialog</name>
    <message>
        <source>Connect to warehouse</source>
        <translation>Koble til datavarehus</translation>
    </message>
    <message>
        <source>Analyse a table where it lives, on PostgreSQL or a ClickHouse cluster: CampaignLens sends the engine queries and gets back counts and sums, never the rows. A snapshot copies the rows into this workspace instead, for work offline.</source>
        <translation>Analyser en tabell der den ligger, på PostgreSQL eller en ClickHouse-klynge: CampaignLens sender spørringer til motoren og får tilbake antall og summer, aldri radene. Et øyeblikksbilde kopierer i stedet radene inn i dette arbeidsområdet, for arbeid uten nett.</translation>
    </message>
    <message>
        <source>postgresql://user@host:5432/database or clickhouse://host:8123/database</source>
        <translation>postgresql://bruker@vert:5432/database eller clickhouse://vert:8123/database</translation>
    </message>
    <message>
        <source>the table&apos;s name on the server</source>
        <translation>tabellens navn på serveren</translation>
    </message>
    <message>
        <source>the table&apos;s name</source>
        <translation>tabellens navn</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Test tilkoblingen</translation>
    </message>
    <message>
        <source>A password in the address is used while this window is open and never stored. For a live dataset keep it in PGPASSWORD or ~/.pgpass (PostgreSQL) or CLICKHOUSE_PASSWORD (ClickHouse).</source>
        <translation>Et passord i adressen brukes mens dette vinduet er åpent, og lagres aldri. For et direkte datasett, hold det i PGPASSWORD eller ~/.pgpass (PostgreSQL) eller CLICKHOUSE_PASSWORD (ClickHouse).</translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation>Server&amp;adresse:</translation>
    </message>
    <message>
        <source>Ta&amp;ble:</source>
        <translation>Ta&amp;bell:</translation>
    </message>
    <message>
        <source>Dataset &amp;name:</source>
        <translation>Datasett&amp;navn:</translation>
    </message>
    <message>
        <source>Column on the server</source>
        <translation>Kolonne på serveren</translation>
    </message>
    <message>
        <source>Used as</source>
        <translation>Brukes som</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>Nivåer</translation>
    </message>
    <message>
        <source>Columns and their roles</source>
        <translation>Kolonner og rollene deres</translation>
    </message>
    <message>
        <source>Preview: the first rows as the server holds them</source>
        <translation>Forhåndsvisning: de første radene slik serveren har dem</translation>
    </message>
    <message>
        <source>Connect as &amp;live dataset</source>
        <translation>Koble til som &amp;direkte datasett</translation>
    </message>
    <message>
        <source>&amp;Snapshot into workspace</source>
        <translation>&amp;Øyeblikksbilde inn i arbeidsområdet</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <source>Not a warehouse address: write postgresql://…, clickhouse://… or clickhouses://…</source>
        <translation>Ikke en datavarehusadresse: skriv postgresql://…, clickhouse://… eller clickhouses://…</translation>
    </message>
    <message>
        <source>Reading the table&apos;s columns and counts…</source>
        <translation>Leser tabellens kolonner og antall…</translation>
    </message>
    <message>
        <source>Stopped; nothing was stored.</source>
        <translation>Stoppet; ingenting ble lagret.</translation>
    </message>
    <message>
        <source>%1 table %2: %3 rows whose outcome reads, %4 subscribers (%5).</source>
        <translation>%1-tabell %2: %3 rader med lesbart utfall, %4 tegnere (%5).</translation>
    </message>
    <message>
        <source>(derived: %1)</source>
        <translation>(avledet: %1)</translation>
    </message>
    <message>
        <source>1 level</source>
        <translation>1 nivå</translation>
    </message>
    <message>
        <source>%1 levels</source>
        <translation>%1 nivåer</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(tom)</translation>
    </message>
    <message>
        <source>The live dataset was not stored: %1</source>
        <translation>Det direkte datasettet ble ikke lagret: %1</translation>
    </message>
    <message>
        <source>Copying the rows…</source>
        <translation>Kopierer radene…</translation>
    </message>
    <message>
        <source>Snapshot cancelled; the workspace is unchanged.</source>
        <translation>Øyeblikksbildet ble avbrutt; arbeidsområdet er uendret.</translation>
    </message>
    <message>
        <source>The snapshot was not taken; the workspace is unchanged. %1</source>
        <translation>Øyeblikksbildet ble ikke tatt; arbeidsområdet er uendret. %1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Avbryter…</translation>
    </message>
    <message>
        <source>A table</source>
        <translation>En tabell</translation>
    </message>
    <message>
        <source>A query (a read-only SELECT)</source>
        <translation>En spørring (en skrivebeskyttet SELECT)</translation>
    </message>
    <message>
        <source>A query&apos;s rows are the dataset: it runs as a subquery in a read-only session, on the server, every time a view asks.</source>
        <translation>Spørringens rader er datasettet: den kjøres som en underspørring i en skrivebeskyttet økt, på serveren, hver gang en visning spør.</translation>
    </message>
    <message>
        <source>SELECT * FROM bank WHERE contact = &apos;cellular&apos;  (one SELECT, nothing that writes)</source>
        <translation>SELECT * FROM bank WHERE contact = &apos;cellular&apos;  (én SELECT, ingenting som skriver)</translation>
    </message>
    <message>
        <source>&amp;Rows from:</source>
        <translation>&amp;Rader fra:</translation>
    </message>
    <message>
        <source>&amp;Query:</source>
        <translation>S&amp;pørring:</translation>
    </message>
    <message>
        <source>query</source>
        <translation>query</translation>
    </message>
    <message>
        <source>Reading the query&apos;s columns and counts…</source>
        <translation>Leser spørringens kolonner og antall…</translation>
    </message>
    <message>
        <source>%1 query %2: %3 rows whose outcome reads, %4 subscribers (%5).</source>
        <translation>%1-spørring %2: %3 rader med lesbart utfall, %4 tegnere (%5).</translation>
    </message>
    <message>
        <source>Connected as live dataset %1: every view works on it on the server, and so does the command line (--dataset %1).</source>
        <translation>Koblet til som direkte datasett %1: alle visninger arbeider på det på serveren, og det gjør også kommandolinjen (--dataset %1).</translation>
    </message>
    <message>
        <source>derived</source>
        <translation>avledet</translation>
    </message>
    <message>
        <source>category</source>
        <translation>kategori</translation>
    </message>
    <message>
        <source>number</source>
        <translation>tall</translation>
    </message>
    <message>
        <source>not used (free text)</source>
        <translation>ikke brukt (fritekst)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Cannot open the workspace.

%1</source>
        <translation>Kan ikke åpne arbeidsområdet.

%1</translation>
    </message>
</context>
</TS>
