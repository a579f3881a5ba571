// Shows a chat request exactly as it will be sent: for approval before the first question of a
// session, or as a preview.
#pragma once

#include <QDialog>

class QLabel;
class QPlainTextEdit;

namespace cl {

/**
 * The endpoint, the sharing mode in words and the request body (indented JSON) in a read-only,
 * monospace text area about 90 columns by 26 lines (the screen permitting), wrapped so that the
 * long system prompt reads without scrolling sideways. Approve: Send and Cancel (accepted means
 * "send"); Preview: Close.
 *
 * Thread affinity: GUI thread.
 */
class RequestPreviewDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Purpose
    {
        Approve, ///< The first question of a session: Send or Cancel.
        Preview  ///< What the next question would send: Close.
    };

    /// `endpoint`: the URL posted to; `sharing`: the mode and k in words; `body`: as sent.
    RequestPreviewDialog(Purpose purpose, const QString &endpoint, const QString &sharing,
                         const QByteArray &body, QWidget *parent = nullptr);

    /// The read-only text area holding the request.
    QPlainTextEdit *requestView() const { return m_request; }
    /// The line naming the sharing mode.
    QLabel *sharingLabel() const { return m_sharing; }

private:
    QLabel *m_sharing = nullptr;
    QPlainTextEdit *m_request = nullptr;
};

} // namespace cl
