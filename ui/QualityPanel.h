// Data-quality summary of a dataset: counts, class balance, warnings and per-column figures.
#pragma once

#include "store/DatasetInfo.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace cl {

class PlainWordsPanel;

/**
 * Read-only view of QualitySummary (DatasetInfo::quality). Emits rejectedRowsRequested
 * when the user asks to see the rejected rows.
 * Thread affinity: GUI thread; child widgets owned through Qt parenting.
 */
class QualityPanel : public QWidget
{
    Q_OBJECT
public:
    explicit QualityPanel(QWidget *parent = nullptr);
    void setDataset(const DatasetInfo &dataset);
    void clear();

Q_SIGNALS:
    void rejectedRowsRequested();

private:
    QLabel *m_title = nullptr;
    QLabel *m_synthetic = nullptr;
    QLabel *m_source = nullptr;
    QLabel *m_counts = nullptr;
    PlainWordsPanel *m_words = nullptr; ///< plain words; the warnings one click away
    QPushButton *m_rejectedButton = nullptr;
    QTableWidget *m_columns = nullptr;
};

} // namespace cl
