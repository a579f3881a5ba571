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

ProcessRun runProcess(const QString &program, const QStringList &args, const QString &stdinFile)
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

    QElapsedTimer timer;
    timer.start();
    const pid_t pid = fork();
    if (pid == 0) {
        const int devnull = open("/dev/null", O_RDWR);
        const int input = in.isEmpty() ? devnull : open(in.constData(), O_RDONLY);
        dup2(input, 0);
        dup2(devnull, 1);
        dup2(devnull, 2);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    struct rusage usage = {};
    wait4(pid, &status, 0, &usage);
    run.seconds = double(timer.nsecsElapsed()) / 1e9;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.peakRssKb = usage.ru_maxrss;
    return run;
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
