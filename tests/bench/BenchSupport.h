// Benchmark helpers: run a child process, measure its wall time and peak RSS.
#pragma once

#include <QString>
#include <QStringList>

namespace cl::bench {

struct ProcessRun
{
    int exitCode = -1;
    double seconds = 0;
    long peakRssKb = 0; ///< ru_maxrss of the child
};

/// Runs `program args` with stdin from `stdinFile` (may be empty) and stdout/stderr to
/// /dev/null; waits with wait4() to read the child's own peak memory.
ProcessRun runProcess(const QString &program, const QStringList &args,
                      const QString &stdinFile = {});

/// Path of bank-additional-full.csv beside the checkout (or $CL_BENCH_INPUT); empty if absent.
QString referenceFile();

/// Writes a copy of `source` whose data rows are repeated `times` times (header once).
/// Reuses an existing file of the expected size.
bool makeScaledCopy(const QString &source, int times, const QString &target);

} // namespace cl::bench
