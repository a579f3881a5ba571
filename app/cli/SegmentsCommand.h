// CLI subcommand `segments`: response rates by segment from the workspace's silver table.
#pragma once

#include "CliCommon.h"
#include "segments/SegmentResult.h"

namespace cl::cli {

/**
 * `segments --by COL[,COL[,COL]] [--filter COL=V1,V2]... [--min-n 30]
 *  [--rank wilson|raw|bayes] [--top N] [--format table|csv|json] [--workspace PATH]
 *  [--dataset ID]`
 *
 * Loads the dataset (default: the latest in the workspace) into a DataFrame, runs the
 * segment engine and prints the result to io.out; reasons for failure go to io.err.
 * Returns 0 on success, 2 for a usage error, 1 when the workspace, dataset or query fails.
 */
int runSegments(Args args, Io &io);

/// Prints a segmentation as `segments` does (table, csv or json; the top N rows, 0 = all).
int printSegments(const SegmentResult &result, const QString &format, int top, Io &io);

/// Usage text of the subcommand, for the dispatcher's --help.
extern const char *const kSegmentsUsage;

} // namespace cl::cli
