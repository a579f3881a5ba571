// PriceTable: model price lookup and cost.
#include "llm/PriceTable.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace cl {

PriceTable PriceTable::defaults()
{
    PriceTable t;
    t.setPrice(QStringLiteral("gpt-4o-mini"), {0.15, 0.60});
    t.setPrice(QStringLiteral("gpt-4o"), {2.50, 10.00});
    t.setPrice(QStringLiteral("gpt-4.1"), {2.00, 8.00});
    t.setPrice(QStringLiteral("gpt-4.1-mini"), {0.40, 1.60});
    t.setPrice(QStringLiteral("gpt-4.1-nano"), {0.10, 0.40});
    return t;
}

bool PriceTable::loadJson(const QByteArray &json, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (!doc.isObject()) {
        if (error)
            *error = pe.error != QJsonParseError::NoError ? pe.errorString()
                                                          : QStringLiteral("not a JSON object");
        return false;
    }
    QMap<QString, Price> prices;
    const QJsonObject o = doc.object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QJsonObject p = it.value().toObject();
        const QJsonValue in = p.value(QStringLiteral("input_per_million"));
        const QJsonValue out = p.value(QStringLiteral("output_per_million"));
        if (!in.isDouble() || !out.isDouble() || in.toDouble() < 0 || out.toDouble() < 0) {
            if (error)
                *error = QStringLiteral("model \"%1\": input_per_million and output_per_million "
                                        "must be non-negative numbers")
                             .arg(it.key());
            return false;
        }
        prices.insert(it.key(), {in.toDouble(), out.toDouble()});
    }
    m_prices = prices;
    return true;
}

QByteArray PriceTable::toJson() const
{
    QJsonObject o;
    for (auto it = m_prices.begin(); it != m_prices.end(); ++it)
        o.insert(it.key(),
                 QJsonObject{{QStringLiteral("input_per_million"), it->inputPerMillion},
                             {QStringLiteral("output_per_million"), it->outputPerMillion}});
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

const PriceTable::Price *PriceTable::find(const QString &model) const
{
    auto exact = m_prices.constFind(model);
    if (exact != m_prices.constEnd())
        return &exact.value();
    const Price *best = nullptr;
    qsizetype bestLength = 0;
    for (auto it = m_prices.constBegin(); it != m_prices.constEnd(); ++it) {
        if (model.startsWith(it.key()) && it.key().size() > bestLength) {
            best = &it.value();
            bestLength = it.key().size();
        }
    }
    return best;
}

bool PriceTable::hasPrice(const QString &model) const
{
    return find(model) != nullptr;
}

double PriceTable::cost(const QString &model, const TokenUsage &usage) const
{
    const Price *p = find(model);
    if (!p || !usage.isValid())
        return -1;
    return (double(usage.promptTokens) * p->inputPerMillion +
            double(usage.completionTokens) * p->outputPerMillion) /
           1e6;
}

} // namespace cl
