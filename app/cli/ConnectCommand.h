// CLI subcommand `connect`: registers a table on a database engine as a live dataset.
#pragma once

#include "CliCommon.h"

#include "segments/SegmentQuery.h"

#include <optional>

#include "store/LiveDatasets.h"

namespace cl::cli {

/**
 * `connect URL --table T | --query SQL [--name N] [--map COLUMN=ROLE]... [--workspace PATH]`
 *
 * Reads the table's columns, roles, levels, counts and fingerprint on the engine, stores them
 * (and the URL without any password) in the workspace and prints the dataset's id and counts.
 * Returns 0 on success, 2 for a usage error, 1 when the engine or the workspace fails.
 */
int runConnect(Args args, Io &io);

/// Usage text of the subcommand, for the dispatcher's --help.
extern const char *const kConnectUsage;

/// `segments` on a live dataset: one GROUP BY on its engine, printed as for a local one.
int runLiveSegments(const LiveDatasetInfo &info, const SegmentQuery &query, const QString &format,
                    int top, Io &io);

/// The live dataset a command works on: the one `--dataset` names, or without it the newest
/// dataset of either kind when that is a live one; none when the command is for a local one.
std::optional<LiveDatasetInfo> chosenLiveDataset(Workspace &ws,
                                                 const std::optional<QString> &datasetText);

/// `info --dataset ID` of a live dataset: what was stored when it was connected, then its
/// quality summary read from the engine. The exit status; nullopt when ID is none.
std::optional<int> printLiveDataset(Workspace &ws, qint64 id, Io &io);

/// The live datasets' lines of `info`: "  id  name  [live postgresql: table T]  rows yes".
void printLiveDatasets(Workspace &ws, Io &io);

} // namespace cl::cli
