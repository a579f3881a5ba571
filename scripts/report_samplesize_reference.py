#!/usr/bin/python3
"""Reference sample sizes for the A/B test plans of the report (issue 6).

Writes tests/data/report_samplesize_reference.json: per case the baseline rate p1, the
target rate p2, Cohen's h (statsmodels proportion_effectsize(p2, p1)) and the sample size
per arm from NormalIndPower().solve_power(effect_size=h, alpha=0.05, power=0.8, ratio=1,
alternative='two-sided').

Run from the repository root:
    /usr/bin/python3 scripts/report_samplesize_reference.py > tests/data/report_samplesize_reference.json
"""
import json
import math
import sys

import statsmodels
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize

COMMAND = ("/usr/bin/python3 scripts/report_samplesize_reference.py "
           "> tests/data/report_samplesize_reference.json")

# (p1, p2): baselines seen in the bank data (overall 11.27 %, retired, students, cellular,
# previous success) with absolute and relative lifts, decreases, and extreme rates.
CASES = [
    (0.1127, 0.1227), (0.1127, 0.1327), (0.1127, 0.1127 * 1.10), (0.1127, 0.1127 * 1.20),
    (0.2523, 0.2773), (0.3143, 0.3643), (0.6511, 0.7011), (0.1474, 0.1674),
    (0.0500, 0.0600), (0.0100, 0.0150), (0.5000, 0.5500), (0.9000, 0.9300),
    (0.2000, 0.1500), (0.1127, 0.1027), (0.0300, 0.0330), (0.4000, 0.6000),
]


def main():
    power = NormalIndPower()
    cases = []
    for p1, p2 in CASES:
        h = proportion_effectsize(p2, p1)
        n = power.solve_power(effect_size=h, alpha=0.05, power=0.8, ratio=1,
                              alternative='two-sided')
        cases.append({"p1": p1, "p2": p2, "cohen_h": float(h), "n_per_arm": float(n)})
    # The rate a test of n clients per arm detects (issue 11: tests sized to a horizon):
    # solve_power for the effect size, then p2 from h = 2 asin sqrt(p2) - 2 asin sqrt(p1).
    detectable = []
    for p1, n in [(0.1127, 500), (0.1127, 2000), (0.2523, 150), (0.05, 10000), (0.3143, 60),
                  (0.6511, 40)]:
        h = power.solve_power(effect_size=None, nobs1=n, alpha=0.05, power=0.8, ratio=1,
                              alternative='two-sided')
        h = float(h)
        p2 = math.sin((h + 2 * math.asin(math.sqrt(p1))) / 2) ** 2
        detectable.append({"p1": p1, "n_per_arm": n, "p2": p2})
    json.dump({
        "command": COMMAND,
        "statsmodels": statsmodels.__version__,
        "method": "NormalIndPower().solve_power(effect_size=proportion_effectsize(p2, p1), "
                  "alpha=0.05, power=0.8, ratio=1, alternative='two-sided')",
        "cases": cases,
        "detectable_method": "h = NormalIndPower().solve_power(effect_size=None, nobs1=n, "
                             "alpha=0.05, power=0.8, ratio=1, alternative='two-sided'); "
                             "p2 from h",
        "detectable": detectable,
    }, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
