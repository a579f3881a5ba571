// Data-quality summary of a dataset: counts, class balance, warnings and per-column figures.
#pragma once

#include "store/DatasetInfo.h"

#include <QList>
#include <QWidget>

#include <array>

class QGridLayout;
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
    /// A live dataset's summary, counted on its engine: `source` (the engine and table) stands
    /// where setDataset() names the imported file, and the words speak of a table's rows.
    void setLiveDataset(const DatasetInfo &dataset, const QString &source);
    void clear();

Q_SIGNALS:
    void rejectedRowsRequested();

private:
    /// Shows rows of (label, number, remark) in the counts grid.
    void setCountRows(const QList<std::array<QString, 3>> &rows);

    QLabel *m_title = nullptr;
    QLabel *m_synthetic = nullptr;
    QLabel *m_source = nullptr;
    QWidget *m_counts = nullptr; ///< the counts, one row of plain labels each
    QGridLayout *m_countsGrid = nullptr;
    QList<std::array<QLabel *, 3>> m_countLabels;
    PlainWordsPanel *m_words = nullptr; ///< plain words; the warnings one click away
    QPushButton *m_rejectedButton = nullptr;
    QTableWidget *m_columns = nullptr;
};

} // namespace cl
