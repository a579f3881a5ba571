#!/usr/bin/env python3
"""Reference values for the segment engine's statistics, computed independently of the C++ code.

Writes tests/data/segment_reference.json:
  - Wilson 95% intervals from statsmodels' proportion_confint(method="wilson");
  - empirical-Bayes beta-binomial priors with the mean fixed at the pooled rate and the
    concentration fitted by maximum likelihood with scipy (a grid, then bounded Brent on the
    log-concentration; likelihood via scipy.special.betaln) and the posterior
    means (alpha + y) / (alpha + beta + n), on synthetic segments (seeded);
  - when ../shared/data is present, the prior fitted on the age_band x job x marital segments
    of bank-additional-full.csv (only the two fitted numbers are recorded, no data).

Run: /usr/bin/python3 scripts/segment_reference.py
"""
import json
import os

import numpy as np
import pandas as pd
from scipy import optimize, special
from statsmodels.stats.proportion import proportion_confint

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "data", "segment_reference.json")
SHARED = os.path.join(HERE, "..", "..", "shared", "data", "uci-bank-marketing",
                      "bank-additional-full.csv")
COMMAND = "/usr/bin/python3 scripts/segment_reference.py"


def fit_prior(y, n):
    """Beta prior with its mean fixed at the pooled rate (shrinkage toward the population) and
    its concentration s by maximum likelihood (scipy's bounded Brent on log s, after a grid)."""
    y = np.asarray(y, dtype=float)
    n = np.asarray(n, dtype=float)
    mu = y.sum() / n.sum()

    def nll(log_s):
        s = np.exp(log_s)
        a, b = mu * s, (1 - mu) * s
        return -np.sum(special.betaln(a + y, b + n - y) - special.betaln(a, b))

    lo, hi = np.log(1e-3), np.log(1e9)
    grid = np.linspace(lo, hi, 2401)
    k = int(np.argmin([nll(g) for g in grid]))
    res = optimize.minimize_scalar(nll, bounds=(grid[max(k - 1, 0)], grid[min(k + 1, 2400)]),
                                   method="bounded", options={"xatol": 1e-12})
    s = float(np.exp(res.x))
    return float(mu * s), float((1 - mu) * s), float(-res.fun)


def eb_case(name, y, n):
    a, b, ll = fit_prior(y, n)
    return {"name": name, "successes": [int(v) for v in y], "trials": [int(v) for v in n],
            "alpha": a, "beta": b, "loglik": ll,
            "posterior_mean": [(a + yi) / (a + b + ni) for yi, ni in zip(y, n)]}


def main():
    wilson = []
    for y, n in [(0, 1), (1, 1), (0, 30), (3, 4), (1, 3), (7, 30), (1, 37), (78, 434),
                 (4640, 41188), (50, 100), (999, 1000), (1, 1000000)]:
        lo, hi = proportion_confint(y, n, alpha=0.05, method="wilson")
        wilson.append({"successes": y, "trials": n, "low": float(lo), "high": float(hi)})

    rng = np.random.default_rng(20261124)
    eb = []
    n = rng.integers(1, 500, size=40)
    p = rng.beta(2.0, 14.0, size=40)
    eb.append(eb_case("overdispersed_40", rng.binomial(n, p), n))
    n = rng.integers(5, 2000, size=120)
    p = rng.beta(0.8, 6.0, size=120)
    eb.append(eb_case("strongly_overdispersed_120", rng.binomial(n, p), n))
    n = np.array([4, 3, 30, 30, 37, 434, 120, 15, 800, 60])
    y = np.array([3, 1, 7, 0, 1, 78, 10, 2, 90, 4])
    eb.append(eb_case("small_and_large_10", y, n))

    out = {"generated_by": COMMAND, "wilson_alpha": 0.05, "wilson": wilson,
           "empirical_bayes": eb}
    if os.path.exists(SHARED):
        df = pd.read_csv(SHARED, sep=";")
        bands = pd.cut(df["age"], [-np.inf, 25, 35, 45, 55, 65, np.inf], right=False,
                       labels=["<25", "25-34", "35-44", "45-54", "55-64", "65+"])
        g = df.assign(age_band=bands, yes=(df["y"] == "yes").astype(int)) \
            .groupby(["age_band", "job", "marital"], observed=True)["yes"].agg(["sum", "count"])
        a, b, ll = fit_prior(g["sum"].to_numpy(), g["count"].to_numpy())
        out["bank_additional_full_age_band_job_marital"] = {
            "segments": int(len(g)), "alpha": a, "beta": b, "loglik": ll}
        # The Segments tab's plain words (issue 15): of the segments with at least 30 clients,
        # the highest Wilson lower bound, and how many lie above (below) the overall rate by
        # their Wilson interval at 95% and Bonferroni-corrected for the segments compared.
        overall = df["y"].eq("yes").mean()
        k = len(g)
        lo, hi = proportion_confint(g["sum"], g["count"], alpha=0.05, method="wilson")
        clo, chi = proportion_confint(g["sum"], g["count"], alpha=0.05 / k, method="wilson")
        big = g["count"] >= 30
        best = lo[big].idxmax()
        out["bank_additional_full_plain_words"] = {
            "min_n": 30, "overall": float(overall),
            "best": " / ".join(str(v) for v in best),
            "best_subscribers": int(g.loc[best, "sum"]), "best_clients": int(g.loc[best, "count"]),
            "best_low": float(lo[best]), "best_high": float(hi[best]),
            "above": int((big & (lo > overall) & (clo > overall)).sum()),
            "below": int((big & (hi < overall) & (chi < overall)).sum())}
        # The Data tab's plain words: clients, how many said yes, the share of 'default' that
        # is unknown, and the rows that repeat an earlier row exactly.
        out["bank_additional_full_data_words"] = {
            "clients": int(len(df)), "subscribers": int(df["y"].eq("yes").sum()),
            "default_unknown": int(df["default"].eq("unknown").sum()),
            "duplicates": int(df.duplicated().sum())}
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
