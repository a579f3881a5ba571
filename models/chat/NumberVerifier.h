// Checks every number in an answer against the numbers the model was given.
#pragma once

#include "store/ChatStore.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace cl {

/// One number found in a text.
struct NumberMention
{
    /// As stored with the exchange (UnverifiedMark), and back.
    UnverifiedMark mark() const { return {position, length, text}; }
    static NumberMention fromMark(const UnverifiedMark &m)
    {
        NumberMention n;
        n.position = int(m.position);
        n.length = int(m.length);
        n.text = m.text;
        return n;
    }

    int position = 0; ///< Offset in the text (QString index).
    int length = 0;   ///< Characters, including a trailing '%'.
    QString text;     ///< As written, e.g. "11.3%", "4,640".
    double value = 0; ///< Parsed value without the percent sign (11.3, 4640).
    int decimals = 0; ///< Digits after the decimal point as written.
    bool percent = false;
};

/**
 * Extracts numbers from text and matches them against reference texts (system prompt, tool
 * results, the question). Matching rule: a written number matches a reference r when
 * |written - r| <= half a unit of its last written digit (plus 1e-9), i.e. when r rounds to
 * what was written; a percentage also matches r * 100 (rates are sent as fractions). Small
 * whole numbers 0..10 without a percent sign (list numbers, "top 3") and 95 (the confidence
 * level) are not checked. Stateless; callable from any thread.
 */
class NumberVerifier
{
public:
    /// Numbers in `text` ("11.3%", "4,640", "0.113", "-2.5"), in order. Digits inside words
    /// (column names, "gpt-4o") are not numbers.
    static QList<NumberMention> extract(const QString &text);
    /// Mentions of `answer` that match no number of `references`.
    static QList<NumberMention> unverified(const QString &answer, const QStringList &references);
    /// `answer` with "[unverified]" after each of `mentions` (which must come from it).
    static QString mark(const QString &answer, const QList<NumberMention> &mentions);
};

} // namespace cl
