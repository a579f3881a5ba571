// Loading a chat context from the workspace: frame, dataset and remembered sharing settings.
#include "ChatContext.h"

#include "store/FrameLoader.h"
#include "store/Workspace.h"

namespace cl {

std::optional<ChatContext> loadChatContext(Workspace &workspace, qint64 datasetId, QString *error)
{
    const auto info = workspace.dataset(datasetId);
    if (!info) {
        if (error)
            *error = QStringLiteral("no dataset %1 in %2").arg(datasetId).arg(workspace.path());
        return std::nullopt;
    }
    auto frame = loadFrame(workspace, datasetId, error);
    if (!frame)
        return std::nullopt;
    ChatContext c;
    c.workspacePath = workspace.path();
    c.dataset = *info;
    c.frame = std::make_shared<const DataFrame>(std::move(*frame));
    SharingMode mode = SharingMode::Aggregates;
    if (parseSharingMode(workspace.setting(kSharingModeSetting), &mode))
        c.mode = mode;
    bool ok = false;
    const int k = workspace.setting(kSuppressionKSetting).toInt(&ok);
    if (ok && k >= 1)
        c.minGroupSize = k;
    return c;
}

bool rememberSharing(Workspace &workspace, SharingMode mode, int minGroupSize)
{
    return workspace.setSetting(kSharingModeSetting, sharingModeName(mode)) &&
           workspace.setSetting(kSuppressionKSetting, QString::number(minGroupSize));
}

} // namespace cl
