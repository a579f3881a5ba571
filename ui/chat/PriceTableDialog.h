// Edits the per-model token prices: model, input $ and output $ per million tokens.
#pragma once

#include "llm/PriceTable.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace cl {

/**
 * A table of model / input $ per 1M tokens / output $ per 1M tokens, with Add, Remove and
 * Defaults. Accept checks that every row has a model name (once) and two non-negative numbers.
 * A model matches its exact row, else the longest row that prefixes it (see PriceTable).
 *
 * Thread affinity: GUI thread.
 */
class PriceTableDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PriceTableDialog(const PriceTable &prices, QWidget *parent = nullptr);

    /// The table as edited; call after accept (rows that do not parse are left out).
    PriceTable priceTable() const;
    /// The editable table (columns: model, input, output).
    QTableWidget *table() const { return m_table; }

protected:
    void done(int result) override;

private:
    void fill(const PriceTable &prices);
    /// Empty when every row is valid, else what is wrong.
    QString problem() const;

    QTableWidget *m_table = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace cl
