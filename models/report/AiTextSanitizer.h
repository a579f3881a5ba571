// Model-written text made inert for every export: no remote images, no raw HTML, no live links.
#pragma once

#include <QString>

namespace cl {

/**
 * Turns text written by a language model (chat answers, the report's AI sections, the model's
 * name, a server's error message) into plain words that no Markdown viewer, browser or PDF
 * reader fetches or follows. The report applies it to every such piece before it enters a
 * ReportDocument, so the Markdown, the PDF and the app's preview all get the same inert text.
 *
 * - Images (`![alt](url)`, `![alt][ref]`, `<img alt=...>`) become their alt text.
 * - Links (`[text](url)`, `<url>`) become "text (url)"; reference definitions "ref: url".
 * - Raw HTML is dropped: tags, comments, declarations; `<script>` and `<style>` with content.
 *   A `<` that could still open a tag gets a space after it.
 * - Every address that remains is defanged: "https://a.example/x" reads
 *   "https[:]//a[.]example/x", "www.a.example" reads "www[.]a[.]example", "me@a.example" reads
 *   "me@a[.]example", so no viewer's autolinking turns it into a link.
 *
 * Markdown emphasis, lists and numbers are left alone. Pure; callable from any thread.
 */
class AiTextSanitizer
{
public:
    static QString sanitize(const QString &text);
};

} // namespace cl
