// ChatPanel: widgets around a ChatSession; every answer is a card with its evidence.
#include "ChatPanel.h"

#include "AppContext.h"
#include "AppStyle.h"
#include "ChatSettingsDialog.h"
#include "KeyboardShortcuts.h"
#include "RequestPreviewDialog.h"
#include "chat/ChatGrounding.h"
#include "chat/ChatPreferences.h"
#include "chat/ChatToolRegistry.h"
#include "chat/ChatTools.h"
#include "llm/ChatClient.h"
#include "llm/KeyStore.h"
#include "store/ChatStore.h"
#include "util/MessageText.h"
#include "util/WorkerPool.h"

#include <QAbstractTextDocumentLayout>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QEventLoop>
#include <QFrame>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace cl {

namespace {

/// The red status of an answer that did not complete.
const QString kFailedStyle = QStringLiteral("QLabel { color: #b3261e; }");

/// A text browser as tall as its document, so cards stack without inner scroll bars.
QTextBrowser *autoHeightBrowser(QWidget *parent)
{
    auto *b = new QTextBrowser(parent);
    b->setOpenExternalLinks(false);
    b->setFrameShape(QFrame::NoFrame);
    b->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    b->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    QObject::connect(b->document()->documentLayout(),
                     &QAbstractTextDocumentLayout::documentSizeChanged, b,
                     [b](const QSizeF &size) { b->setFixedHeight(int(size.height()) + 6); });
    return b;
}

} // namespace

struct ChatPanel::Card
{
    QFrame *frame = nullptr;
    QTextBrowser *answer = nullptr;
    QLabel *status = nullptr;
    QToolButton *evidenceToggle = nullptr;
    QTextBrowser *evidence = nullptr;
    QList<ToolOutcome> outcomes;
    QString text; ///< Plain answer text (for copy).
    QLabel *usage = nullptr;
    QString model;              ///< Model that answered (prices the tokens).
    QString shareMode;          ///< Sharing mode the question was sent in; empty: unknown.
    int minGroupSize = -1;      ///< k it was sent with; -1: not stored (older answers).
    TokenUsage tokens;          ///< Summed over the rounds of the exchange.
    QToolButton *pin = nullptr; ///< "Pin to report"; disabled until the answer is complete.
    qint64 exchangeId = -1;     ///< Row in chat_exchange; -1 while running.
};

ChatPanel::ChatPanel(AppContext *context, QWidget *parent) : QWidget(parent), m_context(context)
{
    m_keyStore = new KeyStore(this);
    m_client = std::make_unique<ChatClient>(
        ChatClientConfig::fromEnvironment(),
        layeredApiKeyProvider([this] { return m_sessionKey; },
                              [this] { return m_keyStore->cachedKey(); }));
    m_session = std::make_unique<ChatSession>(m_client.get(), &m_context->workspace());

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Share:"), this));
    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("shareMode"));
    m_mode->addItem(tr("Aggregates only"), sharingModeName(SharingMode::Aggregates));
    m_mode->addItem(tr("Schema only"), sharingModeName(SharingMode::Schema));
    m_mode->addItem(tr("Rows allowed"), sharingModeName(SharingMode::Rows));
    m_mode->setToolTip(tr("What may leave this machine. Aggregates: counts and rates of groups "
                          "of at least k clients. Schema: column names and levels only. Rows: "
                          "row-level records (explicit opt-in, remembered for this workspace)."));
    top->addWidget(m_mode);
    top->addStretch();
    auto *preview = new QToolButton(this);
    preview->setText(tr("Preview…"));
    preview->setToolTip(tr("Show exactly what the next question would send"));
    top->addWidget(preview);
    auto *settings = new QToolButton(this);
    settings->setText(tr("Settings…"));
    top->addWidget(settings);

    m_modeNote = new QLabel(this);
    m_modeNote->setObjectName(QStringLiteral("shareModeNote"));
    m_modeNote->setWordWrap(true);

    m_setupLabel = new QLabel(this);
    m_setupLabel->setWordWrap(true);
    m_setupLabel->setStyleSheet(QStringLiteral(
        "QLabel { background: #fef7e0; color: #7a4f01; border-radius: 3px; padding: 4px; }"));

    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_cardsHost = new QWidget(m_scroll);
    m_cardsLayout = new QVBoxLayout(m_cardsHost);
    // Cards use the dock's whole width: on a small screen the dock is narrow.
    m_cardsLayout->setContentsMargins(0, 0, 4, 0);
    m_cardsLayout->addStretch();
    m_scroll->setWidget(m_cardsHost);

    m_suggestions = new QWidget(this);
    auto *sl = new QVBoxLayout(m_suggestions);
    sl->setContentsMargins(0, 0, 0, 0);
    sl->addWidget(new QLabel(tr("Try:"), m_suggestions));
    for (const QString &q : {tr("Which segments should we prioritise in the next campaign?"),
                             tr("How does the subscription rate differ by age band?"),
                             tr("Which jobs respond best, and how sure are we?"),
                             tr("Did clients contacted before subscribe more often?")}) {
        // A wrapping link rather than a button: a button is as wide as its text, and these
        // questions would set the dock's minimum width.
        auto *link = new QLabel(QStringLiteral("<a href='ask' style='color:#1a73e8; "
                                               "text-decoration:none'>%1</a>")
                                    .arg(q.toHtmlEscaped()),
                                m_suggestions);
        link->setWordWrap(true);
        link->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
        link->setFocusPolicy(Qt::TabFocus);
        connect(link, &QLabel::linkActivated, this, [this, q] { ask(q); });
        sl->addWidget(link);
    }

    m_input = new QLineEdit(this);
    m_input->setPlaceholderText(tr("Ask about this dataset…"));
    m_send = new QPushButton(tr("Ask"), this);
    m_send->setDefault(true);
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setEnabled(false);
    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(m_input, 1);
    inputRow->addWidget(m_send);
    inputRow->addWidget(m_stop);

    m_meter = new QLabel(this);
    m_meter->setStyleSheet(secondaryTextStyle(palette()));
    m_meter->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_modeNote);
    layout->addWidget(m_setupLabel);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_suggestions);
    layout->addLayout(inputRow);
    layout->addWidget(m_meter);

    connect(m_send, &QPushButton::clicked, this, &ChatPanel::send);
    connect(m_input, &QLineEdit::returnPressed, this, &ChatPanel::send);
    connect(m_stop, &QPushButton::clicked, m_session.get(), &ChatSession::cancel);
    addButtonShortcut(this, m_send, tr("Ask the chat"), QKeySequence(Qt::CTRL | Qt::Key_Return));
    addButtonShortcut(this, m_stop, tr("Stop the answer"),
                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
    auto *focusQuestion = new QAction(tr("Type a question to the chat"), this);
    // Not Ctrl+K: line edits on X11 take it (delete to the end of the line).
    focusQuestion->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    addAction(focusQuestion);
    connect(focusQuestion, &QAction::triggered, this, [this] {
        m_input->setFocus(Qt::ShortcutFocusReason);
        m_input->selectAll();
    });
    connect(preview, &QToolButton::clicked, this, &ChatPanel::showPreview);
    connect(settings, &QToolButton::clicked, this, &ChatPanel::openSettings);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &ChatPanel::onModeChanged);
    connect(m_context, &AppContext::datasetChanged, this, &ChatPanel::onDatasetChanged);

    connect(m_session.get(), &ChatSession::textReceived, this, [this](const QString &t) {
        if (!m_running)
            return;
        // "Waiting for the model" is over once its text comes.
        if (m_streamed.isEmpty() && !t.isEmpty())
            m_running->status->clear();
        m_streamed += t;
        m_running->answer->setMarkdown(m_streamed);
        m_scroll->verticalScrollBar()->setValue(m_scroll->verticalScrollBar()->maximum());
    });
    connect(m_session.get(), &ChatSession::toolsStarted, this, [this](int) {
        if (m_running)
            m_running->status->setText(tr("Computing locally…"));
    });
    connect(m_session.get(), &ChatSession::roundStarted, this, [this](int) {
        m_streamed.clear();
        if (m_running)
            m_running->status->setText(tr("Waiting for %1…").arg(m_client->config().model));
    });
    connect(m_session.get(), &ChatSession::toolExecuted, this, [this](const ToolOutcome &o) {
        if (!m_running)
            return;
        m_running->outcomes << o;
        renderEvidence(m_running);
    });
    connect(m_session.get(), &ChatSession::answerFinished, this, [this](const ChatAnswer &a) {
        if (m_running) {
            m_running->outcomes = a.evidence;
            m_running->model = a.model;
            m_running->tokens = a.usage;
            renderAnswer(m_running, a.text, a.unverified);
            renderEvidence(m_running);
            renderUsage(m_running);
            enablePin(m_running, a.exchangeId, false);
        }
        m_running = nullptr;
        m_send->setEnabled(true);
        m_stop->setEnabled(false);
        updateMeter();
        Q_EMIT answerShown(a);
    });
    connect(m_session.get(), &ChatSession::answerFailed, this,
            [this](const ChatError &e, const ChatAnswer &partial) {
                QString message = e.message;
                if (e.kind == ChatError::Kind::Unauthorized ||
                    e.kind == ChatError::Kind::ConnectionRefused ||
                    e.kind == ChatError::Kind::HostNotFound)
                    message += QLatin1Char(' ') +
                               tr("Check Settings: an API key (or OPENAI_API_KEY) for OpenAI, or "
                                  "the base URL of a local server.");
                if (m_running) {
                    // What had streamed stays, as stored: the partial answer, marked.
                    if (!partial.text.isEmpty())
                        renderAnswer(m_running, partial.text, partial.unverified);
                    showFailure(m_running,
                                e.kind == ChatError::Kind::Cancelled ? QStringLiteral("cancelled")
                                                                     : QStringLiteral("failed"),
                                message);
                    m_running->model = partial.model;
                    m_running->tokens = partial.usage;
                    renderUsage(m_running);
                }
                m_running = nullptr;
                m_send->setEnabled(true);
                m_stop->setEnabled(false);
                updateMeter();
                Q_EMIT answerFailedShown(message);
            });

    Workspace &ws = m_context->workspace();
    if (ws.isOpen()) {
        m_client->setConfig(ChatPreferences(ws).clientConfig(m_client->config()));
        m_session->setPriceTable(ChatPreferences(ws).priceTable());
        SharingMode mode = SharingMode::Aggregates;
        parseSharingMode(ws.setting(kSharingModeSetting), &mode);
        const QSignalBlocker block(m_mode);
        m_mode->setCurrentIndex(m_mode->findData(sharingModeName(mode)));
    }
    m_modeIndex = m_mode->currentIndex();
    connect(m_keyStore, &KeyStore::operationFinished, this,
            [this](KeyStore::Operation op, KeyStore::Status status, const QString &message) {
                updateSetupLabel();
                if (op == KeyStore::Operation::Write && status != KeyStore::Status::Ok) {
                    m_setupLabel->setText(tr("The key could not be saved in the system keychain "
                                             "(%1); it is kept for this session only.")
                                              .arg(message));
                    m_setupLabel->show();
                }
            });
    if (KeyStore::isCompiledIn())
        m_keyStore->read();
    updateSetupLabel();
    updateMeter();
    onDatasetChanged();
    updateModeNote();
}

ChatPanel::~ChatPanel() = default;

void ChatPanel::setConnection(const QString &baseUrl, const QString &model, const QString &key)
{
    ChatClientConfig config = m_client->config();
    config.baseUrl = QUrl(baseUrl);
    if (!model.isEmpty())
        config.model = model;
    m_client->setConfig(config);
    m_sessionKey = key;
    updateSetupLabel();
    updateMeter();
    updateModeNote();
}

QString ChatPanel::setupProblem() const
{
    const QUrl base = m_client->config().baseUrl;
    if (!base.isValid() || base.scheme().isEmpty())
        return tr("The base URL is not valid: set it in Settings.");
    if (base.host().endsWith(QLatin1String("api.openai.com")) && m_sessionKey.isEmpty() &&
        qEnvironmentVariableIsEmpty("OPENAI_API_KEY") && m_keyStore->cachedKey().isEmpty())
        return tr("No API key: set OPENAI_API_KEY before starting CampaignLens, or enter a key "
                  "in Settings (for this session, or remembered in the system keychain), or set "
                  "a local OpenAI-compatible server's base URL (e.g. http://127.0.0.1:11434/v1 "
                  "for Ollama).");
    return {};
}

void ChatPanel::updateSetupLabel()
{
    const QString problem = setupProblem();
    if (problem.isEmpty())
        m_questionHeld = false;
    m_setupLabel->setText(m_questionHeld ? tr("Your question was not sent. %1 Settings opened "
                                              "for it; the question is kept in the box below.")
                                               .arg(problem)
                                         : problem);
    m_setupLabel->setVisible(!problem.isEmpty());
}

void ChatPanel::updateMeter()
{
    const TokenUsage u = m_session->sessionUsage();
    const QLocale loc;
    QString text = tr("%1 · %2").arg(m_client->config().model, m_client->config().baseUrl.host());
    if (u.isValid() && u.estimated) {
        // Some or all of it estimated: the server reported no usage (see TokenEstimate).
        text += tr(" · session: ~%1 tokens (estimated)").arg(loc.toString(u.totalTokens));
        text += m_session->sessionCost() > 0
                    ? tr(", ~$%1 (estimated)").arg(m_session->sessionCost(), 0, 'f', 4)
                    : tr(", cost unknown (no price for the model)");
    } else if (u.isValid()) {
        text += tr(" · session: %1 tokens").arg(loc.toString(u.totalTokens));
        text += m_session->sessionCost() > 0 ? tr(", $%1").arg(m_session->sessionCost(), 0, 'f', 4)
                                             : tr(", cost unknown (no price for the model)");
    } else {
        text += tr(" · no tokens used yet");
    }
    m_meter->setText(text);
    m_meter->setToolTip(u.estimated ? tr("The server reported no token usage for some answers: "
                                         "those are estimated at about 4 characters a token of "
                                         "the request and the answer.")
                                    : QString());
}

void ChatPanel::onDatasetChanged()
{
    m_chatContext.reset();
    m_previewAccepted = false;
    loadHistory();
}

bool ChatPanel::ensureContext()
{
    const qint64 id = m_context->currentDatasetId();
    if (id < 0)
        return false;
    if (m_chatContext && m_chatContext->dataset.id == id)
        return true;
    if (m_loadingContext)
        return false; // a load is under way (this is a nested call)
    // Reading the whole dataset takes a while on a large one: on a worker, with its own
    // connection, while this thread keeps painting (input waits: the question depends on it).
    m_loadingContext = true;
    m_setupLabel->setText(tr("Loading the dataset for the chat…"));
    m_setupLabel->setVisible(true);
    QFutureWatcher<std::pair<std::optional<ChatContext>, QString>> watcher;
    QEventLoop loop;
    connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    const QString path = m_context->workspace().path();
    watcher.setFuture(runInBackground([path, id] {
        QString error;
        std::optional<ChatContext> context = loadChatContext(path, id, &error);
        return std::make_pair(std::move(context), error);
    }));
    const QPointer<ChatPanel> alive(this);
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (!alive) { // deleted by an event the loop delivered: touch no member
        watcher.waitForFinished();
        return false;
    }
    m_loadingContext = false;
    updateSetupLabel();
    auto [loaded, error] = watcher.result();
    if (m_context->currentDatasetId() != id)
        return false; // the dataset changed meanwhile; the next question loads the new one
    if (!loaded) {
        QMessageBox::warning(this, tr("Chat"),
                             tr("Cannot load the dataset: %1").arg(shownText(error)));
        return false;
    }
    m_chatContext = std::move(loaded);
    m_chatContext->mode = currentMode();
    m_session->setContext(*m_chatContext);
    updateModeNote();
    return true;
}

void ChatPanel::loadHistory()
{
    for (Card *c : std::as_const(m_cards)) {
        c->frame->deleteLater();
        delete c;
    }
    m_cards.clear();
    m_running = nullptr;
    const qint64 id = m_context->currentDatasetId();
    if (id >= 0 && m_context->workspace().isOpen()) {
        for (const ChatExchangeRecord &r :
             ChatStore(m_context->workspace().db()).exchanges(id, 30)) {
            Card *card = addCard(r.question);
            card->outcomes = toolOutcomesFromJson(r.evidenceJson);
            QList<NumberMention> unverified;
            for (const UnverifiedMark &m : UnverifiedMark::fromJson(r.unverifiedJson))
                unverified << NumberMention::fromMark(m);
            card->shareMode = r.shareMode;
            renderAnswer(card, r.answer, unverified);
            renderEvidence(card);
            card->model = r.model;
            card->tokens.promptTokens = r.promptTokens;
            card->tokens.completionTokens = r.completionTokens;
            card->tokens.estimated = r.tokensEstimated;
            renderUsage(card);
            if (r.status == QLatin1String("answered"))
                enablePin(card, r.id, r.pinned);
            else
                showFailure(card, r.status, r.error);
        }
    }
    // The latest answer opens with its evidence shown: it is what the analyst came back to.
    if (!m_cards.isEmpty() && !m_cards.last()->outcomes.isEmpty())
        m_cards.last()->evidenceToggle->setChecked(true);
    m_suggestions->setVisible(m_cards.isEmpty());
}

ChatPanel::Card *ChatPanel::addCard(const QString &question)
{
    auto *card = new Card;
    card->frame = new QFrame(m_cardsHost);
    card->frame->setFrameShape(QFrame::StyledPanel);
    auto *l = new QVBoxLayout(card->frame);
    l->setContentsMargins(6, 6, 6, 6);
    auto *q = new QLabel(QStringLiteral("<b>%1</b>").arg(question.toHtmlEscaped()), card->frame);
    q->setWordWrap(true);
    q->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->addWidget(q);
    card->answer = autoHeightBrowser(card->frame);
    l->addWidget(card->answer);
    card->status = new QLabel(card->frame);
    card->status->setWordWrap(true);
    l->addWidget(card->status);
    auto *row = new QHBoxLayout;
    card->evidenceToggle = new QToolButton(card->frame);
    card->evidenceToggle->setCheckable(true);
    card->evidenceToggle->setArrowType(Qt::RightArrow);
    card->evidenceToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    card->evidenceToggle->setText(tr("Evidence"));
    card->evidenceToggle->setAutoRaise(true);
    auto *copy = new QToolButton(card->frame);
    copy->setText(tr("Copy"));
    copy->setAutoRaise(true);
    // On its own line, wrapping: beside Evidence, Pin and Copy it made the card wider than a
    // narrow dock and the answer was cut off.
    card->usage = new QLabel(card->frame);
    card->usage->setStyleSheet(secondaryTextStyle(palette()));
    card->usage->setWordWrap(true);
    card->usage->hide();
    l->addWidget(card->usage);
    card->pin = new QToolButton(card->frame);
    card->pin->setObjectName(QStringLiteral("pinToReport"));
    card->pin->setText(tr("Pin to report"));
    card->pin->setToolTip(tr("The report's Q&A section includes pinned questions."));
    card->pin->setCheckable(true);
    card->pin->setAutoRaise(true);
    card->pin->setEnabled(false);
    row->addWidget(card->pin);
    row->addWidget(copy);
    row->addStretch();
    l->addLayout(row);
    // Evidence on a line of its own, above what it opens: beside "Pinned to report" and Copy
    // its "(N tool calls)" made the card wider than a narrow dock, cutting the Copy button.
    l->addWidget(card->evidenceToggle, 0, Qt::AlignLeft);
    card->evidence = autoHeightBrowser(card->frame);
    card->evidence->setStyleSheet(
        QStringLiteral("QTextBrowser { background: palette(alternate-base); }"));
    card->evidence->hide();
    l->addWidget(card->evidence);
    connect(card->evidenceToggle, &QToolButton::toggled, card->frame, [card](bool on) {
        card->evidence->setVisible(on);
        card->evidenceToggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    });
    connect(copy, &QToolButton::clicked, card->frame,
            [card] { QApplication::clipboard()->setText(card->text); });
    connect(card->pin, &QToolButton::clicked, card->frame,
            [this, card](bool on) { setPinned(card, on); });
    m_cardsLayout->insertWidget(m_cardsLayout->count() - 1, card->frame);
    m_cards << card;
    m_suggestions->setVisible(false);
    return card;
}

void ChatPanel::enablePin(Card *card, qint64 exchangeId, bool pinned)
{
    card->exchangeId = exchangeId;
    const QSignalBlocker block(card->pin);
    card->pin->setChecked(pinned);
    card->pin->setText(pinned ? tr("Pinned to report") : tr("Pin to report"));
    card->pin->setEnabled(exchangeId >= 0);
}

void ChatPanel::setPinned(Card *card, bool pinned)
{
    ChatStore store(m_context->workspace().db());
    if (card->exchangeId < 0 || !store.setPinned(card->exchangeId, pinned)) {
        // Show what is stored, not what was clicked.
        const QSignalBlocker block(card->pin);
        card->pin->setChecked(!pinned);
        card->status->setText(tr("Could not pin: %1").arg(store.lastError()));
        return;
    }
    card->pin->setText(pinned ? tr("Pinned to report") : tr("Pin to report"));
    Q_EMIT exchangePinned(card->exchangeId, pinned);
}

void ChatPanel::renderAnswer(Card *card, const QString &text,
                             const QList<NumberMention> &unverified)
{
    card->text = text;
    QString marked = NumberVerifier::mark(text, unverified);
    marked.replace(QStringLiteral("[unverified]"),
                   QStringLiteral("\u00a0*%1*").arg(tr("(unverified)")));
    card->answer->setMarkdown(marked);
    if (unverified.isEmpty()) {
        card->status->setText(text.isEmpty() ? QString()
                                             : tr("✓ Every number matches the data sent."));
        card->status->setStyleSheet(QStringLiteral("QLabel { color: #188038; }"));
    } else {
        QStringList items;
        for (const NumberMention &n : unverified)
            items << n.text;
        card->status->setText(
            (unverified.size() == 1
                 ? tr("⚠ 1 number matches nothing computed here: %1")
                 : tr("⚠ %1 numbers match nothing computed here: %2").arg(unverified.size()))
                .arg(items.join(QStringLiteral(", "))));
        card->status->setStyleSheet(QStringLiteral("QLabel { color: #b06000; }"));
    }
}

void ChatPanel::renderEvidence(Card *card)
{
    QString md;
    SharingMode mode = SharingMode::Aggregates;
    const bool knownMode = parseSharingMode(card->shareMode, &mode);
    if (knownMode)
        md += QStringLiteral("*%1*\n\n")
                  .arg(tr("Shared: %1").arg(sharingModeDescription(mode, card->minGroupSize)));
    int i = 0;
    const ChatToolRegistry &tools = ChatToolRegistry::builtIn();
    for (const ToolOutcome &o : card->outcomes) {
        md += QStringLiteral("**%1. %2**\n\n").arg(++i).arg(o.name);
        md += tools.callMarkdown(o) + QStringLiteral("\n");
    }
    card->evidence->setMarkdown(md);
    card->evidenceToggle->setText(card->outcomes.size() == 1
                                      ? tr("Evidence (1 tool call)")
                                      : tr("Evidence (%1 tool calls)").arg(card->outcomes.size()));
    card->evidenceToggle->setEnabled(!card->outcomes.isEmpty() || knownMode);
}

void ChatPanel::onModeChanged(int index)
{
    SharingMode mode = SharingMode::Aggregates;
    parseSharingMode(m_mode->itemData(index).toString(), &mode);
    if (mode == SharingMode::Rows &&
        QMessageBox::question(
            this, tr("Allow row-level data?"),
            tr("Questions may then send individual client records (up to %1 rows per query) to "
               "%2. The choice is remembered for this workspace, also for campaignlens-cli ask. "
               "Allow row-level data?")
                .arg(ChatTools::kMaxSqlRows)
                .arg(m_client->config().baseUrl.host()),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes) {
        // "No" changes nothing: the earlier choice stays, shown and stored.
        const QSignalBlocker block(m_mode);
        m_mode->setCurrentIndex(m_modeIndex);
        return;
    }
    m_modeIndex = index;
    const int k = currentMinGroupSize();
    if (m_context->workspace().isOpen())
        rememberSharing(m_context->workspace(), mode, k);
    if (m_chatContext) {
        m_chatContext->mode = mode;
        m_session->setContext(*m_chatContext);
    }
    m_previewAccepted = false;
    updateModeNote();
}

SharingMode ChatPanel::currentMode() const
{
    SharingMode mode = SharingMode::Aggregates;
    parseSharingMode(m_mode->itemData(m_modeIndex).toString(), &mode);
    return mode;
}

int ChatPanel::currentMinGroupSize() const
{
    if (m_chatContext)
        return m_chatContext->minGroupSize;
    Workspace &ws = m_context->workspace();
    bool ok = false;
    const int k = ws.isOpen() ? ws.setting(kSuppressionKSetting).toInt(&ok) : 0;
    return ok && k >= 1 ? k : kDefaultSuppressionK;
}

void ChatPanel::updateModeNote()
{
    const SharingMode mode = currentMode();
    QString text = sharingModeDescription(mode, currentMinGroupSize());
    if (mode == SharingMode::Rows)
        text = tr("%1 To: %2.").arg(text, m_client->config().baseUrl.host());
    m_modeNote->setText(text);
    m_modeNote->setStyleSheet(mode == SharingMode::Rows
                                  ? QStringLiteral("QLabel { color: #b3261e; }")
                                  : secondaryTextStyle(palette()));
}

void ChatPanel::openSettings()
{
    Workspace &ws = m_context->workspace();
    const int k = m_chatContext ? m_chatContext->minGroupSize
                                : ws.setting(kSuppressionKSetting, "10").toInt();
    ChatSettingsDialog dialog(m_client->config(), m_sessionKey, k, priceTable(), m_keyStore, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    int newK = dialog.minGroupSize();
    // A k below the default lets smaller groups leave the machine: only with an explicit yes.
    if (newK < k && newK < kDefaultSuppressionK &&
        QMessageBox::question(
            this, tr("Share smaller groups?"),
            tr("Groups of %1 to %2 clients would then be sent to %3 (the default leaves out "
               "groups of fewer than %4 clients). The choice is remembered for this workspace. "
               "Lower k to %1?")
                .arg(newK)
                .arg(k - 1)
                .arg(m_client->config().baseUrl.host())
                .arg(kDefaultSuppressionK),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes)
        newK = k;
    m_client->setConfig(dialog.config());
    m_sessionKey = dialog.apiKey();
    if (dialog.rememberKey() && !dialog.apiKey().isEmpty())
        m_keyStore->write(dialog.apiKey());
    else if (!dialog.rememberKey() && !m_keyStore->cachedKey().isEmpty())
        m_keyStore->remove();
    setPriceTable(dialog.priceTable());
    if (ws.isOpen()) {
        ChatPreferences(ws).saveClientConfig(dialog.config());
        rememberSharing(ws, currentMode(), newK);
    }
    if (m_chatContext) {
        m_chatContext->minGroupSize = newK;
        m_session->setContext(*m_chatContext);
    }
    if (newK != k)
        m_previewAccepted = false;
    updateSetupLabel();
    updateMeter();
    updateModeNote();
}

void ChatPanel::setPriceTable(const PriceTable &prices)
{
    m_session->setPriceTable(prices);
    if (m_context->workspace().isOpen())
        ChatPreferences(m_context->workspace()).savePriceTable(prices);
    for (Card *c : std::as_const(m_cards))
        renderUsage(c);
    updateMeter();
}

void ChatPanel::renderUsage(Card *card)
{
    if (!card->tokens.isValid()) {
        card->usage->hide();
        return;
    }
    const QLocale loc;
    const TokenUsage &t = card->tokens;
    const bool estimated = t.estimated;
    QString text = estimated
                       ? tr("~%1 tokens (estimated): ~%2 prompt + ~%3 completion")
                             .arg(loc.toString(t.promptTokens + t.completionTokens),
                                  loc.toString(t.promptTokens), loc.toString(t.completionTokens))
                       : tr("%1 prompt + %2 completion tokens")
                             .arg(loc.toString(t.promptTokens), loc.toString(t.completionTokens));
    const double cost = priceTable().cost(card->model, t);
    if (cost < 0)
        text += tr(" · cost unknown");
    else if (cost > 0 && cost < 0.0001)
        text += estimated ? tr(" · < $0.0001 (estimated)") : tr(" · < $0.0001");
    else
        text += estimated ? tr(" · ~$%1 (estimated)").arg(cost, 0, 'f', 4)
                          : tr(" · $%1").arg(cost, 0, 'f', 4);
    card->usage->setText(text);
    QString tip = cost < 0
                      ? tr("No price for %1: add one in Settings › Token prices.").arg(card->model)
                      : tr("Priced as %1 (Settings › Token prices)").arg(card->model);
    if (estimated)
        tip += QLatin1Char('\n') +
               tr("The server reported no token usage: the tokens are estimated at about 4 "
                  "characters a token of the request and the answer, and the cost from them.");
    card->usage->setToolTip(tip);
    card->usage->show();
}

void ChatPanel::showFailure(Card *card, const QString &status, const QString &error)
{
    const bool partial = !card->text.isEmpty();
    QString text;
    if (status == QLatin1String("cancelled"))
        text = partial ? tr("Stopped: the answer above is incomplete.") : tr("Stopped.");
    else if (status == QLatin1String("running"))
        text = tr("Not finished: CampaignLens was closed while the answer came.");
    else
        text = partial ? tr("Failed: %1 The answer above is incomplete.").arg(error)
                       : tr("Failed: %1").arg(error);
    card->status->setText(text);
    card->status->setStyleSheet(kFailedStyle);
}

void ChatPanel::showPreview()
{
    if (!ensureContext())
        return;
    const QString question =
        m_input->text().trimmed().isEmpty() ? tr("(your question)") : m_input->text().trimmed();
    RequestPreviewDialog dialog(
        RequestPreviewDialog::Purpose::Preview,
        m_client->config().baseUrl.toString(QUrl::StripTrailingSlash | QUrl::RemoveUserInfo) +
            QStringLiteral("/chat/completions"),
        sharingModeDescription(m_chatContext->mode, m_chatContext->minGroupSize),
        m_session->previewBody(question), this);
    dialog.exec();
}

void ChatPanel::requestSetup(const QString &question, const QString &problem)
{
    // A click on a suggestion or Ask must not end in silence: say what is missing where the
    // answer would have come, keep the question for after, and open the place to set it.
    m_input->setText(question.trimmed());
    m_questionHeld = true;
    updateSetupLabel();
    Q_EMIT settingsRequested(problem);
    if (m_settingsQueued)
        return;
    m_settingsQueued = true;
    // Queued: ask() returns first, and a dialog never opens inside a caller's click handler.
    QTimer::singleShot(0, this, [this] {
        m_settingsQueued = false;
        if (m_settingsOpener)
            m_settingsOpener();
        else
            openSettings();
    });
}

void ChatPanel::send()
{
    if (ask(m_input->text()))
        m_input->clear();
}

bool ChatPanel::ask(const QString &question)
{
    if (question.trimmed().isEmpty() || m_session->isBusy())
        return false;
    const QString problem = setupProblem();
    if (!problem.isEmpty()) {
        requestSetup(question, problem);
        return false;
    }
    if (!ensureContext())
        return false;
    if (m_previewRequired && !m_previewAccepted) {
        RequestPreviewDialog dialog(
            RequestPreviewDialog::Purpose::Approve,
            m_client->config().baseUrl.toString(QUrl::StripTrailingSlash | QUrl::RemoveUserInfo) +
                QStringLiteral("/chat/completions"),
            sharingModeDescription(m_chatContext->mode, m_chatContext->minGroupSize),
            m_session->previewBody(question.trimmed()), this);
        if (dialog.exec() != QDialog::Accepted)
            return false;
        m_previewAccepted = true;
    }
    m_running = addCard(question.trimmed());
    m_running->shareMode = sharingModeName(m_chatContext->mode);
    m_running->minGroupSize = m_chatContext->minGroupSize;
    m_running->status->setText(tr("Waiting for %1…").arg(m_client->config().model));
    m_streamed.clear();
    if (!m_session->ask(question.trimmed())) {
        m_running->status->setText(tr("Could not start the request."));
        m_running = nullptr;
        return false;
    }
    m_send->setEnabled(false);
    m_stop->setEnabled(true);
    return true;
}

} // namespace cl
