// What a view's numbers mean in plain words, with the technical statement one click away.
#include "PlainWordsPanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace cl {

namespace {

QLabel *wordsLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

PlainWordsPanel::PlainWordsPanel(const QString &prefix, const QString &toggleToolTip,
                                 QWidget *parent)
    : QWidget(parent), m_plain(wordsLabel(prefix + QStringLiteral("PlainWords"), this)),
      m_toggle(new QToolButton(this)),
      m_technical(wordsLabel(prefix + QStringLiteral("TechnicalWords"), this))
{
    m_toggle->setObjectName(prefix + QStringLiteral("TechnicalToggle"));
    m_toggle->setText(tr("Technical detail"));
    m_toggle->setCheckable(true);
    m_toggle->setToolTip(toggleToolTip);
    auto *row = new QHBoxLayout;
    row->addWidget(m_plain, 1);
    row->addWidget(m_toggle, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_technical);
    connect(m_toggle, &QToolButton::toggled, this, &PlainWordsPanel::updateVisibility);
    updateVisibility();
}

void PlainWordsPanel::setWords(const QString &plain, const QString &technical)
{
    m_plain->setText(plain);
    m_technical->setText(technical);
    updateVisibility();
}

QString PlainWordsPanel::plainText() const
{
    return m_plain->text();
}

QString PlainWordsPanel::technicalText() const
{
    return m_technical->text();
}

void PlainWordsPanel::updateVisibility()
{
    m_plain->setVisible(!m_plain->text().isEmpty());
    m_toggle->setVisible(!m_technical->text().isEmpty());
    m_technical->setVisible(m_toggle->isChecked() && !m_technical->text().isEmpty());
}

} // namespace cl
