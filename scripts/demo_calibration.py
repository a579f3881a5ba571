#!/usr/bin/python3
"""Computes the calibration tables of the synthetic demo data (models/demo/DemoCalibration.h).

Reads ../shared/data/uci-bank-marketing/bank-additional-full.csv (beside the checkout) and prints
a C++ header with aggregate figures only: frequencies, quantiles and logistic coefficients. No row
of the real file is written. Run from the repository root:

    /usr/bin/python3 scripts/demo_calibration.py > models/demo/DemoCalibration.h
    clang-format -i models/demo/DemoCalibration.h
"""
import os
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "..", "..", "shared", "data", "uci-bank-marketing",
                   "bank-additional-full.csv")

JOBS = ["admin.", "blue-collar", "entrepreneur", "housemaid", "management", "retired",
        "self-employed", "services", "student", "technician", "unemployed", "unknown"]
MARITAL = ["divorced", "married", "single", "unknown"]
EDUCATION = ["basic.4y", "basic.6y", "basic.9y", "high.school", "illiterate",
             "professional.course", "university.degree", "unknown"]
NYU = ["no", "yes", "unknown"]
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
DAYS = ["mon", "tue", "wed", "thu", "fri"]
POUT = ["failure", "nonexistent", "success"]
AGE_EDGES = [25, 35, 45, 55, 65]  # bands <25, 25-34, 35-44, 45-54, 55-64, 65+
DUR_EDGES = [60, 120, 180, 240, 360, 600, 900]  # bands of duration (seconds) used by the model


def band(values, edges):
    return np.searchsorted(np.array(edges), values, side="right")


def ints(xs):
    return ", ".join(str(int(x)) for x in xs)


def dbls(xs):
    return ", ".join(repr(float(round(x, 6))) for x in xs)


def num(x):
    """A number as the real file writes it: shortest form, no trailing ".0"."""
    t = repr(float(x))
    return t[:-2] if t.endswith(".0") else t


def counts(series, levels):
    vc = series.value_counts()
    return [int(vc.get(lv, 0)) for lv in levels]


def cond_table(df, by, by_levels, col, levels):
    return [counts(df.loc[df[by] == b, col], levels) for b in by_levels]


def emit_table(name, rows):
    inner = ",\n    ".join("{" + ints(r) + "}" for r in rows)
    ncol = len(rows[0])
    print(f"inline constexpr int {name}[{len(rows)}][{ncol}] = {{\n    {inner}}};")


def simulate(d, run, n, rng):
    """The generator's sampling structure in numpy: client mix and history per era, contact
    share and history share per period, duration independent of the rest."""
    per = d.groupby(run).agg(rows=("age", "size"), era=("era", "first"), month=("month", "first"),
                             nr=("nr.employed", "first"),
                             cell=("contact", lambda c: (c == "cellular").mean()),
                             prev=("previous", lambda v: (v > 0).mean())).reset_index(drop=True)
    cum = per["rows"].cumsum().values / per["rows"].sum()
    pi = np.searchsorted(cum, (np.arange(n) + 0.5) / n, side="right")
    era = per["era"].values[pi]
    out = pd.DataFrame({"month": per["month"].map(MONTHS.index).values[pi],
                        "nr": per["nr"].values[pi]})
    out["cell"] = (rng.random(n) < per["cell"].values[pi]).astype(int)
    out["band"] = 0
    out["job"] = 0
    out["pout"] = POUT.index("nonexistent")
    out["before"] = 0
    prev = rng.random(n) < per["prev"].values[pi]
    for e in (0, 1):
        rows = d[d["era"] == e]
        idx = np.where(era == e)[0]
        pick = rows.iloc[rng.integers(0, len(rows), len(idx))]
        out.loc[idx, "band"] = pick["ageBand"].values
        out.loc[idx, "job"] = pick["job"].map(JOBS.index).values
        hist = rows[rows["previous"] > 0]
        hidx = np.where((era == e) & prev)[0]
        hpick = hist.iloc[rng.integers(0, len(hist), len(hidx))]
        out.loc[hidx, "pout"] = hpick["poutcome"].map(POUT.index).values
        out.loc[hidx, "before"] = (hpick["pdays"].values != 999).astype(int)
    out["dur"] = band(d["duration"].values[rng.integers(0, len(d), n)], DUR_EDGES)
    return out


def rake(d, run, b, n=400_000, rounds=40):
    """Adjusts the level effects so that the simulated mean probability per level of each
    factor equals the real rate (the joint structure the generator lacks otherwise biases it)."""
    sim = simulate(d, run, n, np.random.default_rng(20080501))
    real = pd.DataFrame({"band": d["ageBand"], "job": d["job"].map(JOBS.index),
                         "cell": (d["contact"] == "cellular").astype(int),
                         "month": d["month"].map(MONTHS.index), "pout": d["poutcome"].map(POUT.index),
                         "dur": band(d["duration"].values, DUR_EDGES), "yes": d["yes"]})
    sizes = {"band": 6, "job": 12, "cell": 2, "month": 12, "pout": 3, "dur": len(DUR_EDGES) + 1}
    g = {"band": [0.0] + [b[f"age{k}"] for k in range(1, 6)],
         "job": [0.0] + [b[f"job{k}"] for k in range(1, 12)],
         "cell": [0.0, b["cellular"]],
         "month": [b.get(f"month{k}", 0.0) for k in range(12)],
         "pout": [0.0] + [b[f"pout{k}"] for k in range(1, 3)],
         "dur": [0.0] + [b[f"dur{k}"] for k in range(1, len(DUR_EDGES) + 1)]}
    g = {k: np.array(v, dtype=float) for k, v in g.items()}
    fixed = (b["const"] + b["contactedBefore"] * sim["before"].values
             + b["nrEmployed"] * (sim["nr"].values - 5100.0) / 100.0)
    logit = lambda q: np.log(q / (1 - q))
    for _ in range(rounds):
        for name in sizes:
            eta = fixed + sum(g[k][sim[k].values] for k in sizes)
            prob = pd.Series(1 / (1 + np.exp(-eta)))
            simRate = prob.groupby(sim[name].values).mean()
            realRate = real.groupby(name)["yes"].mean().clip(1e-4, 1 - 1e-4)
            for lv, r in realRate.items():
                if lv in simRate.index:
                    g[name][lv] += logit(r) - logit(simRate[lv])
    eta = fixed + sum(g[k][sim[k].values] for k in sizes)
    sys.stderr.write(f"raked: simulated rate {np.mean(1 / (1 + np.exp(-eta))):.4f}\n")
    refs = {"band": 0, "job": 0, "cell": 0, "month": MONTHS.index("may"), "pout": 0, "dur": 0}
    const = b["const"]
    for name, ref in refs.items():
        const += g[name][ref]
        g[name] = g[name] - g[name][ref]
    absent = set(range(12)) - set(real["month"].unique())  # january, february
    g["month"][sorted(absent)] = 0.0
    g["const"] = const
    return g


def main():
    if not os.path.exists(SRC):
        sys.exit(f"{SRC} not found: the calibration needs the real file")
    d = pd.read_csv(SRC, sep=";")
    d["ageBand"] = band(d["age"].values, AGE_EDGES)
    d["yes"] = (d["y"] == "yes").astype(int)

    print("// Calibration tables of the synthetic demo data: aggregates of bank-additional-full.csv.")
    print("// Generated by scripts/demo_calibration.py (counts, quantiles, coefficients; no rows).")
    print("#pragma once\n")
    print("namespace cl::demo {\n")

    # Month periods: runs of rows in date order with the same month and quarterly macro figures.
    # Two eras: 2008 (the first 7 periods, mass calls) and 2009-2010 (fewer, better-aimed calls,
    # more students and retired, more clients contacted before). Client mix and history are
    # taken per era, so that the effects they share with the period carry over.
    key = ["month", "emp.var.rate", "cons.price.idx", "cons.conf.idx", "nr.employed"]
    run = (d[key] != d[key].shift()).any(axis=1).cumsum()
    d["era"] = (run > 7).astype(int)
    eras = [d[d["era"] == 0], d[d["era"] == 1]]

    # Age: counts per year of age, per era.
    lo, hi = int(d["age"].min()), int(d["age"].max())
    print(f"inline constexpr int kAgeMin = {lo};")
    emit_table("kAgeCountsByEra", [[int((e["age"] == a).sum()) for a in range(lo, hi + 1)]
                                   for e in eras])
    for k, e in enumerate(eras):
        emit_table(f"kJobByAgeBandEra{k}", cond_table(e, "ageBand", range(6), "job", JOBS))
    emit_table("kMaritalByAgeBand", cond_table(d, "ageBand", range(6), "marital", MARITAL))
    emit_table("kEducationByJob", cond_table(d, "job", JOBS, "education", EDUCATION))
    emit_table("kDefaultByAgeBand", cond_table(d, "ageBand", range(6), "default", NYU))
    print(f"inline constexpr int kHousing[3] = {{{ints(counts(d['housing'], NYU))}}};")
    emit_table("kLoanByHousing", cond_table(d, "housing", NYU, "loan", NYU))
    print(f"inline constexpr int kDayOfWeek[5] = {{{ints(counts(d['day_of_week'], DAYS))}}};")

    # Campaign: counts of each value 1..max.
    cmax = int(d["campaign"].max())
    cc = d["campaign"].value_counts()
    print(f"inline constexpr int kCampaignCounts[{cmax}] = {{{ints(cc.get(c, 0) for c in range(1, cmax + 1))}}};")

    print("\n/// One month-period of the real file, in date order (May 2008 to Nov 2010).")
    print("struct Period\n{\n    int rows; ///< rows of the real file in this period (a weight)")
    print("    int era; ///< 0 = 2008, 1 = 2009-2010")
    print("    int month; ///< 0 = jan\n    const char *empVarRate, *consPriceIdx, *consConfIdx, *nrEmployed;")
    print("    double nrEmployedValue; ///< the model's covariate")
    print("    int euriborFirst, euriborLast; ///< euribor3m in thousandths; moves daily: interpolated")
    print("    double cellularShare, previousShare; ///< share of cellular contacts, of clients contacted before\n};")
    print("inline constexpr Period kPeriods[] = {")
    for _, g in d.groupby(run):
        r0 = g.iloc[0]
        nr = r0["nr.employed"]
        print(f'    {{{len(g)}, {int(r0["era"])}, {MONTHS.index(r0["month"])}, "{num(r0["emp.var.rate"])}", '
              f'"{num(r0["cons.price.idx"])}", "{num(r0["cons.conf.idx"])}", "{num(nr)}", {float(nr)!r}, '
              f'{round(g["euribor3m"].iloc[0] * 1000)}, {round(g["euribor3m"].iloc[-1] * 1000)}, '
              f'{(g["contact"] == "cellular").mean():.6f}, {(g["previous"] > 0).mean():.6f}}},')
    print("};")

    # History of clients contacted before: joint counts of (previous, poutcome, pdays).
    p = d[d["previous"] > 0]
    trip = p.groupby(["previous", "poutcome", "pdays"])["era"].agg(
        n0=lambda e: int((e == 0).sum()), n1=lambda e: int((e == 1).sum())).reset_index()
    print("\n/// Clients contacted before: joint counts of previous, poutcome (0 failure, 1 nonexistent,")
    print("/// 2 success) and pdays (999 = never contacted in an earlier campaign), per era.")
    print("struct History\n{\n    int previous, poutcome, pdays;\n    int rows[2]; ///< per era\n};")
    print("inline constexpr History kHistory[] = {")
    for _, r in trip.iterrows():
        print(f"    {{{r['previous']}, {POUT.index(r['poutcome'])}, {r['pdays']}, {{{r['n0']}, {r['n1']}}}}},")
    print("};")

    # Duration: 201 quantiles (whole seconds), sampled by linear interpolation.
    q = np.rint(np.quantile(d["duration"].values, np.linspace(0, 1, 201)))
    print(f"inline constexpr int kDurationQuantiles[201] = {{{ints(q)}}};")
    print(f"inline constexpr int kDurationEdges[{len(DUR_EDGES)}] = {{{ints(DUR_EDGES)}}};")

    # Logistic model of y on the main predictors (treatment coding, first level = reference).
    x = pd.DataFrame(index=d.index)
    def dummies(name, codes, n):
        for k in range(1, n):
            x[f"{name}{k}"] = (codes == k).astype(float)
    dummies("age", d["ageBand"].values, 6)
    dummies("job", d["job"].map(JOBS.index).values, len(JOBS))
    x["cellular"] = (d["contact"] == "cellular").astype(float)
    # May is the reference month: the data has no January or February, whose columns drop out.
    month = d["month"].map(MONTHS.index).values
    for k in range(12):
        if k != MONTHS.index("may"):
            x[f"month{k}"] = (month == k).astype(float)
    dummies("pout", d["poutcome"].map(POUT.index).values, 3)
    x["contactedBefore"] = (d["pdays"] != 999).astype(float)
    x["nrEmployed"] = (d["nr.employed"] - 5100.0) / 100.0
    dummies("dur", band(d["duration"].values, DUR_EDGES), len(DUR_EDGES) + 1)
    x = sm.add_constant(x)
    x = x.loc[:, (x != 0).any()]
    fit = sm.Logit(d["yes"], x).fit(disp=0, maxiter=200)
    b = fit.params

    groups = rake(d, run, b)
    b = b.copy()
    b["const"] = groups.pop("const")
    for k in range(1, 6):
        b[f"age{k}"] = groups["band"][k]
    for k in range(1, 12):
        b[f"job{k}"] = groups["job"][k]
    b["cellular"] = groups["cell"][1]
    for k in range(12):
        if k != MONTHS.index("may"):
            b[f"month{k}"] = groups["month"][k]
    for k in range(1, 3):
        b[f"pout{k}"] = groups["pout"][k]
    for k in range(1, len(DUR_EDGES) + 1):
        b[f"dur{k}"] = groups["dur"][k]

    def coefs(name, n):
        return [0.0] + [float(b.get(f"{name}{k}", 0.0)) for k in range(1, n)]

    print("\n/// Logistic model of y fitted on the real file, then raked (see the script) so that the")
    print("/// generator's rates by level match the real ones; reference levels have 0.")
    print(f"inline constexpr double kIntercept = {b['const']!r};")
    print(f"inline constexpr double kAgeBandCoef[6] = {{{dbls(coefs('age', 6))}}};")
    print(f"inline constexpr double kJobCoef[12] = {{{dbls(coefs('job', 12))}}};")
    print(f"inline constexpr double kCellularCoef = {b['cellular']!r};")
    month_coefs = [float(b.get(f"month{k}", 0.0)) for k in range(12)]
    print(f"inline constexpr double kMonthCoef[12] = {{{dbls(month_coefs)}}}; ///< may = 0")
    print(f"inline constexpr double kPoutcomeCoef[3] = {{{dbls(coefs('pout', 3))}}};")
    print(f"inline constexpr double kContactedBeforeCoef = {b['contactedBefore']!r};")
    print(f"inline constexpr double kNrEmployedCoef = {b['nrEmployed']!r}; ///< per 100 above 5100")
    print(f"inline constexpr double kDurationCoef[{len(DUR_EDGES) + 1}] = "
          f"{{{dbls(coefs('dur', len(DUR_EDGES) + 1))}}};")
    print(f"/// Real rate of y: {d['yes'].mean():.6f} ({d['yes'].sum()} of {len(d)}).")
    print("\n} // namespace cl::demo")
    sys.stderr.write(str(fit.summary()) + "\n")


if __name__ == "__main__":
    main()
