// The chat connection settings and token prices kept in the workspace (never the API key).
#pragma once

#include "llm/ChatClientConfig.h"
#include "llm/PriceTable.h"

#include <QString>

namespace cl {

class Workspace;

/**
 * Reads and writes the workspace's chat settings: base URL, model, time-outs, the extra CA
 * certificate file and the per-model price table (as JSON). None of these is a secret; the API
 * key is never handled here. Does not own the Workspace; thread affinity is the Workspace's.
 */
class ChatPreferences
{
public:
    explicit ChatPreferences(Workspace &workspace) : m_workspace(workspace) {}

    /// `defaults` with the stored values applied. OPENAI_BASE_URL, when set, wins over the
    /// stored base URL (as the official SDKs let the environment decide).
    ChatClientConfig clientConfig(const ChatClientConfig &defaults) const;
    /// Stores base URL, model, time-outs and the CA file of `config`.
    void saveClientConfig(const ChatClientConfig &config);

    /// The stored price table, or PriceTable::defaults() when none (or a bad one) is stored.
    PriceTable priceTable() const;
    void savePriceTable(const PriceTable &prices);

private:
    Workspace &m_workspace;
};

} // namespace cl
