// MessageText: the catalogue of English templates and their matching for the GUI.
#include "MessageText.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <vector>

namespace cl {

namespace {

constexpr unsigned arg(int n)
{
    return 1u << n;
}

/// A template, the arguments shown translated when they are catalogued texts (`texts`), those
/// that are numbers written in C-locale format (`numbers`), and line numbers (`lines`: digits
/// only, shown as they are), as bit masks of arg().
struct Entry
{
    Message message;
    const char *text;
    unsigned texts = 0;
    unsigned numbers = 0;
    unsigned lines = 0;
};

// In enum order (checked below). Stored runs keep these texts: change one only together with
// the stored runs that hold it (it would no longer be found and would be shown in English).
constexpr Entry kEntries[] = {
    {Message::PostCallNote,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "%1 is known only after the call: this model cannot rank clients before "
                       "calling them, and its held-out figures are not what targeting would "
                       "reach")},
    {Message::MissingRowsNote,
     QT_TRANSLATE_NOOP("cl::MessageText", "%1 rows with a missing value in a used column left out"),
     0, arg(1)},
    {Message::RareLevelNote,
     QT_TRANSLATE_NOOP("cl::MessageText", "%1=%2: %3 rows (%4% of the rows, under %5%), merged "
                                          "into the reference level %6"),
     0, arg(3) | arg(4) | arg(5)},
    {Message::OneOutcomeLevelNote,
     QT_TRANSLATE_NOOP("cl::MessageText", "%1=%2: all %3 rows are %4, merged into the reference "
                                          "level %5 (alone its coefficient would go to %6 "
                                          "infinity)"),
     arg(4) | arg(6), arg(3)},
    {Message::DurationReason,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "known only after the call; it predicts the outcome by itself, so a "
                       "targeting model cannot use it")},
    {Message::CampaignReason,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "counts this campaign's calls up to the last one, so it is known only "
                       "when the campaign is over (calls stop once a client says yes); a "
                       "targeting model, which ranks clients before calling them, cannot use "
                       "it")},
    {Message::PdaysReason,
     QT_TRANSLATE_NOOP("cl::MessageText", "missing for clients never contacted before; poutcome "
                                          "carries that information")},
    {Message::PreviouslyContactedReason,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "the same clients as poutcome other than nonexistent; poutcome says more, "
                       "and the two side by side gave contradicting odds ratios")},
    {Message::PreviousReason,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "counts the contacts before this campaign, and poutcome already says "
                       "whether there were any (previous 0 is poutcome nonexistent): side by "
                       "side the model could not tell their effects apart")},
    {Message::EconomicIndicatorReason,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "moves so closely with euribor3m and the other monthly economic "
                       "indicators that the model could not tell their effects apart; euribor3m "
                       "stands for the economic climate")},
    {Message::AgeBandReason,
     QT_TRANSLATE_NOOP("cl::MessageText", "derived from age, which is used as a number")},
    {Message::NotSelectedReason, QT_TRANSLATE_NOOP("cl::MessageText", "not selected")},
    {Message::ExcludedByUserReason, QT_TRANSLATE_NOOP("cl::MessageText", "excluded by the user")},
    {Message::FewerThanTwoLevelsReason,
     QT_TRANSLATE_NOOP("cl::MessageText", "fewer than two levels")},
    {Message::NoColumnError, QT_TRANSLATE_NOOP("cl::MessageText", "no column '%1' in the data")},
    {Message::BadReferenceLevelError,
     QT_TRANSLATE_NOOP("cl::MessageText", "reference level '%1' is not a level of column '%2'")},
    {Message::TooManyRowsError, QT_TRANSLATE_NOOP("cl::MessageText", "more than %1 rows"), 0,
     arg(1)},
    {Message::NoCompleteRowsError,
     QT_TRANSLATE_NOOP("cl::MessageText", "no rows without missing values")},
    {Message::StandardisedFromCountsError,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "standardised numbers (and an L2 penalty) need the rows, not only counts")},
    {Message::NoFrameError,
     QT_TRANSLATE_NOOP("cl::MessageText", "the design has no frame to read")},
    {Message::EmptyDesignError,
     QT_TRANSLATE_NOOP("cl::MessageText", "empty design, or no intercept first")},
    {Message::OneClassError,
     QT_TRANSLATE_NOOP("cl::MessageText", "the outcome has one class only in these rows")},
    {Message::SeparatedError,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "The outcome is separated by %1; maximum-likelihood estimates do not "
                       "exist. Merge or drop the level, or use an L2 penalty."),
     arg(1)},
    {Message::SingularError,
     QT_TRANSLATE_NOOP("cl::MessageText", "the information matrix is singular")},
    {Message::QuasiSeparationError,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "Quasi-complete separation: %1 rows are predicted perfectly in the limit, "
                       "and the coefficients of %2 diverge; maximum-likelihood estimates do not "
                       "exist. Drop or merge the terms named, or use an L2 penalty."),
     arg(2), arg(1)},
    {Message::RollingOrderError,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "a rolling-origin validation needs the rows in date order, and these are "
                       "not (the month changes %1 times in %2 rows): use a random split"),
     0, arg(1) | arg(2)},
    {Message::EarlierModelError,
     QT_TRANSLATE_NOOP("cl::MessageText", "the model before %1 could not be fitted: %2"), arg(2)},
    {Message::EmptySplitError,
     QT_TRANSLATE_NOOP("cl::MessageText", "the split leaves no training or no test rows")},
    {Message::NotStoredError,
     QT_TRANSLATE_NOOP("cl::MessageText", "the model was fitted but not stored: %1")},
    {Message::Cancelled, QT_TRANSLATE_NOOP("cl::MessageText", "cancelled")},
    {Message::ConvergedMessage, QT_TRANSLATE_NOOP("cl::MessageText", "converged in %1 iterations"),
     0, arg(1)},
    {Message::NotConvergedMessage,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "not converged after %1 iterations (largest score component %2)"),
     0, arg(1)},
    {Message::ConvergedStatus, QT_TRANSLATE_NOOP("cl::MessageText", "converged")},
    {Message::NotConvergedStatus, QT_TRANSLATE_NOOP("cl::MessageText", "not converged")},
    {Message::SeparationStatus, QT_TRANSLATE_NOOP("cl::MessageText", "separation")},
    {Message::FailedStatus, QT_TRANSLATE_NOOP("cl::MessageText", "failed")},
    {Message::LevelSeparation,
     QT_TRANSLATE_NOOP("cl::MessageText", "%1: all %2 rows are %3 (quasi-complete separation; "
                                          "its coefficient goes to %4 infinity)"),
     arg(3) | arg(4), arg(2)},
    {Message::ThresholdSeparation,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "%1: a threshold splits subscribers from non-subscribers (%2 separation)"),
     arg(2)},
    {Message::ReferenceSeparation,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "%1=%2 (the reference level): all %3 rows are %4 (quasi-complete "
                       "separation; the other levels' coefficients go to %5 infinity)"),
     arg(4) | arg(5), arg(3)},
    {Message::DivergingRows,
     QT_TRANSLATE_NOOP("cl::MessageText", "%1 rows (%2 subscribers, %3 non-subscribers) are "
                                          "predicted ever more surely along %4"),
     arg(4), arg(1) | arg(2) | arg(3)},
    {Message::AliasedConstant, QT_TRANSLATE_NOOP("cl::MessageText", "= 0 (constant)")},
    {Message::UnstableOne,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "%1 moves so closely with the other predictors (VIF %2; above %3 an "
                       "effect cannot be read on its own) that its odds ratio is unstable: "
                       "adding or leaving out a related column can change its size or even its "
                       "direction. Read them together, or leave all but one of a related group "
                       "out."),
     0, arg(2) | arg(3)},
    {Message::UnstableMany,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "%1 and %2 move so closely with the other predictors (VIF %3; above %4 an "
                       "effect cannot be read on its own) that their odds ratios are unstable: "
                       "adding or leaving out a related column can change each one's size or "
                       "even its direction. Read them together, or leave all but one of a "
                       "related group out."),
     0, arg(4)},
    {Message::BuildingDesignPhase,
     QT_TRANSLATE_NOOP("cl::MessageText", "building the design matrix")},
    {Message::CheckingColumnsPhase, QT_TRANSLATE_NOOP("cl::MessageText", "checking columns")},
    {Message::IterationPhase,
     QT_TRANSLATE_NOOP("cl::MessageText", "iteration %1, log-likelihood %2"), 0, arg(1) | arg(2)},
    {Message::ScoringPhase, QT_TRANSLATE_NOOP("cl::MessageText", "scoring every client")},
    {Message::DonePhase, QT_TRANSLATE_NOOP("cl::MessageText", "done")},
    {Message::DemoDatasetName,
     QT_TRANSLATE_NOOP("cl::MessageText", "Synthetic demo data (bank-additional-full schema)")},
    {Message::LoadingDataPhase, QT_TRANSLATE_NOOP("cl::MessageText", "loading the data")},
    {Message::NoDatasetError, QT_TRANSLATE_NOOP("cl::MessageText", "no dataset %1 in %2")},
    {Message::NoDatasetColumnError,
     QT_TRANSLATE_NOOP("cl::MessageText", "no column '%1' in dataset %2")},
    {Message::NoTargetColumnError,
     QT_TRANSLATE_NOOP("cl::MessageText", "dataset %1 has no target column")},
    {Message::UnreadableDatasetError,
     QT_TRANSLATE_NOOP("cl::MessageText", "dataset %1 could not be read")},
    {Message::SegmentDimensionsError,
     QT_TRANSLATE_NOOP("cl::MessageText", "segment by 1 to %1 columns, not %2")},
    {Message::NoSegmentColumnError,
     QT_TRANSLATE_NOOP("cl::MessageText", "no column '%1' (categorical columns: %2)")},
    {Message::NumericSegmentColumnError,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "column '%1' is numeric; segment by a categorical column (%2)")},
    {Message::ColumnTwiceError, QT_TRANSLATE_NOOP("cl::MessageText", "column '%1' named twice")},
    {Message::NoSuchValueError,
     QT_TRANSLATE_NOOP("cl::MessageText", "'%1' is no value of '%2' (values: %3)")},
    {Message::NoRowsPassWarning, QT_TRANSLATE_NOOP("cl::MessageText", "no rows pass the filters")},
    {Message::ImportCheckingKnownPhase,
     QT_TRANSLATE_NOOP("cl::MessageText", "Checking whether the file is known")},
    {Message::ImportWaitingPhase,
     QT_TRANSLATE_NOOP("cl::MessageText", "Waiting for another import into the workspace")},
    {Message::ImportingPhase, QT_TRANSLATE_NOOP("cl::MessageText", "Importing %1")},
    {Message::ImportQualityPhase,
     QT_TRANSLATE_NOOP("cl::MessageText", "Writing the quality summary")},
    {Message::ImportJournalPhase,
     QT_TRANSLATE_NOOP("cl::MessageText", "Writing the journal into the workspace")},
    {Message::ImportDonePhase, QT_TRANSLATE_NOOP("cl::MessageText", "Done")},
    {Message::EmptyLineReason, QT_TRANSLATE_NOOP("cl::MessageText", "empty line")},
    {Message::UnterminatedQuoteReason,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "unterminated quoted field: a quote opened on this line is never closed "
                       "(the file ends inside it, or the line follows such a quote); this line "
                       "is rejected and the import goes on with the next line")},
    {Message::RunawayQuoteReason,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "a quoted field that starts on this line is still open after %1 MB: is "
                       "a closing quote missing? This line is rejected and the import goes on "
                       "with the next line"),
     0, arg(1)},
    {Message::LineTooLongReason,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "this line is longer than %1 MB; it is rejected and the import goes on "
                       "with the next line"),
     0, arg(1)},
    {Message::TooManyLevelsReason,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "column '%1' has more than %2 distinct values, too many for a category "
                       "(a name or an identifier?); nothing was imported: remove the column from "
                       "the file and import it again"),
     0, arg(2)},
    {Message::InvalidUtf8Reason,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "invalid UTF-8 byte sequence (try --encoding windows-1252)")},
    {Message::NulByteReason,
     QT_TRANSLATE_NOOP("cl::MessageText", "NUL byte in the record (binary data, not text)")},
    {Message::FieldCountReason,
     QT_TRANSLATE_NOOP("cl::MessageText", "expected %1 fields, found %2"), 0, arg(1) | arg(2)},
    {Message::EmptyTargetReason,
     QT_TRANSLATE_NOOP("cl::MessageText", "target column '%1' is empty")},
    {Message::BadTargetReason,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "target column '%1' has '%2', expected yes/no, 1/0 or true/false")},
    {Message::NaNReason,
     QT_TRANSLATE_NOOP("cl::MessageText", "column '%1': '%2' is not a number (leave the cell "
                                          "empty, or write NA, for a missing value)")},
    {Message::InfiniteReason,
     QT_TRANSLATE_NOOP("cl::MessageText", "column '%1': '%2' is not a finite number")},
    {Message::NotNumberReason,
     QT_TRANSLATE_NOOP("cl::MessageText", "column '%1': '%2' is not a number")},
    {Message::OutOfRangeReason,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "column '%1': %2 is outside the plausible range %3 to %4"),
     0, arg(3) | arg(4)},
    {Message::NotWholeReason,
     QT_TRANSLATE_NOOP("cl::MessageText", "column '%1': %2 is not a whole number")},
    {Message::FileProblem, QT_TRANSLATE_NOOP("cl::MessageText", "%1: %2"), arg(2)},
    {Message::FileLineProblem, QT_TRANSLATE_NOOP("cl::MessageText", "%1:%2: %3"), arg(3), 0,
     arg(2)},
    {Message::LineProblem, QT_TRANSLATE_NOOP("cl::MessageText", "line %1: %2"), arg(2), 0, arg(1)},
    {Message::CannotStartWritingError,
     QT_TRANSLATE_NOOP("cl::MessageText", "%1: cannot start writing to the workspace: %2")},
    {Message::ImportBusyError,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "%1: another import is running on %2 (or another command is writing to "
                       "it)%3; run this import again when it has finished"),
     arg(3)},
    {Message::ImportWaitedWord,
     QT_TRANSLATE_NOOP("cl::MessageText", " and did not finish within %1 s"), 0, arg(1)},
    {Message::WorkspaceNotOpenError,
     QT_TRANSLATE_NOOP("cl::MessageText", "%1: the workspace is not open")},
    {Message::AgeBandsError,
     QT_TRANSLATE_NOOP("cl::MessageText", "age band edges must be ascending and distinct")},
    {Message::CannotCreateTablesError,
     QT_TRANSLATE_NOOP("cl::MessageText", "%1: cannot create tables: %2")},
    {Message::WriteFailedError,
     QT_TRANSLATE_NOOP("cl::MessageText", "%1: writing to the workspace failed: %2")},
    {Message::NoDataRowsError,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "%1: no data rows could be read (%2 rejected; the first, %3)"),
     arg(3), arg(2)},
    {Message::CommitFailedError, QT_TRANSLATE_NOOP("cl::MessageText", "%1: commit failed: %2")},
    {Message::CannotOpenError, QT_TRANSLATE_NOOP("cl::MessageText", "%1: cannot open: %2")},
    {Message::CannotReadError, QT_TRANSLATE_NOOP("cl::MessageText", "%1: cannot read: %2")},
    {Message::ReadError, QT_TRANSLATE_NOOP("cl::MessageText", "%1: read error: %2")},
    {Message::StoppedBeforeEndError,
     QT_TRANSLATE_NOOP("cl::MessageText", "%1: reading was stopped before the end")},
    {Message::FileChangedError,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "%1: the file changed while it was being imported (%2 bytes at the start, "
                       "%3 read, %4 hashed, %5 now; modified %6%7); nothing was imported: import "
                       "it again once it is complete"),
     arg(7), arg(2) | arg(3) | arg(4) | arg(5)},
    {Message::AnotherFileWord,
     QT_TRANSLATE_NOOP("cl::MessageText", "; another file is now at its path")},
    {Message::Sha256Error,
     QT_TRANSLATE_NOOP("cl::MessageText", "%1: cannot read the file to compute its SHA-256")},
    {Message::NoColumnsError, QT_TRANSLATE_NOOP("cl::MessageText", "no columns found")},
    {Message::BinaryFileError,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "binary data (a NUL byte at offset %1), not a CSV text file"),
     0, arg(1)},
    {Message::HeaderTooLongError,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "the header (the first record) is longer than %1 KB, the most the import "
                       "reads to find the columns and the format; is this a CSV file?"),
     0, arg(1)},
    {Message::HeaderQuoteNotClosedError,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "the header (the first record) has a quote that is never closed: is a "
                       "closing quote missing?")},
    {Message::EmptyFileError, QT_TRANSLATE_NOOP("cl::MessageText", "the file is empty")},
    {Message::UnknownMappingError,
     QT_TRANSLATE_NOOP("cl::MessageText", "a column mapping names '%1', which is not a column "
                                          "of the file (columns: %2)")},
    {Message::NoTargetError,
     QT_TRANSLATE_NOOP("cl::MessageText",
                       "no target column: none of the columns (%1) looks like the outcome (y, "
                       "subscribed, target, response, ...)%2"),
     arg(2)},
    {Message::MapTargetHint,
     QT_TRANSLATE_NOOP("cl::MessageText", "; name it with --map COLUMN=target")},
    {Message::MappedByUserNote, QT_TRANSLATE_NOOP("cl::MessageText", "mapped by the user")},
    {Message::ReadAsNote, QT_TRANSLATE_NOOP("cl::MessageText", "'%1' read as %2")},
    {Message::SubscribersWord, QT_TRANSLATE_NOOP("cl::MessageText", "subscribers")},
    {Message::NonSubscribersWord, QT_TRANSLATE_NOOP("cl::MessageText", "non-subscribers")},
    {Message::MinusWord, QT_TRANSLATE_NOOP("cl::MessageText", "minus")},
    {Message::PlusWord, QT_TRANSLATE_NOOP("cl::MessageText", "plus")},
    {Message::CompleteWord, QT_TRANSLATE_NOOP("cl::MessageText", "complete")},
    {Message::QuasiCompleteWord, QT_TRANSLATE_NOOP("cl::MessageText", "quasi-complete")},
    {Message::OneTermWord, QT_TRANSLATE_NOOP("cl::MessageText", "one term")},
    {Message::TermCountWord, QT_TRANSLATE_NOOP("cl::MessageText", "%1 terms"), 0, arg(1)},
    {Message::TheInterceptWord, QT_TRANSLATE_NOOP("cl::MessageText", "the intercept")},
};

static_assert(std::size(kEntries) == size_t(Message::Count), "one entry per Message");

constexpr bool inEnumOrder()
{
    for (size_t i = 0; i < std::size(kEntries); ++i)
        if (size_t(kEntries[i].message) != i)
            return false;
    return true;
}
static_assert(inEnumOrder(), "kEntries in the order of Message");

/// A template as an anchored pattern: its placeholders as captures, in the order they appear.
struct Pattern
{
    const Entry *entry = nullptr;
    QRegularExpression re;
    std::vector<int> args; ///< the placeholder number of each capture
    qsizetype literal = 0; ///< characters outside the placeholders: more is more specific
};

const std::vector<Pattern> &patterns()
{
    static const std::vector<Pattern> built = [] {
        const QRegularExpression placeholder(QStringLiteral("%(\\d)"));
        std::vector<Pattern> out;
        for (const Entry &e : kEntries) {
            const QString text = QString::fromUtf8(e.text);
            Pattern p;
            p.entry = &e;
            QString re = QStringLiteral("\\A");
            qsizetype from = 0;
            for (auto it = placeholder.globalMatch(text); it.hasNext();) {
                const QRegularExpressionMatch m = it.next();
                re += QRegularExpression::escape(text.mid(from, m.capturedStart() - from));
                const int n = m.captured(1).toInt();
                re += (e.lines & arg(n)) ? QStringLiteral("(\\d+)") : QStringLiteral("(.*?)");
                p.args.push_back(n);
                p.literal += m.capturedStart() - from;
                from = m.capturedEnd();
            }
            re += QRegularExpression::escape(text.mid(from)) + QStringLiteral("\\z");
            p.literal += text.size() - from;
            p.re.setPattern(re);
            p.re.setPatternOptions(QRegularExpression::DotMatchesEverythingOption);
            out.push_back(std::move(p));
        }
        // The most literal text first: "%1 terms" must not take what a longer template fits.
        std::stable_sort(out.begin(), out.end(),
                         [](const Pattern &a, const Pattern &b) { return a.literal > b.literal; });
        return out;
    }();
    return built;
}

/// A number as the C locale wrote it ("41188", "4.2", "-1234.5678"), in the GUI locale's format.
QString shownNumber(const QString &c)
{
    static const QRegularExpression plain(QStringLiteral("\\A-?\\d+(\\.(\\d+))?\\z"));
    const QRegularExpressionMatch m = plain.match(c);
    if (!m.hasMatch())
        return c;
    const QLocale locale;
    if (!m.hasCaptured(1))
        return locale.toString(c.toLongLong());
    return locale.toString(c.toDouble(), 'f', int(m.capturedLength(2)));
}

/// `text` with each %N replaced by args[N] in one pass (an argument holding "%2" stays as it is).
QString fill(const QString &text, const QHash<int, QString> &args)
{
    static const QRegularExpression placeholder(QStringLiteral("%(\\d)"));
    QString out;
    qsizetype from = 0;
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(from, m.capturedStart() - from);
        const int n = m.captured(1).toInt();
        out += args.contains(n) ? args.value(n) : m.captured(0);
        from = m.capturedEnd();
    }
    return out + text.mid(from);
}

const Pattern *find(const QString &english, QRegularExpressionMatch *match)
{
    for (const Pattern &p : patterns()) {
        QRegularExpressionMatch m = p.re.match(english);
        if (m.hasMatch()) {
            *match = m;
            return &p;
        }
    }
    return nullptr;
}

} // namespace

QString englishText(Message message)
{
    return QString::fromUtf8(kEntries[size_t(message)].text);
}

QString shownText(const QString &english)
{
    if (english.isEmpty())
        return english;
    QRegularExpressionMatch m;
    const Pattern *p = find(english, &m);
    if (!p)
        return english;
    QHash<int, QString> args;
    for (size_t i = 0; i < p->args.size(); ++i) {
        const int n = p->args[i];
        QString value = m.captured(int(i) + 1);
        if (p->entry->texts & arg(n))
            value = shownText(value);
        else if (p->entry->numbers & arg(n))
            value = shownNumber(value);
        args.insert(n, value);
    }
    return fill(QCoreApplication::translate("cl::MessageText", p->entry->text), args);
}

bool isCatalogued(const QString &english)
{
    QRegularExpressionMatch m;
    const Pattern *p = find(english, &m);
    if (!p)
        return false;
    const Message where = p->entry->message;
    if (where != Message::FileProblem && where != Message::FileLineProblem &&
        where != Message::LineProblem)
        return true;
    // Only says where: catalogued when what it wraps is (its last argument).
    return isCatalogued(m.captured(m.lastCapturedIndex()));
}

} // namespace cl
