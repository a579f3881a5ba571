// AI sections of the report: prompts from computed facts, blocking requests, number checks.
#include "ReportNarrative.h"

#include "AiTextSanitizer.h"
#include "ReportText.h"
#include "chat/ChatGrounding.h"
#include "chat/NumberVerifier.h"
#include "llm/ChatClient.h"

#include <QEventLoop>
#include <QRegularExpression>
#include <QTimer>

#include <algorithm>

namespace cl {

namespace {

bool isNb(const ReportDocument &doc)
{
    return doc.language == QLatin1String("nb");
}

QString pick(const ReportDocument &doc, const char *en, const char *nb)
{
    return QString::fromUtf8(isNb(doc) ? nb : en);
}

struct Outcome
{
    bool ok = false;
    ChatResult result;
    QString error;
};

/// One request, waited for in a local event loop with a deadline and a cancel poll.
Outcome ask(ChatClient &client, const ChatRequest &request, const ReportNarrativeOptions &options)
{
    Outcome out;
    bool done = false;
    QEventLoop loop;
    const auto finished =
        QObject::connect(&client, &ChatClient::finished, &loop, [&](const ChatResult &r) {
            out.ok = true;
            out.result = r;
            done = true;
            loop.quit();
        });
    const auto failed =
        QObject::connect(&client, &ChatClient::failed, &loop, [&](const ChatError &e) {
            if (out.error.isEmpty())
                out.error = e.message.isEmpty() ? QStringLiteral("request failed") : e.message;
            done = true;
            loop.quit();
        });
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&] {
        out.error = QStringLiteral("no answer within %1 s").arg(options.sectionTimeoutMs / 1000);
        client.cancel();
    });
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (options.cancelled && options.cancelled()) {
            out.error = QStringLiteral("cancelled");
            client.cancel();
        }
    });
    if (!client.send(request)) {
        out.error = QStringLiteral("the client is busy");
        done = true;
    }
    if (!done) {
        deadline.start(options.sectionTimeoutMs);
        poll.start(100);
        loop.exec();
    }
    QObject::disconnect(finished);
    QObject::disconnect(failed);
    if (out.ok && out.result.content.trimmed().isEmpty()) {
        out.ok = false;
        out.error = QStringLiteral("the model returned an empty answer");
    }
    return out;
}

QString plain(QString line)
{
    line.remove(QStringLiteral("**"));
    line.remove(QRegularExpression(QStringLiteral("^#+\\s*")));
    return line.trimmed();
}

/// Markdown-ish model text as report blocks: bullet runs become lists, the rest paragraphs.
QList<ReportBlock> toBlocks(const QString &text)
{
    static const QRegularExpression bullet(QStringLiteral("^\\s*(?:[-*•]|\\d+[.)])\\s+"));
    QList<ReportBlock> blocks;
    QStringList paragraph, items;
    auto flush = [&] {
        if (!paragraph.isEmpty())
            blocks << ReportBlock::paragraph(paragraph.join(QLatin1Char(' ')));
        if (!items.isEmpty())
            blocks << ReportBlock::list(items);
        paragraph.clear();
        items.clear();
    };
    for (const QString &raw : text.split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        if (line.isEmpty()) {
            flush();
            continue;
        }
        const auto m = bullet.match(line);
        if (m.hasMatch()) {
            if (!paragraph.isEmpty()) {
                blocks << ReportBlock::paragraph(paragraph.join(QLatin1Char(' ')));
                paragraph.clear();
            }
            items << plain(line.mid(m.capturedLength()));
        } else {
            if (!items.isEmpty()) {
                blocks << ReportBlock::list(items);
                items.clear();
            }
            paragraph << plain(line);
        }
    }
    flush();
    return blocks;
}

ReportSection *section(ReportDocument &doc, const QString &id)
{
    for (ReportSection &s : doc.sections) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

/**
 * Bokmål numbers ("11,27 %", "41 188") in the form NumberVerifier reads ("11.27% ", "41,188"),
 * character for character, so that positions found in the result hold in the original.
 */
QString verifierForm(const QString &text, bool nb)
{
    if (!nb)
        return text;
    static const QRegularExpression decimalComma(QStringLiteral("(?<=\\d),(?=\\d{1,2}(?!\\d))"));
    static const QRegularExpression groupSpace(
        QStringLiteral("(?<=\\d)[ \\x{00A0}\\x{202F}](?=\\d{3}(?!\\d))"));
    QString out = text;
    out.replace(decimalComma, QStringLiteral("."));
    out.replace(groupSpace, QStringLiteral(","));
    for (qsizetype i = 1; i + 1 < out.size(); ++i) {
        const QChar c = out[i];
        if (out[i - 1].isDigit() && out[i + 1] == QLatin1Char('%') &&
            (c == QLatin1Char(' ') || c == QChar(0x00A0) || c == QChar(0x202F))) {
            out[i] = QLatin1Char('%');
            out[i + 1] = QLatin1Char(' ');
        }
    }
    return out;
}

/// `text` with `mark` (" [unverified]", " [ubekreftet]") after each mention (found in
/// verifierForm(text)).
QString markUnverified(const QString &text, QList<NumberMention> mentions, const QString &mark)
{
    std::sort(mentions.begin(), mentions.end(), [](const NumberMention &a, const NumberMention &b) {
        return a.position > b.position;
    });
    QString out = text;
    for (const NumberMention &m : mentions) {
        qsizetype end = m.position + m.length;
        // "11,3 %": the verifier saw "11.3% "; the marker goes after the original '%'.
        if (m.percent && end <= out.size() && out[end - 1] != QLatin1Char('%') &&
            end < out.size() && out[end] == QLatin1Char('%'))
            ++end;
        out.insert(end, mark);
    }
    return out;
}

QString instructions(const ReportDocument &doc)
{
    return pick(doc,
                "You write sections of an executive report for a bank's marketing leaders. Write "
                "in English. Use only the figures in the system prompt and in the report figures "
                "below, quoted exactly as written there; never compute or invent a number, and "
                "mention the 95% interval or the sample size when a rate is uncertain. Plain "
                "text, no headings, no tables.",
                "Du skriver deler av en lederrapport for bankens markedsledere. Skriv på norsk "
                "bokmål. Bruk bare tallene i systemprompten og i rapporttallene nedenfor, sitert "
                "nøyaktig slik de står der; regn aldri ut eller dikt opp et tall, og nevn 95 %-"
                "intervallet eller utvalgsstørrelsen når en andel er usikker. Ren tekst, ingen "
                "overskrifter, ingen tabeller.");
}

} // namespace

bool ReportNarrative::isConfigured(const ReportNarrativeOptions &options)
{
    if (!options.config.baseUrl.isValid() || options.config.baseUrl.isEmpty())
        return false;
    const bool hasKey = options.apiKey && !options.apiKey().trimmed().isEmpty();
    return hasKey || options.config.baseUrl.host() != QLatin1String("api.openai.com");
}

QString ReportNarrative::factsText(const ReportDocument &doc)
{
    const ReportText t(doc.language);
    const QString small = t.tr("small");
    // Segments below the minimum size stay on this machine, in tables and in sentences alike.
    QStringList smallNames;
    for (const ReportSection &s : doc.sections) {
        for (const ReportBlock &b : s.blocks) {
            for (const QStringList &row : b.rows) {
                if (b.kind == ReportBlock::Kind::Table && row.size() > 1 && row.contains(small))
                    smallNames << row[1];
            }
        }
    }
    auto withoutSmall = [&](const QString &text) {
        static const QRegularExpression sentenceEnd(
            QStringLiteral("(?<=[.!?])\\s+(?=[\\p{Lu}0-9<])"),
            QRegularExpression::UseUnicodePropertiesOption);
        QStringList kept;
        for (const QString &sentence : text.split(sentenceEnd)) {
            const bool mentionsSmall =
                std::any_of(smallNames.cbegin(), smallNames.cend(),
                            [&](const QString &name) { return sentence.contains(name); });
            if (!mentionsSmall)
                kept << sentence;
        }
        return kept.join(QLatin1Char(' '));
    };
    QStringList out;
    for (const ReportSection &s : doc.sections) {
        // The title holds file facts, the methods SQL: neither helps the text.
        if (s.id == QLatin1String("title") || s.id == QLatin1String("methods"))
            continue;
        out << QStringLiteral("# ") + s.title;
        int headings = 0;
        for (const ReportBlock &b : s.blocks) {
            // Q&A after the seed's question holds chat answers, which are not computed figures.
            if (b.kind == ReportBlock::Kind::Heading && s.id == QLatin1String("qa") &&
                ++headings > 1)
                break;
            switch (b.kind) {
            case ReportBlock::Kind::Heading:
                out << QStringLiteral("## ") + b.text;
                break;
            case ReportBlock::Kind::Paragraph:
                out << withoutSmall(b.text);
                break;
            case ReportBlock::Kind::List:
                for (const QString &i : b.items)
                    out << QStringLiteral("- ") + withoutSmall(i);
                break;
            case ReportBlock::Kind::Table:
                out << b.header.join(QStringLiteral(" | "));
                for (const QStringList &row : b.rows) {
                    if (!small.isEmpty() && row.contains(small))
                        continue;
                    out << row.join(QStringLiteral(" | "));
                }
                break;
            case ReportBlock::Kind::Image:
            case ReportBlock::Kind::Label:
            case ReportBlock::Kind::Code:
                break;
            }
        }
        out << QString();
    }
    return out.join(QLatin1Char('\n'));
}

ReportNarrativeResult ReportNarrative::apply(ReportDocument &doc, const ChatContext &context,
                                             const ReportNarrativeOptions &options)
{
    ReportNarrativeResult result;
    const ReportText t(doc.language);
    if (!options.enabled) {
        // The builder's label says "no AI endpoint"; with one configured, the user chose this.
        if (!isConfigured(options))
            return result;
        const QString off = pick(doc,
                                 "Rule-based text (AI text switched off): written from the "
                                 "computed figures by fixed rules.",
                                 "Regelbasert tekst (AI-tekst slått av): skrevet fra de beregnede "
                                 "tallene etter faste regler.");
        for (ReportSection &s : doc.sections) {
            for (ReportBlock &b : s.blocks) {
                // In Q&A only the section's own label: pinned answers keep "answer from chat".
                if (b.kind == ReportBlock::Kind::Label &&
                    (s.id != QLatin1String("qa") || &b == &s.blocks.front()))
                    b.text = off;
                for (QStringList &row : b.rows) {
                    if (row.size() == 2 && row[0] == t.tr("textsource"))
                        row[1] = pick(doc, "rule-based (AI text switched off)",
                                      "regelbasert (AI-tekst slått av)");
                }
            }
        }
        return result;
    }
    if (!isConfigured(options)) {
        result.fallbackReason = QStringLiteral("no AI endpoint is configured (set OPENAI_API_KEY "
                                               "or a base URL of a local server)");
        return result;
    }

    ChatContext grounding = context;
    grounding.mode = SharingMode::Aggregates;
    const QString facts = factsText(doc);
    const QString system = ChatGrounding::systemPrompt(grounding) + QStringLiteral("\n\n") +
                           instructions(doc) + QStringLiteral("\n\n") +
                           pick(doc, "Report figures (computed by CampaignLens):",
                                "Rapporttall (beregnet av CampaignLens):") +
                           QStringLiteral("\n") + facts;

    ChatClient client(options.config, options.apiKey);
    QString failure; // first failure; later sections are not tried
    QString model;
    auto generate = [&](const QString &task, QString *text) {
        if (!failure.isEmpty())
            return false;
        ChatRequest request;
        request.messages = {ChatMessage::system(system), ChatMessage::user(task)};
        request.stream = false;
        request.temperature = 0.2;
        const Outcome o = ask(client, request, options);
        // What the server says (text, model name, error) reaches the report only made inert:
        // no remote images, raw HTML or live links in any export.
        if (!o.ok) {
            failure = AiTextSanitizer::sanitize(o.error);
            return false;
        }
        if (model.isEmpty())
            model = AiTextSanitizer::sanitize(o.result.model.isEmpty() ? options.config.model
                                                                       : o.result.model);
        const QString content = AiTextSanitizer::sanitize(o.result.content);
        const bool nb = isNb(doc);
        const QList<NumberMention> bad = NumberVerifier::unverified(
            verifierForm(content, nb), {verifierForm(system, nb), verifierForm(task, nb)});
        result.unverifiedNumbers += int(bad.size());
        // A space before the marker reads better in print than the chat's "11.3%[unverified]".
        *text = markUnverified(content, bad, t.unverifiedMark());
        return true;
    };
    auto generatedLabel = [&] {
        return pick(doc,
                    "Generated by AI (model %1) from the computed figures. Numbers marked "
                    "[unverified] match nothing CampaignLens computed.",
                    "Generert av KI (modell %1) fra de beregnede tallene. Tall merket "
                    "[ubekreftet] stemmer ikke med noe CampaignLens har beregnet.")
            .arg(model);
    };
    auto fallbackLabel = [&] {
        return pick(doc,
                    "The AI endpoint failed (%1), so this section is rule-based: written from "
                    "the computed figures by fixed rules.",
                    "AI-endepunktet feilet (%1), så denne delen er regelbasert: skrevet fra de "
                    "beregnede tallene etter faste regler.")
            .arg(failure);
    };
    auto markFallback = [&](ReportSection *s) {
        for (ReportBlock &b : s->blocks) {
            if (b.kind == ReportBlock::Kind::Label)
                b.text = fallbackLabel();
        }
    };

    if (ReportSection *s = section(doc, QStringLiteral("summary"))) {
        QString text;
        if (generate(pick(doc,
                          "Write the executive summary: one or two short paragraphs on the "
                          "overall response, the most promising and the weakest segments and "
                          "what the model adds.",
                          "Skriv lederoppsummeringen: ett eller to korte avsnitt om samlet "
                          "respons, de mest lovende og de svakeste segmentene og hva modellen "
                          "tilfører."),
                     &text)) {
            s->blocks = QList<ReportBlock>{ReportBlock::label(generatedLabel())} + toBlocks(text);
            result.generatedSections << s->id;
        } else {
            markFallback(s);
        }
    }
    if (ReportSection *s = section(doc, QStringLiteral("actions"))) {
        QString text;
        if (generate(pick(doc,
                          "Write three to five recommended actions for the next campaign as a "
                          "bullet list, one line per action starting with '- '.",
                          "Skriv tre til fem anbefalte tiltak for neste kampanje som punktliste, "
                          "én linje per tiltak som begynner med '- '."),
                     &text)) {
            QList<ReportBlock> blocks = toBlocks(text);
            s->blocks = QList<ReportBlock>{ReportBlock::label(generatedLabel())} + blocks;
            result.generatedSections << s->id;
        } else {
            markFallback(s);
        }
    }
    if (ReportSection *s = section(doc, QStringLiteral("ab"))) {
        QStringList names;
        for (const ReportBlock &b : s->blocks) {
            if (b.kind == ReportBlock::Kind::Heading)
                names << b.text;
        }
        QString text;
        if (!names.isEmpty() &&
            generate(pick(doc,
                          "Write one hypothesis of one or two sentences for each planned A/B "
                          "test, as a bullet list in this order: %1. Say what to change for the "
                          "segment and why the figures suggest it. Do not state sample sizes or "
                          "durations: CampaignLens computes the plans.",
                          "Skriv én hypotese på én eller to setninger for hver planlagte A/B-"
                          "test, som punktliste i denne rekkefølgen: %1. Si hva som bør endres "
                          "for segmentet og hvorfor tallene tyder på det. Ikke oppgi "
                          "utvalgsstørrelser eller varighet: CampaignLens beregner planene.")
                         .arg(names.join(QStringLiteral("; "))),
                     &text)) {
            QList<ReportBlock> blocks{ReportBlock::label(generatedLabel())};
            blocks << toBlocks(text);
            blocks << ReportBlock::label(
                pick(doc,
                     "The plans below (baseline, effect, sample size, duration) are computed by "
                     "CampaignLens, not by the model.",
                     "Planene nedenfor (utgangsnivå, effekt, utvalgsstørrelse, varighet) er "
                     "beregnet av CampaignLens, ikke av modellen."));
            bool afterHeading = false;
            bool introKept = false;
            for (const ReportBlock &b : s->blocks) {
                if (b.kind == ReportBlock::Kind::Label)
                    continue;
                // The rule-based hypothesis sentence under each heading gives way to the model's.
                if (b.kind == ReportBlock::Kind::Paragraph && (afterHeading || introKept)) {
                    afterHeading = false;
                    continue;
                }
                if (b.kind == ReportBlock::Kind::Paragraph)
                    introKept = true;
                afterHeading = b.kind == ReportBlock::Kind::Heading;
                blocks << b;
            }
            s->blocks = blocks;
            result.generatedSections << s->id;
        } else if (names.isEmpty()) {
            for (ReportBlock &b : s->blocks) {
                if (b.kind == ReportBlock::Kind::Label)
                    b.text = pick(doc,
                                  "No segment qualifies for an A/B test, so there was nothing "
                                  "for the model to write; rule-based text.",
                                  "Ingen segmenter kvalifiserer for en A/B-test, så modellen "
                                  "hadde ingenting å skrive; regelbasert tekst.");
            }
        } else {
            markFallback(s);
        }
    }
    if (ReportSection *s = section(doc, QStringLiteral("qa"))) {
        // As the builder wrote it: the seed's question with its rule-based answer, then the
        // questions pinned in chat, each with the chat's stored answer (kept if asking fails).
        QList<QList<ReportBlock>> built;
        for (const ReportBlock &b : s->blocks) {
            if (b.kind == ReportBlock::Kind::Heading)
                built << QList<ReportBlock>{};
            if (!built.isEmpty() && (built.size() > 1 || b.kind != ReportBlock::Kind::Label))
                built.last() << b;
        }
        QStringList questions{t.tr("qa.q1")};
        for (qsizetype i = 1; i < built.size(); ++i)
            questions << built[i].front().text;
        questions << options.extraQuestions;
        QList<ReportBlock> blocks;
        bool any = false;
        for (int i = 0; i < questions.size(); ++i) {
            QString text;
            if (generate(pick(doc, "Answer this question in one short paragraph: %1",
                              "Svar på dette spørsmålet i ett kort avsnitt: %1")
                             .arg(questions[i]),
                         &text)) {
                blocks << ReportBlock::heading(questions[i]) << toBlocks(text);
                any = true;
            } else if (i < built.size()) {
                blocks << built[i];
            } else {
                blocks << ReportBlock::heading(questions[i])
                       << ReportBlock::paragraph(pick(doc,
                                                      "Not answered: the AI endpoint failed (%1).",
                                                      "Ikke besvart: AI-endepunktet feilet (%1).")
                                                     .arg(failure));
            }
        }
        const QString label = any ? generatedLabel() : fallbackLabel();
        s->blocks = QList<ReportBlock>{ReportBlock::label(label)} + blocks;
        if (any)
            result.generatedSections << s->id;
    }

    result.generated = !result.generatedSections.isEmpty();
    result.model = model;
    result.fallbackReason = failure;
    const QString endpoint = options.config.baseUrl.host() +
                             (options.config.baseUrl.port() > 0
                                  ? QStringLiteral(":%1").arg(options.config.baseUrl.port())
                                  : QString());
    const QString usedModel = model.isEmpty() ? options.config.model : model;

    // Title facts and methods appendix say where the text came from.
    if (ReportSection *s = section(doc, QStringLiteral("title"))) {
        for (ReportBlock &b : s->blocks) {
            for (QStringList &row : b.rows) {
                if (row.size() == 2 && row[0] == t.tr("textsource")) {
                    row[1] = result.generated
                                 ? pick(doc, "AI, model %1 (%2); computed figures and plans",
                                        "KI, modell %1 (%2); beregnede tall og planer")
                                       .arg(usedModel, QLatin1String(kPromptVersion))
                                 : pick(doc, "rule-based (the AI endpoint failed: %1)",
                                        "regelbasert (AI-endepunktet feilet: %1)")
                                       .arg(failure);
                }
            }
        }
    }
    if (ReportSection *s = section(doc, QStringLiteral("methods"))) {
        const QString text =
            pick(doc,
                 "Summary, actions, A/B hypothesis text and answers: language model %1 at %2; "
                 "prompt version %3 with chat grounding %4; sharing mode aggregates (only the "
                 "figures of this report and the data dictionary are sent, never rows; groups "
                 "below the minimum size are left out); temperature 0.2. Sections generated: %5. "
                 "Numbers in generated text are checked against the computed figures: %6 "
                 "matched nothing and are marked [unverified]. A/B sample sizes and durations "
                 "are computed by CampaignLens, never by the model.%7",
                 "Oppsummering, tiltak, hypotesetekst og svar: språkmodell %1 på %2; "
                 "promptversjon %3 med chat-forankring %4; delingsmodus aggregater (bare tallene "
                 "i denne rapporten og dataordboken sendes, aldri rader; grupper under "
                 "minstestørrelsen utelates); temperatur 0,2. Genererte deler: %5. Tall i "
                 "generert tekst kontrolleres mot de beregnede tallene: %6 stemte ikke og er "
                 "merket [ubekreftet]. Utvalgsstørrelser og varighet for A/B-tester beregnes av "
                 "CampaignLens, aldri av modellen.%7")
                .arg(usedModel, endpoint, QLatin1String(kPromptVersion),
                     QLatin1String(ChatGrounding::kPromptVersion),
                     result.generatedSections.isEmpty()
                         ? pick(doc, "none", "ingen")
                         : result.generatedSections.join(QStringLiteral(", ")))
                .arg(result.unverifiedNumbers)
                .arg(failure.isEmpty() ? QString()
                                       : pick(doc, " Rule-based fallback where marked: %1.",
                                              " Regelbasert der det er merket: %1.")
                                             .arg(failure));
        for (ReportBlock &b : s->blocks) {
            if (b.kind == ReportBlock::Kind::Paragraph && b.text == t.tr("m.llm.text"))
                b.text = text;
        }
    }
    return result;
}

} // namespace cl
