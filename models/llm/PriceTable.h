// Per-model token prices (editable JSON) and the cost of a response.
#pragma once

#include "llm/ChatTypes.h"

#include <QByteArray>
#include <QMap>
#include <QString>

namespace cl {

/**
 * US dollars per million input and output tokens, by model id. A model matches its exact
 * entry, else the longest entry that prefixes it ("gpt-4o-mini-2024-07-18" uses
 * "gpt-4o-mini"). JSON form: {"gpt-4o-mini": {"input_per_million": 0.15,
 * "output_per_million": 0.6}, ...}. A value type; no thread affinity.
 */
class PriceTable
{
public:
    struct Price
    {
        double inputPerMillion = 0;
        double outputPerMillion = 0;
    };

    /// OpenAI list prices known when this was written; the user can override them.
    static PriceTable defaults();

    /// Replaces the table with the JSON's entries. False (table unchanged) on bad JSON; `error`
    /// then says why.
    bool loadJson(const QByteArray &json, QString *error = nullptr);
    QByteArray toJson() const;

    void setPrice(const QString &model, Price price) { m_prices.insert(model, price); }
    /// Every entry, by model id (prefix entries included).
    QMap<QString, Price> prices() const { return m_prices; }
    /// True if `model` has a price (exact or prefix match).
    bool hasPrice(const QString &model) const;
    /// Cost in US dollars; -1 when the model has no price or the usage is unknown.
    double cost(const QString &model, const TokenUsage &usage) const;

private:
    const Price *find(const QString &model) const;
    QMap<QString, Price> m_prices;
};

} // namespace cl
