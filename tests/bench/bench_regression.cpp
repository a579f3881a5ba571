// Regression benchmark (issue 4): our Newton/IRLS fit against scikit-learn's LogisticRegression
// (lbfgs, no penalty) on the same design of bank-additional-full, at x1 and x10, in one run.
#include "BenchSupport.h"

#include "data/DataFrame.h"
#include "import/CsvImporter.h"
#include "regression/DesignMatrix.h"
#include "regression/LogisticFit.h"
#include "store/FrameLoader.h"
#include "store/Workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <vector>

namespace {

/// The design rows repeated `times` times (rows in blocks, as the CSV repeated would be).
std::vector<uint32_t> repeated(const cl::DesignMatrix &d, int times)
{
    std::vector<uint32_t> rows;
    rows.reserve(d.rows * size_t(times));
    for (int t = 0; t < times; ++t) {
        for (size_t i = 0; i < d.rows; ++i)
            rows.push_back(uint32_t(i));
    }
    return rows;
}

/// Writes a float64 matrix (column-major, rows x cols) as .npy, Fortran order.
bool writeNpy(const QString &path, const double *data, size_t rows, size_t cols, bool matrix)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    QByteArray header =
        matrix ? QStringLiteral("{'descr': '<f8', 'fortran_order': True, 'shape': (%1, %2), }")
                     .arg(rows)
                     .arg(cols)
                     .toLatin1()
               : QStringLiteral("{'descr': '<f8', 'fortran_order': False, 'shape': (%1,), }")
                     .arg(rows)
                     .toLatin1();
    const int total = 10 + int(header.size()) + 1;
    header.append(QByteArray((64 - total % 64) % 64, ' '));
    header.append('\n');
    const quint16 len = quint16(header.size());
    f.write("\x93NUMPY\x01\x00", 8);
    f.write(reinterpret_cast<const char *>(&len), 2);
    f.write(header);
    const qint64 bytes = qint64(rows * cols * sizeof(double));
    return f.write(reinterpret_cast<const char *>(data), bytes) == bytes;
}

struct Ours
{
    double seconds = 0;
    double logLik = 0;
    int iterations = 0;
    std::vector<size_t> keptColumns; ///< without the intercept
};

Ours timeOurs(const cl::DesignMatrix &d, const cl::DesignRows &rows, int repeats)
{
    Ours o;
    o.seconds = INFINITY;
    for (int r = 0; r < repeats; ++r) {
        QElapsedTimer t;
        t.start();
        const cl::LogisticFit fit = cl::fitLogistic(d, rows);
        o.seconds = std::min(o.seconds, double(t.nsecsElapsed()) / 1e9);
        o.logLik = fit.logLikelihood;
        o.iterations = fit.iterations;
        o.keptColumns.clear();
        for (const cl::TermEstimate &e : fit.terms) {
            if (e.designColumn > 0)
                o.keptColumns.push_back(size_t(e.designColumn));
        }
    }
    return o;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QString csv = cl::bench::referenceFile();
    if (csv.isEmpty()) {
        out << "bank-additional-full.csv not found (../shared/data or $CL_BENCH_INPUT)\n";
        return 1;
    }
    const QString dir = QDir::tempPath() + "/campaignlens-bench-regression";
    QDir().mkpath(dir);
    cl::Workspace ws;
    QString error;
    if (!ws.open(dir + "/ws.sqlite", &error)) {
        out << "cannot open workspace: " << error << "\n";
        return 1;
    }
    cl::ImportOptions options;
    options.path = csv;
    options.reuseExisting = true;
    const cl::ImportResult imported = cl::CsvImporter(ws).run(options);
    if (!imported.ok()) {
        out << "import failed: " << imported.error << "\n";
        return 1;
    }
    const auto frame = cl::loadFrame(ws, imported.datasetId, &error);
    if (!frame) {
        out << "load failed: " << error << "\n";
        return 1;
    }
    // Standardised numeric columns: the same model and log-likelihood, and lbfgs's best case.
    cl::ModelSpec spec;
    spec.standardize = true;
    const cl::DesignMatrix base = cl::buildDesign(*frame, spec);
    const int repeats = 3;

    out << "Logistic regression on bank-additional-full (duration excluded, numeric columns "
           "standardised), best of "
        << repeats << " fits each\n";
    out << "ours: Newton/IRLS (2 threads); scikit-learn: LogisticRegression(penalty=None, "
           "solver='lbfgs', tol=1e-10, max_iter=100000), fit() only\n\n";
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
               .arg("scale", -5)
               .arg("rows", 8)
               .arg("cols", 5)
               .arg("ours s", 9)
               .arg("sklearn s", 10)
               .arg("ratio", 7)
               .arg("loglik ours", 18)
               .arg("loglik sklearn", 18);
    out.flush();
    int status = 0;
    // For information, not part of the goal: the unstandardised design (nr_employed ~ 5000),
    // which only changes the conditioning that lbfgs sees.
    const cl::DesignMatrix raw = cl::buildDesign(*frame);
    struct Case
    {
        int scale;
        bool raw;
    };
    for (const Case c : {Case{1, false}, Case{10, false}, Case{1, true}}) {
        const int scale = c.scale;
        const cl::DesignMatrix &d = c.raw ? raw : base;
        const std::vector<uint32_t> rowList = repeated(d, scale);
        const cl::DesignRows rows = cl::DesignRows::list(rowList);
        const Ours ours = timeOurs(d, rows, repeats);

        // The same design for Python, without the intercept and the aliased columns: the one
        // dense matrix made, for scikit-learn's sake.
        std::vector<double> x;
        x.reserve(rows.size() * ours.keptColumns.size());
        for (size_t j : ours.keptColumns)
            for (size_t k = 0; k < rows.size(); ++k)
                x.push_back(d.at(rows[k], j));
        std::vector<double> y(rows.size());
        for (size_t k = 0; k < rows.size(); ++k)
            y[k] = d.y[rows[k]];
        const QString xPath = dir + QStringLiteral("/X%1.npy").arg(scale);
        const QString yPath = dir + QStringLiteral("/y%1.npy").arg(scale);
        if (!writeNpy(xPath, x.data(), rows.size(), ours.keptColumns.size(), true) ||
            !writeNpy(yPath, y.data(), rows.size(), 1, false)) {
            out << "cannot write " << xPath << "\n";
            return 1;
        }
        x.clear();
        x.shrink_to_fit();
        QProcess py;
        py.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(CL_SOURCE_DIR "/scripts/regression_bench_sklearn.py"), xPath,
                  yPath, QString::number(repeats)});
        py.waitForFinished(-1);
        const QJsonObject sk = QJsonDocument::fromJson(py.readAllStandardOutput()).object();
        if (py.exitCode() != 0 || sk.isEmpty()) {
            out << "python failed: " << py.readAllStandardError() << "\n";
            return 1;
        }
        const double skSeconds = sk.value("seconds").toDouble();
        const double skLl = sk.value("loglik").toDouble();
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                   .arg((c.raw ? QStringLiteral("x%1 unstd.") : QStringLiteral("x%1")).arg(scale),
                        -5)
                   .arg(rows.size(), 8)
                   .arg(d.cols(), 5)
                   .arg(ours.seconds, 9, 'f', 4)
                   .arg(skSeconds, 10, 'f', 4)
                   .arg(skSeconds / ours.seconds, 7, 'f', 1)
                   .arg(ours.logLik, 18, 'f', 6)
                   .arg(skLl, 18, 'f', 6);
        out << QStringLiteral("     ours: %1 Newton iterations; sklearn: %2 lbfgs iterations, "
                              "log-likelihood %3 below ours (relative %4)\n")
                   .arg(ours.iterations)
                   .arg(sk.value("n_iter").toInt())
                   .arg(ours.logLik - skLl, 0, 'g', 3)
                   .arg((ours.logLik - skLl) / std::fabs(ours.logLik), 0, 'g', 3);
        if (scale == 1 && !c.raw)
            out << "     numpy BLAS: "
                << QJsonDocument(sk.value("blas").toArray()).toJson(QJsonDocument::Compact) << "\n";
        out.flush();
        if (!c.raw && skSeconds / ours.seconds < 20)
            status = 2;
        QFile::remove(xPath);
        QFile::remove(yPath);
    }
    out << (status == 0 ? "goal met: ours at least 20x faster at both scales\n"
                        : "goal NOT met: ours less than 20x faster at some scale\n");
    return status;
}
