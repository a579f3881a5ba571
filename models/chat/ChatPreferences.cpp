// ChatPreferences: chat settings as key/value rows of the workspace settings table.
#include "ChatPreferences.h"

#include "store/Workspace.h"

namespace cl {

namespace {
const QString kBaseUrl = QStringLiteral("chat.base_url");
const QString kModel = QStringLiteral("chat.model");
const QString kConnectTimeout = QStringLiteral("chat.connect_timeout_ms");
const QString kFirstTokenTimeout = QStringLiteral("chat.first_token_timeout_ms");
const QString kIdleTimeout = QStringLiteral("chat.idle_timeout_ms");
const QString kAnswerTimeout = QStringLiteral("chat.answer_timeout_ms");
const QString kCaFile = QStringLiteral("chat.extra_ca_file");
const QString kPrices = QStringLiteral("chat.prices");

int storedMs(Workspace &ws, const QString &key, int fallback)
{
    bool ok = false;
    const int v = ws.setting(key).toInt(&ok);
    return ok && v > 0 ? v : fallback;
}
} // namespace

ChatClientConfig ChatPreferences::clientConfig(const ChatClientConfig &defaults) const
{
    ChatClientConfig c = defaults;
    if (!m_workspace.isOpen())
        return c;
    const QString base = m_workspace.setting(kBaseUrl);
    if (!base.isEmpty() && qEnvironmentVariableIsEmpty("OPENAI_BASE_URL"))
        c.baseUrl = QUrl(base);
    c.model = m_workspace.setting(kModel, c.model);
    if (c.model.isEmpty())
        c.model = defaults.model;
    c.connectTimeoutMs = storedMs(m_workspace, kConnectTimeout, c.connectTimeoutMs);
    c.firstTokenTimeoutMs = storedMs(m_workspace, kFirstTokenTimeout, c.firstTokenTimeoutMs);
    c.idleTimeoutMs = storedMs(m_workspace, kIdleTimeout, c.idleTimeoutMs);
    c.answerTimeoutMs = storedMs(m_workspace, kAnswerTimeout, c.answerTimeoutMs);
    c.extraCaCertificateFile = m_workspace.setting(kCaFile, c.extraCaCertificateFile);
    return c;
}

void ChatPreferences::saveClientConfig(const ChatClientConfig &config)
{
    if (!m_workspace.isOpen())
        return;
    m_workspace.setSetting(kBaseUrl, config.baseUrl.toString());
    m_workspace.setSetting(kModel, config.model);
    m_workspace.setSetting(kConnectTimeout, QString::number(config.connectTimeoutMs));
    m_workspace.setSetting(kFirstTokenTimeout, QString::number(config.firstTokenTimeoutMs));
    m_workspace.setSetting(kIdleTimeout, QString::number(config.idleTimeoutMs));
    m_workspace.setSetting(kAnswerTimeout, QString::number(config.answerTimeoutMs));
    m_workspace.setSetting(kCaFile, config.extraCaCertificateFile);
}

PriceTable ChatPreferences::priceTable() const
{
    PriceTable t = PriceTable::defaults();
    if (!m_workspace.isOpen())
        return t;
    const QString json = m_workspace.setting(kPrices);
    if (!json.isEmpty())
        t.loadJson(json.toUtf8()); // a bad stored table leaves the defaults
    return t;
}

void ChatPreferences::savePriceTable(const PriceTable &prices)
{
    if (m_workspace.isOpen())
        m_workspace.setSetting(kPrices, QString::fromUtf8(prices.toJson()));
}

} // namespace cl
