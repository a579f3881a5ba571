// CLI subcommands `model` (fit, validate, store a propensity model) and `score` (targeting list).
#pragma once

#include "CliCommon.h"

namespace cl::cli {

/**
 * `model [--workspace PATH] [--dataset ID] [--exclude COL,...] [--include COL,...]
 *  [--reference COL=LEVEL]... [--split time|random] [--seed S] [--l2 L] [--threshold T]
 *  [--format table|json]`
 *
 * Fits the logistic propensity model on the dataset (default: the latest), validates it on
 * held-out rows, stores the run and every client's score in the workspace and prints the
 * coefficients, fit statistics, diagnostics and held-out metrics.
 * Returns 0 on success, 2 for a usage error, 1 when loading or fitting fails.
 */
int runModelCommand(Args args, Io &io);

/**
 * `score [--workspace PATH] [--dataset ID] [--run ID] --top 20%|N --out FILE.csv
 *  [--columns a,b,c]`
 *
 * Writes the best-scored clients of a stored model run (default: the latest run of the
 * dataset) as CSV. Returns 0 on success, 2 for a usage error, 1 otherwise.
 */
int runScoreCommand(Args args, Io &io);

/**
 * `runs [--workspace PATH] [--dataset ID]`: the stored model runs of the dataset, newest first,
 * with split, held-out AUC and which one score, report and chat use by default.
 */
int runRunsCommand(Args args, Io &io);

/// Usage text of the model subcommands, for the dispatcher's --help.
extern const char *const kModelUsage;

} // namespace cl::cli
