// CLI subcommand `ask`: one question to an OpenAI-compatible model, grounded in the dataset.
#pragma once

#include "CliCommon.h"

namespace cl::cli {

/**
 * `ask "question" [--workspace PATH] [--dataset ID] [--base-url URL] [--model M]
 *  [--share aggregates|schema|rows] [--min-group K] [--no-stream] [--evidence] [--json]
 *  [--preview]`
 *
 * Streams the answer to io.out (unless --no-stream or --json), then lists numbers that match
 * nothing computed here ("unverified"); --no-stream prints them marked in place
 * ("11.3%[unverified]"). --evidence prints the tool calls and their results. Token usage and
 * cost go to io.err. --preview prints the first request body and sends nothing. --share (and
 * --min-group) are remembered for the workspace. Runs a local event loop until the answer is
 * complete. Returns 0 on success, 2 for a usage error, 1 when the workspace, the key or the request
 * fails (with the reason on io.err).
 */
int runAsk(Args args, Io &io);

/// Usage text of the subcommand, for the dispatcher's --help.
extern const char *const kAskUsage;

} // namespace cl::cli
