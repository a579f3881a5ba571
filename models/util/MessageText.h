// MessageText: the English texts models/ stores and prints that the GUI shows, in one catalogue.
#pragma once

#include <QString>
#include <QStringList>

namespace cl {

/**
 * A text of the catalogue: a note, an exclusion reason, an error, a progress phase or a word
 * filled into one of them. models/ builds its texts from englishText() (with QString::arg), so
 * what it stores with a run or prints in the CLI is English; the GUI shows such a text through
 * shownText(), which finds its template again and words it in the GUI's language.
 */
enum class Message
{
    // Notes of the design (DesignMatrix::notes).
    PostCallNote,
    MissingRowsNote,
    RareLevelNote,
    OneOutcomeLevelNote,
    // Why a column is left out (ExcludedColumn::reason).
    DurationReason,
    CampaignReason,
    PdaysReason,
    PreviouslyContactedReason,
    PreviousReason,
    EconomicIndicatorReason,
    AgeBandReason,
    NotSelectedReason,
    ExcludedByUserReason,
    FewerThanTwoLevelsReason,
    // Errors of the design, the fit, the validation and the fit job.
    NoColumnError,
    BadReferenceLevelError,
    TooManyRowsError,
    NoCompleteRowsError,
    StandardisedFromCountsError,
    NoFrameError,
    EmptyDesignError,
    OneClassError,
    SeparatedError,
    SingularError,
    QuasiSeparationError,
    RollingOrderError,
    EarlierModelError,
    EmptySplitError,
    NotStoredError,
    Cancelled,
    // The fit's outcome (LogisticFit::message) and status (fitStatusName()).
    ConvergedMessage,
    NotConvergedMessage,
    ConvergedStatus,
    NotConvergedStatus,
    SeparationStatus,
    FailedStatus,
    // Separation details (LogisticFit::separation) and an aliased term's combination.
    LevelSeparation,
    ThresholdSeparation,
    ReferenceSeparation,
    DivergingRows,
    AliasedConstant,
    // unstablePredictorsSentence(), for one predictor and for several.
    UnstableOne,
    UnstableMany,
    // Progress phases of a fit.
    BuildingDesignPhase,
    CheckingColumnsPhase,
    IterationPhase,
    ScoringPhase,
    DonePhase,
    // The demo dataset's name (DemoDataGenerator::datasetName()).
    DemoDatasetName,
    // Loading a dataset for a job (FrameLoader, JobData).
    LoadingDataPhase,
    NoDatasetError,
    NoDatasetColumnError,
    NoTargetColumnError,
    UnreadableDatasetError,
    // A segment query (SegmentEngine).
    SegmentDimensionsError,
    NoSegmentColumnError,
    NumericSegmentColumnError,
    ColumnTwiceError,
    NoSuchValueError,
    NoRowsPassWarning,
    // Importing a file: progress phases (DatasetImporter).
    ImportCheckingKnownPhase,
    ImportWaitingPhase,
    ImportingPhase,
    ImportQualityPhase,
    ImportJournalPhase,
    ImportDonePhase,
    // Why a row is rejected (CsvSource, ImportPlan): RejectedRow::reason.
    EmptyLineReason,
    UnterminatedQuoteReason,
    RunawayQuoteReason,
    LineTooLongReason,
    TooManyLevelsReason,
    InvalidUtf8Reason,
    NulByteReason,
    FieldCountReason,
    EmptyTargetReason,
    BadTargetReason,
    NaNReason,
    InfiniteReason,
    NotNumberReason,
    OutOfRangeReason,
    NotWholeReason,
    // Where a problem is: "file: problem", "file:line: problem", "line N: problem".
    FileProblem,
    FileLineProblem,
    LineProblem,
    // Why an import or a file's preview failed (DatasetImporter, CsvSource, DialectDetector,
    // ImportPlan, LayoutMatcher).
    CannotStartWritingError,
    ImportBusyError,
    ImportWaitedWord,
    WorkspaceNotOpenError,
    AgeBandsError,
    CannotCreateTablesError,
    WriteFailedError,
    NoDataRowsError,
    CommitFailedError,
    CannotOpenError,
    CannotReadError,
    ReadError,
    StoppedBeforeEndError,
    FileChangedError,
    AnotherFileWord,
    Sha256Error,
    NoColumnsError,
    BinaryFileError,
    HeaderTooLongError,
    HeaderQuoteNotClosedError,
    EmptyFileError,
    UnknownMappingError,
    NoTargetError,
    MapTargetHint,
    // Why LayoutMatcher gave a column its role.
    MappedByUserNote,
    ReadAsNote,
    // Words filled into the texts above.
    SubscribersWord,
    NonSubscribersWord,
    MinusWord,
    PlusWord,
    CompleteWord,
    QuasiCompleteWord,
    OneTermWord,
    TermCountWord,
    TheInterceptWord,
    Count ///< not a message: the number of them
};

/// The English template of `message` ("%1 rows with a missing value ..."), to fill with arg().
QString englishText(Message message);

/**
 * `english` (a text made from a catalogue template, or any other text) as the GUI shows it:
 * the template it was made from translated (context "cl::MessageText"), with its arguments
 * filled in again; an argument that is itself a catalogued word or text ("subscribers", a fit
 * error inside a validation error) is shown translated, and counts and shares in the GUI
 * locale's format. A text made from no template comes back unchanged. Any thread.
 */
QString shownText(const QString &english);

/**
 * Whether `english` was made from a catalogue template (a note without one fails the tests).
 * A text that only says where ("file: …", "file:line: …", "line N: …") counts when what it
 * wraps does.
 */
bool isCatalogued(const QString &english);

} // namespace cl
