// JobData: what a job reads first (its own connection, the dataset record, the frame).
#pragma once

#include "data/DataFrame.h"
#include "store/DatasetInfo.h"
#include "store/Workspace.h"
#include "util/Progress.h"

#include <QString>

#include <memory>
#include <optional>

namespace cl {

/// A job's read-only view of one dataset. The connection belongs to the job's thread.
struct JobData
{
    std::unique_ptr<Workspace> workspace; ///< opened read-only
    DatasetInfo info;
    std::shared_ptr<const DataFrame> frame;
};

/**
 * Opens `workspacePath` read-only and reads dataset `datasetId` with its frame, unless `frame`
 * is given. Empty with `error` on failure, or with `*cancelled` set when `progress` (called
 * once, at 0, before the frame is read) asked to stop.
 */
std::optional<JobData> openJobData(const QString &workspacePath, qint64 datasetId,
                                   std::shared_ptr<const DataFrame> frame,
                                   const ProgressCallback &progress, QString *error,
                                   bool *cancelled);

} // namespace cl
