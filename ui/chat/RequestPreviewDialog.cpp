// RequestPreviewDialog: the request body, readable, with what it shares.
#include "RequestPreviewDialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QVBoxLayout>

namespace cl {

RequestPreviewDialog::RequestPreviewDialog(Purpose purpose, const QString &endpoint,
                                           const QString &sharing, const QByteArray &body,
                                           QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("requestPreview"));
    const bool approve = purpose == Purpose::Approve;
    setWindowTitle(approve ? tr("Send this request?") : tr("What will be sent"));
    auto *layout = new QVBoxLayout(this);

    auto *intro = new QLabel(
        approve ? tr("This is the first question of the session. The request below is exactly "
                     "what will leave this machine, posted to %1. The API key travels only in "
                     "the Authorization header.")
                      .arg(endpoint.toHtmlEscaped())
                : tr("The next question would send the request below, posted to %1. The API "
                     "key travels only in the Authorization header.")
                      .arg(endpoint.toHtmlEscaped()),
        this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::RichText);
    layout->addWidget(intro);

    m_sharing = new QLabel(tr("<b>Sharing mode:</b> %1").arg(sharing.toHtmlEscaped()), this);
    m_sharing->setObjectName(QStringLiteral("sharingMode"));
    m_sharing->setWordWrap(true);
    m_sharing->setTextFormat(Qt::RichText);
    layout->addWidget(m_sharing);

    // Indented JSON: the exact body, laid out (the server reads the same values).
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QString text = doc.isNull() ? QString::fromUtf8(body)
                                      : QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    m_request = new QPlainTextEdit(text, this);
    m_request->setObjectName(QStringLiteral("requestBody"));
    m_request->setReadOnly(true);
    m_request->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_request->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_request->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_request->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    const QFontMetrics fm(m_request->font());
    m_request->setMinimumSize(fm.horizontalAdvance(QLatin1Char('x')) * 60, fm.lineSpacing() * 12);
    layout->addWidget(m_request, 1);

    auto *buttons = new QDialogButtonBox(this);
    if (approve) {
        QPushButton *send = buttons->addButton(tr("Send"), QDialogButtonBox::AcceptRole);
        buttons->addButton(QDialogButtonBox::Cancel);
        send->setDefault(true);
    } else {
        buttons->addButton(QDialogButtonBox::Close);
    }
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    // About 90 columns by 26 lines of the request, within the screen's free area.
    QSize wanted(fm.horizontalAdvance(QLatin1Char('x')) * 90 + 60,
                 fm.lineSpacing() * 26 + sizeHint().height() - m_request->sizeHint().height());
    const QScreen *screen = parent ? parent->screen() : this->screen();
    if (screen)
        wanted = wanted.boundedTo(screen->availableSize() * 0.9);
    resize(wanted.expandedTo(minimumSizeHint()));
    m_request->setFocus();
}

} // namespace cl
