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
    /// Replaces the line under the title that says where the rows came from (a live
    /// dataset's engine and table, where setDataset() writes the imported file).
    void setSourceText(const QString &text);
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
