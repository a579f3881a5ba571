// DemoDataGenerator: synthetic, deterministic demo data in the format of bank-additional-full.csv.
#pragma once

#include "util/Progress.h"

#include <QString>
#include <QStringList>
#include <QtGlobal>

class QIODevice;

namespace cl {

/// What to generate.
struct DemoOptions
{
    /// Data rows (the header line not counted); the real file has 41,188. 0 writes the header
    /// only; negative or above maxRows() is refused.
    qint64 rows = 41188;
    /// Seed of the generator's own PRNG: the same seed and row count give the same bytes on
    /// every platform and standard library.
    quint64 seed = 20080501;
};

/**
 * Writes synthetic client contacts with exactly the schema and file format of the UCI
 * bank-additional-full.csv: the same 21 columns in the same order, `;`-separated, text fields
 * in double quotes, numbers unquoted, CRLF line ends, the same category levels, `pdays` 999 for
 * clients never contacted before. Rows run in date order through the 26 month-periods of the
 * real file (May 2008 to Nov 2010) with their macro-economic figures.
 *
 * Marginal distributions, a few conditional ones (job and marital status by age band, education
 * by job) and a logistic model of `y` are carried over as aggregate figures from the real file
 * (see scripts/demo_calibration.py and DemoCalibration.h); no real row is reproduced. The data
 * is labelled by datasetName() wherever it is shown.
 *
 * Stateless: all functions are static and may run on any thread concurrently.
 */
class DemoDataGenerator
{
public:
    /// The label under which the demo data is shown: it must never pass for real data.
    static QString datasetName();
    /// Suggested file name for the generated file.
    static QString fileName();
    /// The 21 column names, in file order.
    static QStringList columnNames();
    /// Largest row count accepted (keeps the integer arithmetic of the generator exact).
    static constexpr qint64 maxRows() { return 1'000'000'000; }

    /**
     * Writes the header and options.rows data rows to @p out, which must be open for writing.
     * @p progress is called every few thousand rows; returning false cancels.
     * @return false when cancelled, when the options are invalid or a write failed
     *         (@p error, if given, then says why); what was written so far stays in @p out.
     */
    static bool write(QIODevice &out, const DemoOptions &options = {},
                      const ProgressCallback &progress = {}, QString *error = nullptr);

    /**
     * Writes the demo data to the file @p path atomically (QSaveFile): on failure or cancel
     * an earlier file at @p path is left as it was and no partial file remains.
     */
    static bool writeFile(const QString &path, const DemoOptions &options = {},
                          const ProgressCallback &progress = {}, QString *error = nullptr);
};

} // namespace cl
