<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb_NO">
<context>
    <name>ImportDialog</name>
    <message>
        <source>Comma  ,</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semicolon  ;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipe  |</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> The report has no model: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Model run %1 was fitted with the default settings and stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> AI text failed (%1): those sections are rule-based.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> %1 number(s) in the AI text are marked unverified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters: none (all clients)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cl::ChatPanel</name>
    <message>
        <source>Share:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aggregates only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What may leave this machine. Aggregates: counts and rates of groups of at least k clients. Schema: column names and levels only. Rows: row-level records (explicit opt-in, remembered for this workspace).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show exactly what the next question would send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which segments should we prioritise in the next campaign?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How does the subscription rate differ by age band?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which jobs respond best, and how sure are we?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Did clients contacted before subscribe more often?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask about this dataset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing locally…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check Settings: an API key (or OPENAI_API_KEY) for OpenAI, or the base URL of a local server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key could not be saved in the system keychain (%1); it is kept for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The base URL is not valid: set it in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No API key: set OPENAI_API_KEY before starting CampaignLens, or enter a key in Settings (for this session, or remembered in the system keychain), or set a local OpenAI-compatible server&apos;s base URL (e.g. http://127.0.0.1:11434/v1 for Ollama).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your question was not sent. %1 Settings opened for it; the question is kept in the box below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · session: ~%1 tokens (estimated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, ~$%1 (estimated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, cost unknown (no price for the model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · session: %1 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, $%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · no tokens used yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server reported no token usage for some answers: those are estimated at about 4 characters a token of the request and the answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the dataset for the chat…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the dataset: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pin to report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report&apos;s Q&amp;A section includes pinned questions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinned to report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not pin: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Every number matches the data sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ 1 number matches nothing computed here: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ %1 numbers match nothing computed here: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence (1 tool call)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence (%1 tool calls)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow row-level data?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questions may then send individual client records (up to %1 rows per query) to %2. The choice is remembered for this workspace, also for campaignlens-cli ask. Allow row-level data?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 To: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share smaller groups?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups of %1 to %2 clients would then be sent to %3 (the default leaves out groups of fewer than %4 clients). The choice is remembered for this workspace. Lower k to %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>~%1 tokens (estimated): ~%2 prompt + ~%3 completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 prompt + %2 completion tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · cost unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · &lt; $0.0001 (estimated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · &lt; $0.0001</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · ~$%1 (estimated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · $%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No price for %1: add one in Settings › Token prices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priced as %1 (Settings › Token prices)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server reported no token usage: the tokens are estimated at about 4 characters a token of the request and the answer, and the cost from them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: the answer above is incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not finished: CampaignLens was closed while the answer came.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1 The answer above is incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(your question)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start the request.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cl::ChatSettingsDialog</name>
    <message>
        <source>Chat settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1 for Ollama or http://127.0.0.1:8080/v1 for llama.cpp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the server for its models (GET /models)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until the request is on the wire (TCP, TLS, proxy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the sent question to the first piece of answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest silence inside a streaming answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest time for a whole answer, tool rounds included</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect time-out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First-token time-out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle time-out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer time limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (system certificates only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM or DER file of a corporate proxy&apos;s certificate authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra CA certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Otherwise the key is kept in memory for this session only. It is never written to the workspace, a log or a report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smallest group shared (k)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token prices…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server lists no models: type the model name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 model offered by the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 models offered by the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server does not offer a model list (GET /models answered 404): type the model name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server wants an API key to list its models: enter the key, then Refresh, or type the model name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model list (%1): type the model name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>using OPENAI_API_KEY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>using the key in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set (OPENAI_API_KEY is empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This build has no keychain support: the key is kept for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is kept for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain cannot be used (%1): the key is kept for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key is stored in the system keychain; untick to delete it from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking %1 for its models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The base URL must start with http:// or https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA certificate file cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose or type a model.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cl::DataView</name>
    <message>
        <source>contains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>equals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter rows:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter rows (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sorting and filtering %1 rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter not applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dataset open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cl::DatasetTableModel</name>
    <message>
        <source>There is no column &apos;%1&apos; in this dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (categorical)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (number)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cl::ForestPlot</name>
    <message>
        <source>Fit a model to see its odds ratios.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>term (hover: reference level)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OR [95% CI]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>odds ratio (log scale), 95% interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
odds ratio %2 [95% CI %3, %4], p = %5</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cl::ImportDialog</name>
    <message>
        <source>— not used by the analyses —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target (y: subscribed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a CSV export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Windows-1252 / Latin-1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First row holds the column &amp;names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decimal &amp;comma (1,5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the file is read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview: the first rows as they will be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column in file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Strict: stop at the first row that cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 fields, expected %2: this row will be rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chosen by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom layout: check the roles below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Known layout: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detected: %1
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.
Choose which column says whether the client subscribed (yes/no, 1/0 or true/false) and set it to “target” above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking whether this file was imported before…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled; the workspace is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File imported before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file (same content, SHA-256) was imported before as “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open that dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file was not imported; the workspace is unchanged.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cl::MainWindow</name>
    <message>
        <source>CampaignLens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>synthetic demo data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>subscribed %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This view comes in a later version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open dataset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recent datasets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load &amp;demo data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About CampaignLens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  (%2 rows)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dataset open: File &gt; Open dataset (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — CampaignLens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About CampaignLens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;CampaignLens %1&lt;/h3&gt;&lt;p&gt;Campaign analytics for bank marketing: import campaign exports, check their quality, find the segments that respond.&lt;/p&gt;&lt;p&gt;Workspace: %2&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the synthetic demo data (41,188 rows)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synthetic demo data: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo data could not be set up.

%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cl::ModelRunner</name>
    <message>
        <source>Loading the columns these settings use...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model run %1 is not in the workspace</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cl::ModelView</name>
    <message>
        <source>Fit a model to see this chart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns in the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is known only after the call. A model that uses it cannot choose whom to call: its AUC and gains look far better than any targeting can reach, and its list is ranked by what happens during the call.

Every result of this run will carry a warning, and it will not be the default run for targeting lists, the chat or the report.

Include %1 anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation and fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time: last 20% held out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolling: last 20%, refitted before each month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each month of the last 20% is scored by a model fitted on every earlier row, as the bank would have used it then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random, stratified (seeded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: fit on all rows (no held-out metrics)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ridge penalty on all coefficients but the intercept (0 = none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score from which a client counts as predicted &apos;yes&apos; in the confusion matrix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2 penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What one call costs; the default is a placeholder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What one subscription is worth to the bank; the default is a placeholder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost per call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value per subscription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Odds ratios with 95% intervals; sort by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>odds ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deciles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Targeting list: top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>% of clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>columns (comma-separated; empty = all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no stored run yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a dataset to fit a model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the dataset...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the dataset: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 clients loaded. Choose the settings and press Fit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 clients loaded. Showing the newest stored model run %2; choose the settings and press Fit for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L2 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n predictor(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Run %1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · AUC %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · uses %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading model run %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read model run %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing stored model run %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time-ordered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rolling origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fitting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit cancelled; the previous result stays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converged in %1 iterations; stored as model run %2 with a score for every client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROC curve (held-out clients)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>false positive rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true positive rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cumulative gains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>share of clients called</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>share of subscribers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibration by decile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean predicted probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>observed rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run was stored without its curves; fit it again to see them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROC: AUC %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROC curve on the held-out clients: AUC %1 (95% CI %2 to %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gains: top %1% reach %2%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>top %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deciles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>perfect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observed rate against mean predicted probability per score decile; Hosmer-Lemeshow p %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Fitted on all %L1 clients (no split), as statsmodels reports a model: there are no held-out metrics. Choose a time or random split to see how well it ranks clients it has not seen.&lt;/b&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Held out: %L1 clients, %L2 subscribers (%3 split). AUC &lt;b&gt;%4&lt;/b&gt; (95% CI %5 to %6); log-loss %7; Brier %8.&lt;br&gt;Hosmer-Lemeshow chi2(%9) = %10, p = %11.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 (%L3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;The held-out rows were scored in %1 periods (the months of the file), each by a model fitted on every earlier row; the model shown is the last one (%L2 rows). AUC by month (clients): %3.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#8a5a00&apos;&gt;The held-out rows subscribe at %1%, the training rows at %2%: calibration, accuracy and Hosmer-Lemeshow measure that shift as much as the model. Judge it by AUC and lift (the ranking).&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;table border=1 cellspacing=0 cellpadding=3&gt;&lt;tr&gt;&lt;th&gt;at %1&lt;/th&gt;&lt;th&gt;predicted&lt;br&gt;yes&lt;/th&gt;&lt;th&gt;predicted&lt;br&gt;no&lt;/th&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;actual yes&lt;/td&gt;&lt;td&gt;%L2&lt;/td&gt;&lt;td&gt;%L3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;actual no&lt;/td&gt;&lt;td&gt;%L4&lt;/td&gt;&lt;td&gt;%L5&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;Sensitivity %6%, specificity %7%, precision %8%, accuracy %9%.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Fit (%L1 training clients): %2 in %3 iterations, gradient %4. Log-likelihood %5 (null %6); null deviance %7; LR chi2(%8) = %9, p = %10; AIC %11; BIC %12; pseudo-R2 McFadden %13, Nagelkerke %14, Tjur %15.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;GVIF^(1/(2 df)): %1&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excluded %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aliased, left out: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Separation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscribers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cum. capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no stored model run yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model uses %1, known only after the call. It cannot choose whom to call: its AUC, gains and targeting list are not reachable before calling. It is not the default run for targeting lists, the chat or the report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#8a1010&apos;&gt;%1 is included although it is known only after the call&lt;/b&gt;: the run will carry a warning and cannot be used to choose whom to call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; is included although it is left out by default (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is left out: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 are left out: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;Tick a column to include it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export targeting list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>

The list&apos;s score column will say so. Export it anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A percentage is at most 100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %L1 clients to %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cl::PriceTableDialog</name>
    <message>
        <source>Token prices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>US dollars per million tokens. A model uses its own row, else the longest row its name starts with; without a row its cost is shown as unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input $ per 1M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output $ per 1M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 has no model name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; appears twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot;: prices must be non-negative numbers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cl::QualityPanel</name>
    <message>
        <source>Synthetic demo data: generated rows, not real customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;rejected rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · imported %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>= rows read + rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept in the rejects table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept, counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscribed (y = 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not subscribed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show %1 &amp;rejected rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rejected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>derived by the import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>source column &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
min %1, mean %2, max %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
kept in the raw table only</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cl::RejectedRowsDialog</name>
    <message>
        <source>Rejected rows of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first %1 of %2 rows that could not be read. They are kept here and left out of every analysis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 row could not be read. It is kept here and left out of every analysis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows could not be read. They are kept here and left out of every analysis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rejected rows could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cl::ReportView</name>
    <message>
        <source>Sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Norsk bokmål</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored model run the report shows. Newest: the newest run that can rank clients before calling (fit runs in the Model tab).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI text on export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model at %1 writes the summary, actions, hypotheses and answers from the computed figures (no rows are sent).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No AI endpoint is configured (OPENAI_API_KEY or OPENAI_BASE_URL): the AI sections will be rule-based and labelled so.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 · %2 split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · AUC %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · uses %1 (cannot target)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a dataset to see its report here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the report preview…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No report: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview: rule-based text. With &quot;AI text on export&quot; the model writes the AI sections when the report is exported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No section is selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the report into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a dataset first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose Markdown, PDF or both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select at least one section.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cl::RequestPreviewDialog</name>
    <message>
        <source>Send this request?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What will be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the first question of the session. The request below is exactly what will leave this machine, posted to %1. The API key travels only in the Authorization header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The next question would send the request below, posted to %1. The API key travels only in the Authorization header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Sharing mode:&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cl::SegmentBarChart</name>
    <message>
        <source>%1 subscribed of %2 clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rate %1 (95% CI %2 to %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lift %1 · share of subscribers %2 · Bayes rate %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rank %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fewer than %1 clients: the rate says little</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment response rates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No clients match the filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No segmentation yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>raw rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wilson lower bound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bayes rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top %1 of %2 segments by %3: response rate with 95% CI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>response rate (bar) and Wilson 95% interval (whisker)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overall %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pale bars: fewer than %1 clients, the rate says little. Click a bar to drill down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a bar to drill down.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cl::SegmentFilterPanel</name>
    <message>
        <source>Column to filter on; ● marks columns with a filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep only the clients with one of the ticked values; tick none to keep all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the filter on this column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove every filter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cl::SegmentHeatmap</name>
    <message>
        <source>No segmentation yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The heatmap needs exactly two dimensions: you are segmenting by %n column(s). Pick two under “Segment by” (for example age_band and job) to see every combination as a cell.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Response rate by %1 (rows) × %2 (columns): %3 segments, overall %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour = rate, text = rate and clients; hatched grey = fewer than %1 clients. Click a cell to drill down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overall %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment response rate heatmap</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cl::SegmentProxyModel</name>
    <message>
        <source>Wilson 95% interval of the rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate divided by the overall rate of the filtered clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of all subscribers of the filtered clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empirical-Bayes rate: the rate shrunk toward the fitted prior, more so for small segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>small: fewer clients than min-n; the rate says little</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>subscribers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bayes rate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cl::SegmentsView</name>
    <message>
        <source>Segment by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;1st</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;2nd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;3rd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wilson lower bound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bayes rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wilson: the lower end of the 95% interval, so a rate must be both high and well supported.
Bayes: rates shrunk toward a prior fitted on the segments.
Raw: the observed rate; tiny segments float to the top.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segments with fewer clients are flagged small, greyed and, for Wilson and Bayes, ranked last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bars in the chart: the top segments of the ranking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rank by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Min clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bars shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the segmentation before the last drill-down (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo the drill-down (Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart as SVG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bar chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heatmap (two dimensions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a segment to drill down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1 rows into memory…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the dataset into memory once; segmentations are computed from it in milliseconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a dataset to compare segments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dataset could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heatmap (needs two dimensions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 segments compared&lt;/b&gt; among %2 clients (%3 subscribed, overall rate %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; %1 of them have fewer than %2 clients (grey)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanning %1 segments finds some high rates by chance: a small segment can sit far above %2 by luck alone. Trust a rate by its interval, not its size: rank by the Wilson lower bound or the Bayes rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bayes prior: no spread between segments beyond chance, so the Bayes rates all sit at (nearly) the pooled rate %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bayes prior fitted on these segments by %1: Beta(α = %2, β = %3), mean %4; each Bayes rate pulls its segment toward %4 as if it had %5 more clients.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bayes prior not fitted (fewer than two segments): Bayes rates equal the raw rates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export segments as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Cannot open the workspace.

%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
