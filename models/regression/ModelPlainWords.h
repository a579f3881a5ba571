#pragma once

#include "util/NumberText.h"

#include <QCoreApplication>
#include <QString>

#include <vector>

namespace cl {

struct ModelRunResult;
struct TermEstimate;

/**
 * What a fitted model means for whom to call, in plain words, with the technical statement of
 * the same figures beside it (the Model tab shows the first and the second one click away).
 *
 * Every number in `plain` is one the Model tab shows elsewhere (the capture sentence under the
 * charts, the AUC in the Metrics tab, the odds ratios of the forest plot), rounded the same way.
 * Pure; safe on any thread.
 */
struct ModelPlainWords
{
    Q_DECLARE_TR_FUNCTIONS(ModelPlainWords)

public:
    QString plain;     ///< rich text: a few short sentences, no jargon
    QString technical; ///< rich text: the same figures with their technical names

    /// The level terms whose whole 95% interval lies above 1 (`above`) or below 1, strongest
    /// first (largest odds ratio, or smallest), at most `count`: the groups the summary names.
    static std::vector<const TermEstimate *> strongestLevels(const ModelRunResult &run, bool above,
                                                             int count = 3);
    static ModelPlainWords of(const ModelRunResult &run,
                              const NumberText &numbers = NumberText::forLocale());
};

} // namespace cl
