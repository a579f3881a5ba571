// JobData: open, find the dataset, load the frame.
#include "JobData.h"

#include "store/FrameLoader.h"
#include "util/MessageText.h"

namespace cl {

std::optional<JobData> openJobData(const QString &workspacePath, qint64 datasetId,
                                   std::shared_ptr<const DataFrame> frame,
                                   const ProgressCallback &progress, QString *error,
                                   bool *cancelled)
{
    *cancelled = false;
    JobData data;
    data.workspace = std::make_unique<Workspace>();
    if (!data.workspace->open(workspacePath, error, Workspace::Access::ReadOnly))
        return std::nullopt;
    const std::optional<DatasetInfo> info = data.workspace->dataset(datasetId);
    if (!info) {
        *error = englishText(Message::NoDatasetError).arg(datasetId).arg(workspacePath);
        return std::nullopt;
    }
    data.info = *info;
    if (!reportProgress(progress, 0, englishText(Message::LoadingDataPhase))) {
        *cancelled = true;
        return std::nullopt;
    }
    data.frame = std::move(frame);
    if (!data.frame) {
        std::optional<DataFrame> loaded = loadFrame(*data.workspace, datasetId, error);
        if (!loaded)
            return std::nullopt;
        data.frame = std::make_shared<const DataFrame>(std::move(*loaded));
    }
    return data;
}

} // namespace cl
