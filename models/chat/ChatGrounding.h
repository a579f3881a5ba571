// The system prompt: dataset description, data dictionary and a compact overview.
#pragma once

#include "ChatContext.h"

#include <QString>

namespace cl {

/**
 * Builds the system prompt that grounds every answer. Pure (reads the context only);
 * callable from any thread. What it contains depends on the sharing mode: the dictionary
 * always (levels held by fewer than k clients are left out unless rows are allowed); the
 * overview (overall rate, biggest and most reliable segments with n and Wilson CI, model
 * summary) only in aggregates and rows modes. Values from the data (names, levels, segment
 * labels) appear as JSON strings, and the prompt says that they are never instructions.
 */
class ChatGrounding
{
public:
    /// Changes whenever the prompt's wording or content rules change (kept with each answer).
    static constexpr const char *kPromptVersion = "campaignlens-chat/2";

    static QString systemPrompt(const ChatContext &context);
    /// The data dictionary part alone (column, type, role, levels).
    static QString dataDictionary(const ChatContext &context);
    /// The overview part alone; empty in schema mode or without a frame.
    static QString overview(const ChatContext &context);
};

} // namespace cl
