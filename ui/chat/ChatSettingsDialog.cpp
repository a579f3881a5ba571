// ChatSettingsDialog: the form, the model list from GET /models, and input checks.
#include "ChatSettingsDialog.h"

#include "AppStyle.h"
#include "FileDialogs.h"
#include "PriceTableDialog.h"
#include "llm/ApiKeyProvider.h"
#include "llm/ChatClient.h"
#include "llm/KeyStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>

namespace cl {

namespace {

/// Gives each wrapped note of a shown window the height its text needs at the width it got:
/// a window does not follow its form's height-for-width, so notes set before or after it
/// was shown (the keychain answers late) were cut.
void growToWrappedText(QWidget *window)
{
    if (!window->isVisible() || !window->layout())
        return;
    window->layout()->activate();
    for (QLabel *label : window->findChildren<QLabel *>()) {
        if (label->isVisible() && label->wordWrap())
            label->setMinimumHeight(label->heightForWidth(label->width()));
    }
    window->layout()->activate();
    const QSize needed = window->minimumSize();
    if (needed.height() > window->height())
        window->resize(window->width(), needed.height());
}

QSpinBox *secondsBox(int ms, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(1, 3600);
    box->setSuffix(QObject::tr(" s"));
    box->setValue(qMax(1, ms / 1000));
    return box;
}
} // namespace

ChatSettingsDialog::ChatSettingsDialog(const ChatClientConfig &config, const QString &sessionKey,
                                       int minGroupSize, const PriceTable &prices,
                                       KeyStore *keyStore, QWidget *parent)
    : QDialog(parent), m_initial(config), m_prices(prices), m_keyStore(keyStore)
{
    setWindowTitle(tr("Chat settings"));
    auto *form = new QFormLayout(this);

    m_base = new QLineEdit(config.baseUrl.toString(), this);
    m_base->setPlaceholderText(QStringLiteral("https://api.openai.com/v1"));
    m_base->setToolTip(tr("Any OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1 for "
                          "Ollama or http://127.0.0.1:8080/v1 for llama.cpp."));
    form->addRow(tr("Base URL"), m_base);

    m_model = new QComboBox(this);
    m_model->setEditable(true);
    m_model->setInsertPolicy(QComboBox::NoInsert);
    m_model->setCurrentText(config.model);
    auto *refresh = new QToolButton(this);
    refresh->setText(tr("Refresh"));
    refresh->setToolTip(tr("Ask the server for its models (GET /models)"));
    auto *modelRow = new QHBoxLayout;
    modelRow->addWidget(m_model, 1);
    modelRow->addWidget(refresh);
    form->addRow(tr("Model"), modelRow);
    m_modelNote = new QLabel(this);
    m_modelNote->setWordWrap(true);
    m_modelNote->setStyleSheet(secondaryTextStyle(palette()));
    form->addRow(QString(), m_modelNote);

    m_connectTimeout = secondsBox(config.connectTimeoutMs, this);
    m_firstTokenTimeout = secondsBox(config.firstTokenTimeoutMs, this);
    m_idleTimeout = secondsBox(config.idleTimeoutMs, this);
    m_answerTimeout = secondsBox(config.answerTimeoutMs, this);
    m_connectTimeout->setToolTip(tr("Until the request is on the wire (TCP, TLS, proxy)"));
    m_firstTokenTimeout->setToolTip(tr("From the sent question to the first piece of answer"));
    m_idleTimeout->setToolTip(tr("Longest silence inside a streaming answer"));
    m_answerTimeout->setToolTip(tr("Longest time for a whole answer, tool rounds included"));
    form->addRow(tr("Connect time-out"), m_connectTimeout);
    form->addRow(tr("First-token time-out"), m_firstTokenTimeout);
    form->addRow(tr("Idle time-out"), m_idleTimeout);
    form->addRow(tr("Answer time limit"), m_answerTimeout);

    m_caFile = new QLineEdit(config.extraCaCertificateFile, this);
    m_caFile->setPlaceholderText(tr("none (system certificates only)"));
    m_caFile->setToolTip(tr("PEM or DER file of a corporate proxy's certificate authority"));
    auto *browse = new QToolButton(this);
    browse->setText(tr("Browse…"));
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);
    form->addRow(tr("Extra CA certificate"), caRow);

    m_key = new QLineEdit(sessionKey, this);
    m_key->setEchoMode(QLineEdit::Password);
    form->addRow(tr("API key"), m_key);
    m_remember = new QCheckBox(tr("Remember in the system keychain"), this);
    m_remember->setToolTip(tr("Otherwise the key is kept in memory for this session only. It is "
                              "never written to the workspace, a log or a report."));
    form->addRow(QString(), m_remember);
    m_keychainNote = new QLabel(this);
    m_keychainNote->setWordWrap(true);
    m_keychainNote->setStyleSheet(secondaryTextStyle(palette()));
    form->addRow(QString(), m_keychainNote);
    if (m_keyStore) {
        m_remember->setChecked(!m_keyStore->cachedKey().isEmpty());
        connect(m_keyStore, &KeyStore::operationFinished, this, [this](KeyStore::Operation op) {
            // A read that ends while the dialog is open says whether a key is stored.
            if (op == KeyStore::Operation::Read)
                m_remember->setChecked(!m_keyStore->cachedKey().isEmpty());
            updateKeychainState();
        });
    }
    updateKeychainState();
    QTimer::singleShot(0, this, [this] { growToWrappedText(this); }); // once shown

    m_k = new QSpinBox(this);
    m_k->setRange(1, 100000);
    m_k->setValue(minGroupSize);
    form->addRow(tr("Smallest group shared (k)"), m_k);

    auto *pricesButton = new QPushButton(tr("Token prices…"), this);
    pricesButton->setAutoDefault(false);
    form->addRow(tr("Cost"), pricesButton);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
    m_error->hide();
    form->addRow(m_error);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(refresh, &QToolButton::clicked, this, &ChatSettingsDialog::refreshModels);
    connect(m_base, &QLineEdit::editingFinished, this, [this] {
        if (QUrl(m_base->text().trimmed()) != m_lister->config().baseUrl)
            refreshModels();
    });
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString current = m_caFile->text().trimmed();
        const QString file = FileDialogs::openFile(
            this, QStringLiteral("caCertificate"), tr("Extra CA certificate"),
            tr("Certificates (*.pem *.crt *.cer *.der);;All files (*)"),
            current.isEmpty() ? QString() : QFileInfo(current).absolutePath());
        if (!file.isEmpty())
            m_caFile->setText(file);
    });
    connect(pricesButton, &QPushButton::clicked, this, &ChatSettingsDialog::editPrices);

    // The same order as the chat: typed key, OPENAI_API_KEY, keychain.
    m_lister = std::make_unique<ChatClient>(
        config,
        layeredApiKeyProvider([this] { return m_key->text(); },
                              [this] { return m_keyStore ? m_keyStore->cachedKey() : QString(); }));
    connect(m_lister.get(), &ChatClient::modelsFetched, this, [this](const QStringList &models) {
        m_listed = models;
        const QString current = m_model->currentText();
        m_model->clear();
        m_model->addItems(models);
        m_model->setCurrentText(current);
        m_modelNote->setText(
            models.isEmpty()
                ? tr("The server lists no models: type the model name.")
                : (models.size() == 1 ? tr("1 model offered by the server.")
                                      : tr("%1 models offered by the server.").arg(models.size())));
        growToWrappedText(this);
        Q_EMIT modelsListed(models);
    });
    connect(m_lister.get(), &ChatClient::modelsFailed, this, [this](const ChatError &e) {
        m_listed.clear();
        QString note;
        if (e.kind == ChatError::Kind::NotFound)
            note = tr("This server does not offer a model list (GET /models answered 404): "
                      "type the model name.");
        else if (e.kind == ChatError::Kind::Unauthorized)
            note = tr("The server wants an API key to list its models: enter the key, then "
                      "Refresh, or type the model name.");
        else
            note = tr("No model list (%1): type the model name.").arg(e.message);
        m_modelNote->setText(note);
        growToWrappedText(this); // the server's message can need another line
        Q_EMIT modelsUnavailable(note);
    });
}

ChatSettingsDialog::~ChatSettingsDialog() = default;

ChatClientConfig ChatSettingsDialog::config() const
{
    ChatClientConfig c = m_initial;
    c.baseUrl = QUrl(m_base->text().trimmed());
    const QString model = m_model->currentText().trimmed();
    if (!model.isEmpty())
        c.model = model;
    c.connectTimeoutMs = m_connectTimeout->value() * 1000;
    c.firstTokenTimeoutMs = m_firstTokenTimeout->value() * 1000;
    c.idleTimeoutMs = m_idleTimeout->value() * 1000;
    c.answerTimeoutMs = m_answerTimeout->value() * 1000;
    c.extraCaCertificateFile = m_caFile->text().trimmed();
    return c;
}

QString ChatSettingsDialog::apiKey() const
{
    return m_key->text().trimmed();
}

int ChatSettingsDialog::minGroupSize() const
{
    return m_k->value();
}

bool ChatSettingsDialog::rememberKey() const
{
    return m_remember->isEnabled() && m_remember->isChecked();
}

void ChatSettingsDialog::updateKeychainState()
{
    const bool stored = m_keyStore && !m_keyStore->cachedKey().isEmpty();
    // The order the client asks: typed key, OPENAI_API_KEY, keychain.
    m_key->setPlaceholderText(!qEnvironmentVariableIsEmpty("OPENAI_API_KEY")
                                  ? tr("using OPENAI_API_KEY")
                              : stored ? tr("using the key in the system keychain")
                                       : tr("not set (OPENAI_API_KEY is empty)"));
    QString note;
    if (!KeyStore::isCompiledIn()) {
        note = tr("This build has no keychain support: the key is kept for this session only.");
    } else if (!m_keyStore) {
        note = tr("The key is kept for this session only.");
    } else if (m_keyStore->isUnavailable()) {
        note = tr("The system keychain cannot be used (%1): the key is kept for this session "
                  "only.")
                   .arg(m_keyStore->lastMessage());
    } else if (stored) {
        note = tr("A key is stored in the system keychain; untick to delete it from there.");
    }
    const bool usable = m_keyStore && KeyStore::isCompiledIn() && !m_keyStore->isUnavailable();
    m_remember->setEnabled(usable);
    if (!usable)
        m_remember->setChecked(false);
    m_keychainNote->setText(note);
    m_keychainNote->setVisible(!note.isEmpty());
    growToWrappedText(this);
}

void ChatSettingsDialog::refreshModels()
{
    ChatClientConfig c = m_lister->config();
    c.baseUrl = QUrl(m_base->text().trimmed());
    c.extraCaCertificateFile = m_caFile->text().trimmed();
    c.connectTimeoutMs = m_connectTimeout->value() * 1000;
    m_lister->setConfig(c);
    m_modelNote->setText(tr("Asking %1 for its models…").arg(c.baseUrl.host()));
    m_lister->fetchModels();
}

void ChatSettingsDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    // Listed on first show, not on construction: building the dialog sends nothing.
    if (!m_shown) {
        m_shown = true;
        refreshModels();
    }
}

void ChatSettingsDialog::done(int result)
{
    if (result == QDialog::Accepted) {
        const QUrl base(m_base->text().trimmed());
        QString problem;
        if (!base.isValid() ||
            (base.scheme() != QLatin1String("http") && base.scheme() != QLatin1String("https")))
            problem = tr("The base URL must start with http:// or https://.");
        else if (!m_caFile->text().trimmed().isEmpty() &&
                 !QFileInfo(m_caFile->text().trimmed()).isReadable())
            problem = tr("The CA certificate file cannot be read.");
        else if (m_model->currentText().trimmed().isEmpty())
            problem = tr("Choose or type a model.");
        if (!problem.isEmpty()) {
            m_error->setText(problem);
            m_error->show();
            return;
        }
    }
    QDialog::done(result);
}

void ChatSettingsDialog::editPrices()
{
    PriceTableDialog dialog(m_prices, this);
    if (dialog.exec() == QDialog::Accepted)
        m_prices = dialog.priceTable();
}

} // namespace cl
