// CLI subcommand `report`: the executive report of a dataset as Markdown and PDF.
#pragma once

#include "CliCommon.h"

namespace cl::cli {

/**
 * `report [--workspace PATH] [--dataset ID] [--out DIR] [--lang en|nb] [--no-ai]
 *  [--format md,pdf]`
 *
 * Builds the report of the dataset (default: the latest) and writes
 * `<out>/<dataset>-<timestamp>/report.md` (with chart PNGs) and/or `report.pdf`; prints the
 * paths to io.out. No AI endpoint exists yet: without --no-ai a notice goes to io.err and the
 * AI sections are rule-based (labelled so). Needs a QGuiApplication (fonts, PDF).
 * Returns 0 on success, 2 for a usage error, 1 when the workspace, dataset or export fails.
 */
int runReport(Args args, Io &io);

/// Usage text of the subcommand, for the dispatcher's --help.
extern const char *const kReportUsage;

} // namespace cl::cli
