// What a view's numbers mean in plain words, with the technical statement one click away.
#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace cl {

/**
 * Plain words on top of a view (rich text, word-wrapped), a "Technical detail" button beside
 * them and, when it is on, the same figures with their technical names underneath. The parts are
 * named `<prefix>PlainWords`, `<prefix>TechnicalToggle` and `<prefix>TechnicalWords`. Each part
 * hides while it has nothing to say. GUI thread only; owned by its parent.
 */
class PlainWordsPanel : public QWidget
{
    Q_OBJECT
public:
    PlainWordsPanel(const QString &prefix, const QString &toggleToolTip, QWidget *parent = nullptr);

    void setWords(const QString &plain, const QString &technical);
    QString plainText() const;
    QString technicalText() const;

private:
    void updateVisibility();

    QLabel *m_plain;
    QToolButton *m_toggle;
    QLabel *m_technical;
};

} // namespace cl
