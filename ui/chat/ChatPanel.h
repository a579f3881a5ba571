// The Chat dock: questions about the current dataset, answered from numbers computed here.
#pragma once

#include "chat/ChatContext.h"
#include "chat/ChatSession.h"

#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;
class QTextBrowser;
class QVBoxLayout;

namespace cl {

class AppContext;
class ChatClient;
class KeyStore;

/**
 * Chat panel: history of the current dataset, answers rendered as Markdown while they stream,
 * a Stop button, evidence (tool calls with arguments and results) under each answer, copy,
 * "Pin to report" (the report's Q&A takes the pinned exchanges),
 * suggested questions, the token/cost meter, the data-sharing mode (switchable; rows and a k
 * below the default need an explicit yes; both are remembered per workspace; the mode and k are
 * named in the panel, in the first-question dialog and in each answer's evidence) and
 * connection settings. The key is the one
 * typed in Settings (memory only), else OPENAI_API_KEY, else the one in the system keychain
 * (kept there only when "Remember in the system keychain" is ticked).
 * Before the first send of a session the exact request body is shown for approval.
 *
 * Thread affinity: GUI thread. Does not own the AppContext; owns its ChatClient and session.
 * Nothing heavy runs here: the context loads on a worker and the session runs tools on one.
 */
class ChatPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ChatPanel(AppContext *context, QWidget *parent = nullptr);
    ~ChatPanel() override;

    /// Skips the preview dialog (tests, screenshots); the preview stays available by button.
    void setPreviewRequired(bool required) { m_previewRequired = required; }
    /// Base URL, model and a session-only key (empty: OPENAI_API_KEY).
    void setConnection(const QString &baseUrl, const QString &model, const QString &key = {});
    /// Asks `question` about the current dataset; false when busy or there is no dataset.
    bool ask(const QString &question);
    /// The text the configuration needs, or empty when a request can be sent.
    QString setupProblem() const;
    /// Replaces the Settings dialog where the panel opens it by itself (a question asked before
    /// the connection is set up): tests, screenshots. Empty: the dialog.
    void setSettingsOpener(std::function<void()> opener) { m_settingsOpener = std::move(opener); }
    /// Re-prices every shown answer and the session meter, and keeps the table in the workspace.
    void setPriceTable(const PriceTable &prices);
    PriceTable priceTable() const { return m_session->priceTable(); }

Q_SIGNALS:
    /// An answer was completed and shown.
    void answerShown(const cl::ChatAnswer &answer);
    /// A question failed (also after Stop); the message says what to do.
    void answerFailedShown(const QString &message);
    /// The user pinned (or unpinned) an exchange for the report's Q&A; it is stored already.
    void exchangePinned(qint64 exchangeId, bool pinned);
    /// A question could not be sent for `problem` (what to set); Settings opens next.
    void settingsRequested(const QString &problem);

private:
    struct Card;
    void onDatasetChanged();
    /// The chat context of the current dataset, loaded on a worker while this thread waits
    /// without blocking paint; false when there is none (a warning was shown).
    bool ensureContext();
    void loadHistory();
    Card *addCard(const QString &question);
    void renderAnswer(Card *card, const QString &text, const QList<NumberMention> &unverified);
    void renderEvidence(Card *card);
    void renderUsage(Card *card);
    /// The card's status for an exchange that did not complete (`status` as stored:
    /// "cancelled", "failed", "running"), saying whether the text above is a partial answer.
    void showFailure(Card *card, const QString &status, const QString &error);
    void enablePin(Card *card, qint64 exchangeId, bool pinned);
    void setPinned(Card *card, bool pinned);
    void updateMeter();
    void updateSetupLabel();
    void onModeChanged(int index);
    /// Mode and k in effect: the chat context's once loaded, else the workspace's.
    SharingMode currentMode() const;
    int currentMinGroupSize() const;
    void updateModeNote();
    void openSettings();
    /// Says in the panel what to set, keeps `question` in the input and opens Settings.
    void requestSetup(const QString &question, const QString &problem);
    void showPreview();
    void send();

    AppContext *m_context;
    std::unique_ptr<ChatClient> m_client;
    std::unique_ptr<ChatSession> m_session;
    std::optional<ChatContext> m_chatContext;
    QString m_sessionKey;           ///< Typed in Settings; never stored anywhere.
    KeyStore *m_keyStore = nullptr; ///< Child; the system keychain, read at start.
    bool m_loadingContext = false;  ///< ensureContext() is waiting for its worker.
    bool m_previewRequired = true;
    bool m_previewAccepted = false;
    std::function<void()> m_settingsOpener;
    bool m_settingsQueued = false; ///< requestSetup() has Settings to open (once).
    bool m_questionHeld = false;   ///< A question waits in the input for the setup.
    QList<Card *> m_cards;
    Card *m_running = nullptr;
    QString m_streamed;

    QComboBox *m_mode = nullptr;
    int m_modeIndex = 0;          ///< The confirmed choice of m_mode (restored on a "No").
    QLabel *m_modeNote = nullptr; ///< The mode and k in plain words.
    QLabel *m_setupLabel = nullptr;
    QLabel *m_meter = nullptr;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_cardsHost = nullptr;
    QVBoxLayout *m_cardsLayout = nullptr;
    QWidget *m_suggestions = nullptr;
    QLineEdit *m_input = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_stop = nullptr;
};

} // namespace cl
