// DemoDataGenerator: row sampling from the calibration tables with a portable PRNG.
#include "demo/DemoDataGenerator.h"

#include "demo/DemoCalibration.h"
#include "util/MessageText.h"

#include <QIODevice>
#include <QSaveFile>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace cl {

namespace {

// Levels in the order of the calibration tables (and of the real file's documentation).
constexpr std::array<const char *, 12> kJobs = {
    "admin.",        "blue-collar", "entrepreneur", "housemaid",  "management", "retired",
    "self-employed", "services",    "student",      "technician", "unemployed", "unknown"};
constexpr std::array<const char *, 4> kMarital = {"divorced", "married", "single", "unknown"};
constexpr std::array<const char *, 8> kEducation = {
    "basic.4y",          "basic.6y", "basic.9y", "high.school", "illiterate", "professional.course",
    "university.degree", "unknown"};
constexpr std::array<const char *, 3> kNoYesUnknown = {"no", "yes", "unknown"};
constexpr std::array<const char *, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                  "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<const char *, 5> kDays = {"mon", "tue", "wed", "thu", "fri"};
constexpr std::array<const char *, 3> kPoutcomes = {"failure", "nonexistent", "success"};
constexpr std::array<int, 5> kAgeEdges = {25, 35, 45, 55, 65};

constexpr int kPoutcomeNonexistent = 1;
constexpr int kNeverContacted = 999;
constexpr qint64 kRowsPerChunk = 4096;

/// xoshiro256** seeded by splitmix64: specified bit for bit, so portable, unlike std engines
/// paired with std distributions.
class Rng
{
public:
    explicit Rng(quint64 seed)
    {
        for (auto &s : m_state)
            s = splitmix(seed);
    }
    quint64 next()
    {
        const quint64 result = rotl(m_state[1] * 5, 7) * 9;
        const quint64 t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }
    /// Uniform in [0, 1) with 53 random bits: exact in IEEE double.
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }

private:
    static quint64 rotl(quint64 x, int k) { return (x << k) | (x >> (64 - k)); }
    static quint64 splitmix(quint64 &x)
    {
        quint64 z = (x += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    std::array<quint64, 4> m_state{};
};

/// Integer weights sampled by inverse CDF in integer arithmetic (no floating point involved).
class Weights
{
public:
    Weights() = default;
    template <typename Range> explicit Weights(const Range &counts)
    {
        quint64 sum = 0;
        for (const auto c : counts) {
            sum += quint64(c);
            m_cumulative.push_back(sum);
        }
    }
    int sample(Rng &rng) const
    {
        // The modulo bias is below total / 2^64, i.e. nil for counts of a few thousand.
        const quint64 total = m_cumulative.empty() ? 0 : m_cumulative.back();
        const quint64 r = rng.next() % (total == 0 ? 1 : total);
        return int(std::upper_bound(m_cumulative.begin(), m_cumulative.end(), r) -
                   m_cumulative.begin());
    }

private:
    std::vector<quint64> m_cumulative;
};

/// exp() from +, *, / and exact scaling only, so the result does not depend on the platform's
/// libm. (A compiler that fuses multiply-adds could still move a last bit; y would change only
/// if a uniform draw fell within that bit of the probability.)
double portableExp(double x)
{
    x = std::clamp(x, -700.0, 700.0);
    constexpr double ln2Hi = 6.93147180369123816490e-01;
    constexpr double ln2Lo = 1.90821492927058770002e-10;
    const double k = std::floor(x * 1.44269504088896338700 + 0.5);
    const double r = (x - k * ln2Hi) - k * ln2Lo; // |r| <= ln2 / 2
    double sum = 1.0;
    double term = 1.0;
    for (int n = 1; n <= 16; ++n) {
        term = term * r / n;
        sum = sum + term;
    }
    return std::ldexp(sum, int(k));
}

/// a / b rounded half away from zero, for b > 0.
qint64 roundedDiv(qint64 a, qint64 b)
{
    return a >= 0 ? (2 * a + b) / (2 * b) : -((-2 * a + b) / (2 * b));
}

int ageBandOf(int age)
{
    return int(std::upper_bound(kAgeEdges.begin(), kAgeEdges.end(), age) - kAgeEdges.begin());
}

int durationBandOf(int seconds)
{
    return int(std::upper_bound(std::begin(demo::kDurationEdges), std::end(demo::kDurationEdges),
                                seconds) -
               std::begin(demo::kDurationEdges));
}

/// All sampling tables, built once per write() from the calibration figures.
struct Tables
{
    std::array<Weights, 2> ageByEra, historyByEra;
    std::array<std::array<Weights, 6>, 2> jobByEraBand;
    std::array<Weights, 6> maritalByBand, defaultByBand;
    std::array<Weights, 12> educationByJob;
    Weights housing{demo::kHousing};
    std::array<Weights, 3> loanByHousing;
    Weights day{demo::kDayOfWeek};
    Weights campaign{demo::kCampaignCounts};
    std::vector<qint64> periodEnd; ///< cumulative real rows at the end of each period
    qint64 periodTotal = 0;

    Tables()
    {
        for (int era = 0; era < 2; ++era) {
            ageByEra[era] = Weights(demo::kAgeCountsByEra[era]);
            std::vector<int> historyRows;
            for (const auto &h : demo::kHistory)
                historyRows.push_back(h.rows[era]);
            historyByEra[era] = Weights(historyRows);
        }
        for (int b = 0; b < 6; ++b) {
            jobByEraBand[0][b] = Weights(demo::kJobByAgeBandEra0[b]);
            jobByEraBand[1][b] = Weights(demo::kJobByAgeBandEra1[b]);
            maritalByBand[b] = Weights(demo::kMaritalByAgeBand[b]);
            defaultByBand[b] = Weights(demo::kDefaultByAgeBand[b]);
        }
        for (int j = 0; j < 12; ++j)
            educationByJob[j] = Weights(demo::kEducationByJob[j]);
        for (int h = 0; h < 3; ++h)
            loanByHousing[h] = Weights(demo::kLoanByHousing[h]);
        for (const auto &p : demo::kPeriods) {
            periodTotal += p.rows;
            periodEnd.push_back(periodTotal);
        }
    }
};

void appendQuoted(QByteArray &line, const char *text)
{
    line += '"';
    line += text;
    line += "\";";
}

void appendNumber(QByteArray &line, qint64 value)
{
    line += QByteArray::number(value);
    line += ';';
}

/// Thousandths as the real file writes them: "4.857", "0.72", "5".
void appendThousandths(QByteArray &line, qint64 milli)
{
    if (milli < 0) {
        line += '-';
        milli = -milli;
    }
    line += QByteArray::number(milli / 1000);
    qint64 frac = milli % 1000;
    if (frac != 0) {
        int digits = 3;
        while (frac % 10 == 0) {
            frac /= 10;
            --digits;
        }
        line += '.';
        line += QByteArray::number(frac).rightJustified(digits, '0');
    }
    line += ';';
}

/// Appends data row @p index of @p rows, drawing from @p rng in a fixed order.
void appendRow(QByteArray &line, const Tables &t, Rng &rng, qint64 index, qint64 rows)
{
    // Date order: row index maps to a point of the real file's timeline, in integer arithmetic.
    const qint64 scaled = (2 * index + 1) * t.periodTotal; // compared with 2 * rows * realRow
    int period = 0;
    while (period + 1 < int(t.periodEnd.size()) && scaled >= 2 * rows * t.periodEnd[period])
        ++period;
    const demo::Period &p = demo::kPeriods[period];
    const qint64 periodStart = period == 0 ? 0 : t.periodEnd[period - 1];
    const qint64 num = scaled - 2 * rows * periodStart;
    const qint64 den = 2 * rows * p.rows;
    const qint64 euribor = p.euriborFirst + roundedDiv((p.euriborLast - p.euriborFirst) * num, den);

    const int age = demo::kAgeMin + t.ageByEra[p.era].sample(rng);
    const int band = ageBandOf(age);
    const int job = t.jobByEraBand[p.era][band].sample(rng);
    const int marital = t.maritalByBand[band].sample(rng);
    const int education = t.educationByJob[job].sample(rng);
    const int defaulted = t.defaultByBand[band].sample(rng);
    const int housing = t.housing.sample(rng);
    const int loan = t.loanByHousing[housing].sample(rng);
    const bool cellular = rng.uniform() < p.cellularShare;
    const int day = t.day.sample(rng);

    // Duration: linear interpolation between quantiles, in integer arithmetic.
    const quint64 pos = (rng.next() >> 11) * 200; // 53 bits x 200 < 2^61
    const int q = int(pos >> 53);
    const quint64 frac = (pos & ((quint64(1) << 53) - 1)) >> 21; // 32 bits
    const qint64 step = demo::kDurationQuantiles[q + 1] - demo::kDurationQuantiles[q];
    const int duration =
        demo::kDurationQuantiles[q] + int((step * qint64(frac) + (qint64(1) << 31)) >> 32);

    const int campaign = 1 + t.campaign.sample(rng);
    int previous = 0;
    int poutcome = kPoutcomeNonexistent;
    int pdays = kNeverContacted;
    if (rng.uniform() < p.previousShare) {
        const demo::History &h = demo::kHistory[t.historyByEra[p.era].sample(rng)];
        previous = h.previous;
        poutcome = h.poutcome;
        pdays = h.pdays;
    }

    const double eta = demo::kIntercept + demo::kAgeBandCoef[band] + demo::kJobCoef[job] +
                       (cellular ? demo::kCellularCoef : 0.0) + demo::kMonthCoef[p.month] +
                       demo::kPoutcomeCoef[poutcome] +
                       (pdays != kNeverContacted ? demo::kContactedBeforeCoef : 0.0) +
                       demo::kNrEmployedCoef * ((p.nrEmployedValue - 5100.0) / 100.0) +
                       demo::kDurationCoef[durationBandOf(duration)];
    const bool subscribed = rng.uniform() * (1.0 + portableExp(-eta)) < 1.0;

    appendNumber(line, age);
    appendQuoted(line, kJobs[job]);
    appendQuoted(line, kMarital[marital]);
    appendQuoted(line, kEducation[education]);
    appendQuoted(line, kNoYesUnknown[defaulted]);
    appendQuoted(line, kNoYesUnknown[housing]);
    appendQuoted(line, kNoYesUnknown[loan]);
    appendQuoted(line, cellular ? "cellular" : "telephone");
    appendQuoted(line, kMonths[p.month]);
    appendQuoted(line, kDays[day]);
    appendNumber(line, duration);
    appendNumber(line, campaign);
    appendNumber(line, pdays);
    appendNumber(line, previous);
    appendQuoted(line, kPoutcomes[poutcome]);
    line += p.empVarRate;
    line += ';';
    line += p.consPriceIdx;
    line += ';';
    line += p.consConfIdx;
    line += ';';
    appendThousandths(line, euribor);
    line += p.nrEmployed;
    line += subscribed ? ";\"yes\"\r\n" : ";\"no\"\r\n";
}

bool fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return false;
}

} // namespace

QString DemoDataGenerator::datasetName()
{
    return englishText(Message::DemoDatasetName);
}

QString DemoDataGenerator::fileName()
{
    return QStringLiteral("synthetic-demo-bank-additional-full.csv");
}

QStringList DemoDataGenerator::columnNames()
{
    return {QStringLiteral("age"),
            QStringLiteral("job"),
            QStringLiteral("marital"),
            QStringLiteral("education"),
            QStringLiteral("default"),
            QStringLiteral("housing"),
            QStringLiteral("loan"),
            QStringLiteral("contact"),
            QStringLiteral("month"),
            QStringLiteral("day_of_week"),
            QStringLiteral("duration"),
            QStringLiteral("campaign"),
            QStringLiteral("pdays"),
            QStringLiteral("previous"),
            QStringLiteral("poutcome"),
            QStringLiteral("emp.var.rate"),
            QStringLiteral("cons.price.idx"),
            QStringLiteral("cons.conf.idx"),
            QStringLiteral("euribor3m"),
            QStringLiteral("nr.employed"),
            QStringLiteral("y")};
}

bool DemoDataGenerator::write(QIODevice &out, const DemoOptions &options,
                              const ProgressCallback &progress, QString *error)
{
    if (options.rows < 0 || options.rows > maxRows())
        return fail(error,
                    QStringLiteral("row count %1 outside 0..%2").arg(options.rows).arg(maxRows()));
    if (!out.isWritable())
        return fail(error, QStringLiteral("output is not open for writing"));

    const QString phase = QStringLiteral("Generating %1").arg(datasetName());
    if (!reportProgress(progress, 0.0, phase))
        return fail(error, QStringLiteral("cancelled"));

    QByteArray chunk;
    const QStringList names = columnNames();
    for (int c = 0; c < names.size(); ++c) {
        chunk += '"';
        chunk += names[c].toLatin1();
        chunk += c + 1 < names.size() ? "\";" : "\"\r\n";
    }

    const Tables tables;
    Rng rng(options.seed);
    chunk.reserve(int(kRowsPerChunk) * 192);
    for (qint64 i = 0; i < options.rows; ++i) {
        appendRow(chunk, tables, rng, i, options.rows);
        if ((i + 1) % kRowsPerChunk == 0 && i + 1 < options.rows) {
            if (out.write(chunk) != chunk.size())
                return fail(error, out.errorString());
            chunk.clear();
            if (!reportProgress(progress, double(i + 1) / double(options.rows), phase))
                return fail(error, QStringLiteral("cancelled"));
        }
    }
    if (out.write(chunk) != chunk.size())
        return fail(error, out.errorString());
    if (!reportProgress(progress, 1.0, phase))
        return fail(error, QStringLiteral("cancelled"));
    return true;
}

bool DemoDataGenerator::writeFile(const QString &path, const DemoOptions &options,
                                  const ProgressCallback &progress, QString *error)
{
    // Unbuffered, so that a short write (full disk) is seen by write() below instead of
    // QSaveFile renaming a truncated file into place.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return fail(error, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    if (!write(file, options, progress, error)) {
        file.cancelWriting();
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, *error);
        return false;
    }
    if (!file.commit())
        return fail(error, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return true;
}

} // namespace cl
