// CLI subcommands of the foundation: import, demo, info.
#pragma once

#include "CliCommon.h"

namespace cl::cli {

/// `import FILE [--workspace PATH] [--name N] [--map COLUMN=ROLE]... [--strict] ...`
int runImport(Args args, Io &io);
/// `demo [--rows N] [--seed S] [--workspace PATH]`: generates and imports the demo data.
int runDemo(Args args, Io &io);
/// `info [--workspace PATH] [--dataset ID]`: datasets with their counts, or one's quality.
int runInfo(Args args, Io &io);

} // namespace cl::cli
