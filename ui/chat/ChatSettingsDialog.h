// The chat connection dialog: base URL, model (listed by the server), time-outs, CA, API key.
#pragma once

#include "llm/ChatClientConfig.h"
#include "llm/ChatTypes.h"
#include "llm/PriceTable.h"

#include <QDialog>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace cl {

class ChatClient;
class KeyStore;

/**
 * Edits a ChatClientConfig, the session's API key, the smallest shared group (k) and the price
 * table. The model is an editable list filled by GET {base}/models when the dialog is shown,
 * when the base URL is changed and on Refresh; a server that lists no models gets a clear note
 * and the model name is typed. The key stays in memory unless "Remember in the system keychain"
 * is ticked (the caller writes it there); without a keychain service the box is disabled and a
 * note says the key is kept for this session only.
 *
 * Thread affinity: GUI thread. Owns a ChatClient of its own for the model list.
 */
class ChatSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    /// `keyStore` (not owned, may be null) offers "Remember in the system keychain".
    ChatSettingsDialog(const ChatClientConfig &config, const QString &sessionKey, int minGroupSize,
                       const PriceTable &prices, KeyStore *keyStore = nullptr,
                       QWidget *parent = nullptr);
    ~ChatSettingsDialog() override;

    /// The edited settings (valid after accept, readable at any time).
    ChatClientConfig config() const;
    QString apiKey() const;
    int minGroupSize() const;
    /// True when the key is to be kept in the system keychain (ticked and a keychain works).
    bool rememberKey() const;
    PriceTable priceTable() const { return m_prices; }
    /// The models the server listed last time (empty before or after a failure).
    QStringList listedModels() const { return m_listed; }

    /// Asks the server at the entered base URL for its models (uses the entered key, else
    /// OPENAI_API_KEY).
    void refreshModels();

Q_SIGNALS:
    /// The server listed these models; the combo box now offers them.
    void modelsListed(const QStringList &models);
    /// The server does not list models (or could not be reached); `note` is shown.
    void modelsUnavailable(const QString &note);

protected:
    void showEvent(QShowEvent *event) override;
    void done(int result) override;

private:
    void editPrices();
    void updateKeychainState();

    ChatClientConfig m_initial;
    PriceTable m_prices;
    std::unique_ptr<ChatClient> m_lister;
    QStringList m_listed;
    bool m_shown = false;
    QLineEdit *m_base = nullptr;
    QComboBox *m_model = nullptr;
    QLabel *m_modelNote = nullptr;
    QSpinBox *m_connectTimeout = nullptr;
    QSpinBox *m_firstTokenTimeout = nullptr;
    QSpinBox *m_idleTimeout = nullptr;
    QSpinBox *m_answerTimeout = nullptr;
    QLineEdit *m_caFile = nullptr;
    QLineEdit *m_key = nullptr;
    KeyStore *m_keyStore = nullptr;
    QCheckBox *m_remember = nullptr;
    QLabel *m_keychainNote = nullptr;
    QSpinBox *m_k = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace cl
