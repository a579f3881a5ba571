// Runs a CLI subcommand in-process and captures its exit code, stdout and stderr.
#pragma once

#include "cli/CliCommon.h"

#include <QString>
#include <QStringList>
#include <QTextStream>

namespace cl::test {

struct CliRun
{
    int code = -1;
    QString out;
    QString err;
};

inline CliRun runCli(int (*command)(cl::cli::Args, cl::cli::Io &), const QStringList &args)
{
    CliRun run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    cl::cli::Io io{out, err};
    run.code = command(cl::cli::Args(args), io);
    out.flush();
    err.flush();
    return run;
}

} // namespace cl::test
