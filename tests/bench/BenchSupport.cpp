// Benchmark helpers: fork/exec/wait4 timing and scaled copies of the reference data.
#include "BenchSupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

namespace cl::bench {

ProcessRun runProcess(const QString &program, const QStringList &args, const QString &stdinFile,
                      const QString &stdoutFile, qint64 addressSpaceBytes)
{
    ProcessRun run;
    std::vector<QByteArray> storage;
    storage.push_back(program.toLocal8Bit());
    for (const QString &a : args)
        storage.push_back(a.toLocal8Bit());
    std::vector<char *> argv;
    for (auto &s : storage)
        argv.push_back(s.data());
    argv.push_back(nullptr);
    const QByteArray in = stdinFile.toLocal8Bit();
    const QByteArray outPath = stdoutFile.toLocal8Bit();

    QElapsedTimer timer;
    timer.start();
    const pid_t pid = fork();
    if (pid == 0) {
        const int devnull = open("/dev/null", O_RDWR);
        const int input = in.isEmpty() ? devnull : open(in.constData(), O_RDONLY);
        const int output = outPath.isEmpty()
                               ? devnull
                               : open(outPath.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(input, 0);
        dup2(output, 1);
        dup2(devnull, 2);
        if (addressSpaceBytes > 0) {
            const struct rlimit limit = {rlim_t(addressSpaceBytes), rlim_t(addressSpaceBytes)};
            setrlimit(RLIMIT_AS, &limit);
        }
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    struct rusage usage = {};
    wait4(pid, &status, 0, &usage);
    run.seconds = double(timer.nsecsElapsed()) / 1e9;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    run.peakRssKb = usage.ru_maxrss;
    return run;
}

QString sqliteImportScript(const QString &csvPath)
{
    return QStringLiteral(R"(PRAGMA page_size=65536;
PRAGMA journal_mode=OFF;
PRAGMA synchronous=OFF;
PRAGMA cache_size=-65536;
CREATE TABLE bank(age INTEGER, job TEXT, marital TEXT, education TEXT, "default" TEXT,
  housing TEXT, loan TEXT, contact TEXT, month TEXT, day_of_week TEXT, duration INTEGER,
  campaign INTEGER, pdays INTEGER, previous INTEGER, poutcome TEXT, emp_var_rate REAL,
  cons_price_idx REAL, cons_conf_idx REAL, euribor3m REAL, nr_employed REAL, y TEXT);
.mode csv
.separator ;
.import --skip 1 %1 bank
)")
        .arg(csvPath);
}

QString referenceFile()
{
    const QString env = qEnvironmentVariable("CL_BENCH_INPUT");
    if (!env.isEmpty())
        return env;
    const QString path =
        QStringLiteral(CL_SHARED_DATA_DIR "/uci-bank-marketing/bank-additional-full.csv");
    return QFileInfo::exists(path) ? path : QString();
}

bool makeScaledCopy(const QString &source, int times, const QString &target)
{
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly))
        return false;
    const QByteArray all = in.readAll();
    const qsizetype headerEnd = all.indexOf('\n') + 1;
    const QByteArray header = all.left(headerEnd);
    QByteArray body = all.mid(headerEnd);
    if (!body.isEmpty() && !body.endsWith('\n'))
        body += "\r\n";
    const qint64 expected = header.size() + qint64(body.size()) * times;
    if (QFileInfo(target).size() == expected)
        return true;
    QFile out(target);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    out.write(header);
    for (int i = 0; i < times; ++i)
        out.write(body);
    return out.size() == expected;
}

} // namespace cl::bench
