#!/usr/bin/python3
"""Reference values for the group-sequential A/B plans of the report (issue 11).

Two-sided O'Brien-Fleming designs with K equally spaced looks: the test stops at the first
look k where |Z_k| >= C sqrt(K / k). For K = 2..5, alpha 0.05 and power 0.8 this computes, with
scipy's multivariate normal (Genz) integration of the joint law of (Z_1, ..., Z_K),
corr(Z_i, Z_j) = sqrt(i / j):
  - C, so that the chance of crossing with no difference is alpha;
  - R, the maximum sample size over the fixed test's (the drift that gives power 0.8, squared,
    over the fixed test's drift squared, both with the far tail counted);
  - the expected sample size over the fixed test's, with the target effect true and with none.
The C++ side (AbTestPlanner::sequential) integrates the same law by a recursion on a grid,
a different method. Jennison and Turnbull (2000), table 2.3, give C 2.024 and R 1.024 for K 4.

Run from the repository root:
    /usr/bin/python3 scripts/sequential_reference.py > tests/data/sequential_reference.json
"""
import json
import sys

import numpy as np
import scipy
from scipy.optimize import brentq
from scipy.stats import multivariate_normal, norm

ALPHA, POWER = 0.05, 0.8


def continue_prob(bounds, drift, k):
    """P(|Z_j| < bounds[j] for j < k) when E[Z_K] = drift."""
    if k == 0:
        return 1.0
    K = len(bounds)
    t = np.arange(1, K + 1) / K
    cov = np.sqrt(np.minimum.outer(t[:k], t[:k]) / np.maximum.outer(t[:k], t[:k]))
    mean = drift * np.sqrt(t[:k])
    b = np.asarray(bounds[:k])
    if k == 1:
        return float(norm.cdf(b[0] - mean[0]) - norm.cdf(-b[0] - mean[0]))
    return float(multivariate_normal.cdf(b, mean=mean, cov=cov, lower_limit=-b,
                                         maxpts=2_000_000 * k, abseps=1e-9, releps=1e-9))


def bounds_of(c, K):
    return [c * np.sqrt(K / k) for k in range(1, K + 1)]


def design(K):
    c = brentq(lambda c: 1 - continue_prob(bounds_of(c, K), 0.0, K) - ALPHA, 1.5, 5,
               xtol=1e-10)
    b = bounds_of(c, K)
    drift = brentq(lambda d: 1 - continue_prob(b, d, K) - POWER, 0.5, 6, xtol=1e-10)
    z = norm.ppf(1 - ALPHA / 2)
    fixed = brentq(lambda d: norm.cdf(d - z) + norm.cdf(-d - z) - POWER, 0.5, 6, xtol=1e-12)
    r = (drift / fixed) ** 2

    def expected(d):
        cont = [continue_prob(b, d, k) for k in range(K + 1)]
        stop = [cont[k - 1] - cont[k] for k in range(1, K + 1)]
        frac = sum(k / K * stop[k - 1] for k in range(1, K)) + cont[K - 1]
        return r * frac

    return {"looks": K, "c": c, "boundaries": b, "drift": drift, "inflation": r,
            "expected_effect": expected(drift), "expected_null": expected(0.0)}


def main():
    out = {"command": "/usr/bin/python3 scripts/sequential_reference.py > "
                      "tests/data/sequential_reference.json",
           "versions": {"scipy": scipy.__version__, "numpy": np.__version__},
           "alpha": ALPHA, "power": POWER,
           "designs": [design(K) for K in (2, 3, 4, 5)]}
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
