#!/usr/bin/env python3
"""Reference values for the segment engine's statistics, computed independently of the C++ code.

Writes tests/data/segment_reference.json:
  - Wilson 95% intervals from statsmodels' proportion_confint(method="wilson");
  - empirical-Bayes beta-binomial priors fitted by maximum likelihood with scipy
    (BFGS with the digamma gradient, then a Nelder-Mead polish, on log alpha, log beta; likelihood via scipy.special.betaln) and the posterior
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
    y = np.asarray(y, dtype=float)
    n = np.asarray(n, dtype=float)

    def nll(t):
        a, b = np.exp(t)
        return -np.sum(special.betaln(a + y, b + n - y) - special.betaln(a, b))

    def grad(t):
        a, b = np.exp(t)
        da = np.sum(special.digamma(a + y) - special.digamma(a + b + n)
                    - special.digamma(a) + special.digamma(a + b))
        db = np.sum(special.digamma(b + n - y) - special.digamma(a + b + n)
                    - special.digamma(b) + special.digamma(a + b))
        return -np.array([da * a, db * b])

    mu = y.sum() / n.sum()
    best = None
    for s0 in (1.0, 10.0, 100.0, 1000.0):
        res = optimize.minimize(nll, np.log([mu * s0, (1 - mu) * s0]), jac=grad, method="BFGS",
                                options={"gtol": 1e-10, "maxiter": 10000})
        if best is None or res.fun < best.fun:
            best = res
    # A tight Nelder-Mead polish: the optimum is flat along the concentration.
    res = optimize.minimize(nll, best.x, method="Nelder-Mead",
                            options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 100000})
    if res.fun <= best.fun:
        best = res
    a, b = np.exp(best.x)
    return float(a), float(b), float(-best.fun)


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
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
