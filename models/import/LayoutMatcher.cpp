// LayoutMatcher: exact, synonym and edit-distance matching of headers to roles.
#include "LayoutMatcher.h"

#include "source/DialectDetector.h"
#include "util/MessageText.h"

#include <QSet>

#include <algorithm>

namespace cl {

namespace {

const QStringList kBankAdditionalFull = {
    "age",       "job",         "marital",  "education",    "default",        "housing",
    "loan",      "contact",     "month",    "day_of_week",  "duration",       "campaign",
    "pdays",     "previous",    "poutcome", "emp_var_rate", "cons_price_idx", "cons_conf_idx",
    "euribor3m", "nr_employed", "y"};
const QStringList kBankFull = {"age",      "job",   "marital",  "education", "default", "balance",
                               "housing",  "loan",  "contact",  "day",       "month",   "duration",
                               "campaign", "pdays", "previous", "poutcome",  "y"};

struct Synonyms
{
    ColumnRole role;
    QStringList names;
};

const QList<Synonyms> &synonyms()
{
    static const QList<Synonyms> list = {
        {ColumnRole::Target,
         {"target", "subscribed", "subscription", "outcome", "response", "responded", "deposit",
          "term_deposit", "converted", "conversion", "label", "class", "result"}},
        {ColumnRole::Age, {"customer_age", "client_age", "age_years", "alder"}},
        {ColumnRole::Job, {"occupation", "profession", "job_title", "jobtype", "job_type"}},
        {ColumnRole::Marital, {"marital_status", "civil_status", "sivilstand"}},
        {ColumnRole::Education, {"education_level", "edu", "utdanning"}},
        {ColumnRole::Default, {"credit_default", "has_default", "in_default"}},
        {ColumnRole::Housing, {"housing_loan", "mortgage", "has_housing_loan"}},
        {ColumnRole::Loan, {"personal_loan", "has_loan", "consumer_loan"}},
        {ColumnRole::Contact, {"channel", "contact_type", "contact_channel"}},
        {ColumnRole::Month, {"contact_month", "last_contact_month"}},
        {ColumnRole::DayOfWeek, {"weekday", "dow", "day_of_the_week", "contact_weekday"}},
        {ColumnRole::Duration, {"call_duration", "duration_seconds", "call_length"}},
        {ColumnRole::Campaign, {"contacts", "n_contacts", "campaign_contacts", "num_contacts"}},
        {ColumnRole::Pdays, {"days_since_last_contact", "days_since_previous"}},
        {ColumnRole::Previous, {"previous_contacts", "prev_contacts"}},
        {ColumnRole::Poutcome, {"previous_outcome", "prev_outcome"}},
        {ColumnRole::Balance, {"account_balance", "avg_balance"}},
    };
    return list;
}

int editDistance(const QString &a, const QString &b)
{
    std::vector<int> prev(size_t(b.size()) + 1);
    std::vector<int> cur(size_t(b.size()) + 1);
    for (int j = 0; j <= b.size(); ++j)
        prev[size_t(j)] = j;
    for (int i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[size_t(j)] =
                std::min({prev[size_t(j)] + 1, cur[size_t(j - 1)] + 1, prev[size_t(j - 1)] + cost});
        }
        std::swap(prev, cur);
    }
    return prev[size_t(b.size())];
}

} // namespace

int LayoutMatch::indexOfRole(ColumnRole role) const
{
    for (int i = 0; i < columns.size(); ++i) {
        if (columns[i].role == role)
            return i;
    }
    return -1;
}

namespace LayoutMatcher {

bool parseRole(const QString &text, ColumnRole *role)
{
    const QString n = DialectDetector::normaliseColumnName(text);
    if (n == QLatin1String("target") || n == QLatin1String("y")) {
        *role = ColumnRole::Target;
        return true;
    }
    if (n == QLatin1String("none") || n == QLatin1String("ignore")) {
        *role = ColumnRole::None;
        return true;
    }
    const ColumnRole r = roleFromName(n);
    if (r == ColumnRole::None)
        return false;
    *role = r;
    return true;
}

LayoutMatch match(const QStringList &header, const QMap<QString, ColumnRole> &overrides)
{
    LayoutMatch m;
    QStringList normalised;
    for (const QString &h : header)
        normalised << DialectDetector::normaliseColumnName(h);
    m.layout = normalised == kBankAdditionalFull ? QStringLiteral("bank-additional-full")
               : normalised == kBankFull         ? QStringLiteral("bank-full")
                                                 : QStringLiteral("custom");

    QSet<ColumnRole> taken;
    for (int i = 0; i < header.size(); ++i) {
        ColumnMapping c;
        c.sourceName = header[i];
        c.name = normalised[i].isEmpty() ? QStringLiteral("column_%1").arg(i + 1) : normalised[i];
        m.columns << c;
    }
    auto assign = [&](int i, ColumnRole role, const QString &note, bool byUser) {
        m.columns[i].role = role;
        m.columns[i].note = note;
        m.columns[i].byUser = byUser;
        if (role != ColumnRole::None)
            taken.insert(role);
    };
    // 1. The user's word first.
    QSet<int> decided;
    for (auto it = overrides.begin(); it != overrides.end(); ++it) {
        bool found = false;
        for (int i = 0; i < header.size(); ++i) {
            if (header[i] == it.key() ||
                normalised[i] == DialectDetector::normaliseColumnName(it.key())) {
                assign(i, it.value(), englishText(Message::MappedByUserNote), true);
                decided.insert(i);
                found = true;
            }
        }
        if (!found) { // a typo must not be ignored in silence
            m.error = englishText(Message::UnknownMappingError)
                          .arg(it.key(), header.join(QStringLiteral(", ")));
            return m;
        }
    }
    // 2. Exact role names.
    for (int i = 0; i < header.size(); ++i) {
        if (decided.contains(i))
            continue;
        const ColumnRole r = roleFromName(normalised[i]);
        if (r != ColumnRole::None && !taken.contains(r)) {
            assign(i, r, QString(), false);
            decided.insert(i);
        }
    }
    // 3. Synonyms, then close spellings (edit distance <= 2 for names of 5+ letters).
    for (int pass = 0; pass < 2; ++pass) {
        for (int i = 0; i < header.size(); ++i) {
            if (decided.contains(i))
                continue;
            for (const ColumnRole role : allRoles()) {
                if (taken.contains(role))
                    continue;
                const QString rn = roleName(role);
                bool hit = false;
                if (pass == 0) {
                    for (const auto &s : synonyms()) {
                        if (s.role == role && s.names.contains(normalised[i]))
                            hit = true;
                    }
                } else {
                    hit = rn.size() >= 5 && editDistance(normalised[i], rn) <= 2;
                }
                if (hit) {
                    assign(i, role, englishText(Message::ReadAsNote).arg(header[i], rn), false);
                    decided.insert(i);
                    break;
                }
            }
        }
    }
    for (auto &c : m.columns) {
        if (c.role != ColumnRole::None)
            c.name = roleName(c.role);
    }
    // Two columns must not end up with the same name, nor take the name of a column the import
    // adds: the row id always, age_band and previously_contacted when derived, y (the target's
    // name). Such a column gets "_2" (or "_3", ...) and is reported as renamed. SQLite compares
    // names without case; ours are lowercase.
    QSet<QString> names{kRowIdColumn};
    const int target = m.indexOfRole(ColumnRole::Target);
    if (target >= 0)
        names.insert(m.columns[target].name);
    if (m.indexOfRole(ColumnRole::Age) >= 0)
        names.insert(kAgeBandColumn);
    if (m.indexOfRole(ColumnRole::Pdays) >= 0)
        names.insert(kPreviouslyContactedColumn);
    for (int i = 0; i < m.columns.size(); ++i) {
        ColumnMapping &c = m.columns[i];
        if (i == target)
            continue;
        QString n = c.name;
        for (int k = 2; names.contains(n.toLower()); ++k)
            n = QStringLiteral("%1_%2").arg(c.name).arg(k);
        c.renamed = n != c.name;
        c.name = n;
        names.insert(n.toLower());
    }
    if (m.indexOfRole(ColumnRole::Target) < 0) {
        m.error = englishText(Message::NoTargetError)
                      .arg(header.join(QStringLiteral(", ")), englishText(Message::MapTargetHint));
    }
    return m;
}

} // namespace LayoutMatcher

} // namespace cl
