// One chart description of each kind, with made-up numbers, for the chart tests.
#pragma once

#include "report/ChartSpec.h"

#include <cmath>
#include <vector>

namespace chartfixtures {

inline cl::ChartSpec bars()
{
    cl::ChartSpec c;
    c.kind = cl::ChartSpec::Kind::RateBars;
    c.title = QStringLiteral("Top segments");
    c.xLabel = QStringLiteral("response rate");
    c.labels = {"student", "retired", "unemployed", "admin.", "housemaid"};
    c.values = {0.31, 0.25, 0.14, 0.13, 0.10};
    c.lows = {0.27, 0.22, 0.12, 0.12, 0.04};
    c.highs = {0.35, 0.28, 0.16, 0.14, 0.21};
    c.flagged = {false, false, false, false, true};
    c.reference = 0.113;
    c.referenceLabel = QStringLiteral("overall 11.3%");
    c.note = QStringLiteral("pale: fewer than 30 clients");
    return c;
}

inline cl::ChartSpec heatmap()
{
    cl::ChartSpec c;
    c.kind = cl::ChartSpec::Kind::Heatmap;
    c.title = QStringLiteral("age_band x marital");
    c.yLabel = QStringLiteral("age_band");
    c.xLabel = QStringLiteral("marital");
    c.labels = {"18-29", "30-44", "45-59", "60+"};
    c.columnLabels = {"divorced", "married", "single"};
    c.values = {0.00, 0.12, 0.16, 0.09, 0.08, 0.11, 0.10, 0.09, std::nan(""), 0.40, 0.35, 0.50};
    c.counts = {120, 800, 1500, 400, 5000, 2500, 300, 4000, 0, 60, 900, 12};
    c.minN = 30;
    c.reference = 0.113;
    c.referenceLabel = QStringLiteral("overall 11.3%");
    return c;
}

inline cl::ChartSpec forest()
{
    cl::ChartSpec c;
    c.kind = cl::ChartSpec::Kind::Forest;
    c.title = QStringLiteral("Odds ratios");
    c.xLabel = QStringLiteral("odds ratio (log scale)");
    c.yLabel = QStringLiteral("term");
    c.valueLabel = QStringLiteral("OR [95% CI]");
    c.reference = 1;
    c.labels = {"poutcome=success", "month=mar", "contact=telephone", "age per SD",
                "default=unknown (penalised)"};
    c.values = {3.1, 2.2, 0.55, 1.02, 0.8};
    c.lows = {2.6, 1.8, 0.48, 0.95, std::nan("")};
    c.highs = {3.7, 2.7, 0.63, 1.10, std::nan("")};
    return c;
}

inline cl::ChartSpec curve(cl::ChartSpec::Kind kind)
{
    cl::ChartSpec c;
    c.kind = kind;
    c.title = QStringLiteral("curve");
    c.xLabel = QStringLiteral("x");
    c.yLabel = QStringLiteral("y");
    c.seriesLabel = QStringLiteral("model");
    c.baselineLabel = QStringLiteral("chance");
    if (kind == cl::ChartSpec::Kind::Calibration) {
        c.axisMax = 0.7;
        c.points = true;
        for (int d = 0; d < 10; ++d) {
            c.xs.push_back(0.02 + 0.06 * d);
            c.values.push_back(0.015 + 0.065 * d);
        }
    } else {
        for (int i = 0; i <= 50; ++i) {
            const double x = i / 50.0;
            c.xs.push_back(x);
            c.values.push_back(1 - std::pow(1 - x, 3));
        }
        if (kind == cl::ChartSpec::Kind::Gains) {
            c.markX = 0.2;
            c.markY = 1 - std::pow(0.8, 3);
            c.markLabel = QStringLiteral("top 20%");
        }
    }
    return c;
}

inline std::vector<cl::ChartSpec> allKinds()
{
    return {bars(),
            heatmap(),
            forest(),
            curve(cl::ChartSpec::Kind::Roc),
            curve(cl::ChartSpec::Kind::Gains),
            curve(cl::ChartSpec::Kind::Calibration)};
}

inline const char *kindName(cl::ChartSpec::Kind kind)
{
    switch (kind) {
    case cl::ChartSpec::Kind::RateBars:
        return "bars";
    case cl::ChartSpec::Kind::Heatmap:
        return "heatmap";
    case cl::ChartSpec::Kind::Forest:
        return "forest";
    case cl::ChartSpec::Kind::Roc:
        return "roc";
    case cl::ChartSpec::Kind::Gains:
        return "gains";
    case cl::ChartSpec::Kind::Calibration:
        return "calibration";
    }
    return "?";
}

} // namespace chartfixtures
