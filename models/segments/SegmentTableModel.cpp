// SegmentTableModel: formatted cells, numeric sort role and tooltips over a SegmentResult.
#include "SegmentTableModel.h"

#include "SegmentFormatter.h"
#include "util/NumberText.h"

namespace cl {

namespace {

/// Columns after the dimension columns.
enum Tail
{
    Clients,
    Yes,
    Rate,
    CiLow,
    CiHigh,
    Lift,
    Share,
    BayesRate,
    Flag,
    TailCount
};

} // namespace

SegmentTableModel::SegmentTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void SegmentTableModel::setResult(const SegmentResult &result)
{
    beginResetModel();
    m_result = result;
    endResetModel();
}

const SegmentRow *SegmentTableModel::segmentAt(int row) const
{
    return row >= 0 && size_t(row) < m_result.rows.size() ? &m_result.rows[size_t(row)] : nullptr;
}

int SegmentTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_result.rows.size());
}

int SegmentTableModel::columnCount(const QModelIndex &parent) const
{
    // No columns before a result, so views show nothing rather than bare headers.
    if (parent.isValid() || !m_result.ok)
        return 0;
    return 1 + dimensions() + TailCount;
}

QVariant SegmentTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SegmentRow &r = m_result.rows[size_t(index.row())];
    const int column = index.column();
    // The user's locale, as the charts and the summary format it ("6,665" in all three).
    const NumberText t = NumberText::forLocale();
    const auto percent = [&t](double fraction) { return t.percent(fraction, 2); };
    if (role == Qt::ToolTipRole) {
        return QStringLiteral("%1: %2 of %3 clients (%4, 95% CI %5 to %6)%7")
            .arg(SegmentFormatter::segmentName(r), t.count(r.subscribers), t.count(r.clients),
                 percent(r.rate), percent(r.wilsonLow), percent(r.wilsonHigh))
            .arg(r.small ? QStringLiteral("; fewer than %1 clients").arg(m_result.query.minN)
                         : QString());
    }
    if (column == 0) {
        if (role == Qt::DisplayRole || role == SortRole)
            return r.rank;
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (column <= dimensions()) {
        if (role == Qt::DisplayRole || role == SortRole)
            return r.labels.value(column - 1);
        return {};
    }
    const int tail = column - 1 - dimensions();
    if (role == Qt::TextAlignmentRole)
        return int((tail == Flag ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool display = role == Qt::DisplayRole;
    switch (tail) {
    case Clients:
        return display ? QVariant(t.count(r.clients)) : QVariant(r.clients);
    case Yes:
        return display ? QVariant(t.count(r.subscribers)) : QVariant(r.subscribers);
    case Rate:
        return display ? QVariant(percent(r.rate)) : QVariant(r.rate);
    case CiLow:
        return display ? QVariant(percent(r.wilsonLow)) : QVariant(r.wilsonLow);
    case CiHigh:
        return display ? QVariant(percent(r.wilsonHigh)) : QVariant(r.wilsonHigh);
    case Lift:
        return display ? QVariant(t.number(r.lift, 2)) : QVariant(r.lift);
    case Share:
        return display ? QVariant(percent(r.share)) : QVariant(r.share);
    case BayesRate:
        return display ? QVariant(percent(r.bayesRate)) : QVariant(r.bayesRate);
    case Flag:
        return display ? QVariant(r.small ? QStringLiteral(
                                                QT_TRANSLATE_NOOP("cl::SegmentTableModel", "small"))
                                          : QString())
                       : QVariant(r.small);
    default:
        return {};
    }
}

QVariant SegmentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= columnCount())
        return {};
    if (section == 0)
        return QStringLiteral(QT_TRANSLATE_NOOP("cl::SegmentTableModel", "rank"));
    if (section <= dimensions())
        return m_result.query.by.value(section - 1);
    static const char *const kNames[TailCount] = {
        // English here (CLI, exports); the GUI's proxy shows them translated.
        QT_TRANSLATE_NOOP("cl::SegmentTableModel", "clients"),
        QT_TRANSLATE_NOOP("cl::SegmentTableModel", "yes"),
        QT_TRANSLATE_NOOP("cl::SegmentTableModel", "rate"),
        QT_TRANSLATE_NOOP("cl::SegmentTableModel", "CI low"),
        QT_TRANSLATE_NOOP("cl::SegmentTableModel", "CI high"),
        QT_TRANSLATE_NOOP("cl::SegmentTableModel", "lift"),
        QT_TRANSLATE_NOOP("cl::SegmentTableModel", "share"),
        QT_TRANSLATE_NOOP("cl::SegmentTableModel", "EB rate"),
        QT_TRANSLATE_NOOP("cl::SegmentTableModel", "flag")};
    return QString::fromLatin1(kNames[section - 1 - dimensions()]);
}

} // namespace cl
