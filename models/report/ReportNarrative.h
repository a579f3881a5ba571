// AI text of the report: summary, actions, A/B hypotheses and answers written by a language model.
#pragma once

#include "report/ReportDocument.h"

#include "chat/ChatContext.h"
#include "llm/ApiKeyProvider.h"
#include "llm/ChatClientConfig.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace cl {

/// How (and whether) the model writes the AI sections.
struct ReportNarrativeOptions
{
    ChatClientConfig config = ChatClientConfig::fromEnvironment();
    ApiKeyProvider apiKey = environmentApiKeyProvider();
    /// False: the caller asked for no AI (`--no-ai`); the sections stay rule-based.
    bool enabled = true;
    /// Longest wait for one section's answer, in ms (the client's own time-outs also apply).
    int sectionTimeoutMs = 120000;
    /// Extra questions for the Q&A section (CLI `--question`), after the seed's question and
    /// the questions pinned in chat (which the builder puts in the document).
    QStringList extraQuestions;
    /// Polled while waiting; true aborts the request and keeps the rule-based text.
    std::function<bool()> cancelled;
};

/// What happened, for the CLI's stderr and the GUI's status line.
struct ReportNarrativeResult
{
    bool generated = false;        ///< at least one section was written by the model
    QString model;                 ///< as reported by the server (or configured); empty if none
    QString fallbackReason;        ///< why (some) sections are rule-based; empty when all generated
    int unverifiedNumbers = 0;     ///< numbers in the generated text that match nothing computed
    QStringList generatedSections; ///< ids: summary, actions, ab, qa
};

/**
 * Rewrites the AI sections of a rule-based ReportDocument (from ReportBuilder) with text from
 * an OpenAI-compatible model. The model sees the chat grounding's system prompt (aggregates
 * mode: no rows) and the computed figures of the report, never row-level data; it is told to
 * write in the report's language. Each generated section is labelled with the model's name;
 * numbers matching nothing computed get "[unverified]" (NumberVerifier). The A/B plans stay
 * computed. On any failure the section keeps its rule-based text and its label says why.
 *
 * Blocking: runs a local event loop for the network replies. Call from a thread with no
 * other work to do (CLI main thread, a worker thread); creates and owns its ChatClient there.
 */
class ReportNarrative
{
public:
    /// Version of the report prompts (named in the methods appendix).
    static constexpr const char *kPromptVersion = "campaignlens-report/1";

    /// True when an endpoint is usable: an API key, or a base URL other than api.openai.com.
    static bool isConfigured(const ReportNarrativeOptions &options);

    /// Rewrites `doc` in place (sections absent from `doc` are skipped). `context` supplies the
    /// grounding; its sharing mode is forced to aggregates. With `enabled` false and an endpoint
    /// configured, only the labels change (to "AI text switched off"); nothing is sent.
    static ReportNarrativeResult apply(ReportDocument &doc, const ChatContext &context,
                                       const ReportNarrativeOptions &options);

    /// The figures of `doc` as plain text, as sent to the model (headings, tables, lists).
    static QString factsText(const ReportDocument &doc);
};

} // namespace cl
