#!/usr/bin/python3
"""Reference values for the separation checks (issue 11): statsmodels and a linear-programming
separation test (Konis 2007) on bank-additional-full.csv, encoded as cl::buildDesign does
(see scripts/regression_reference.py for the default encoding).

- duration_time_split: duration included (as a number) in the default model, fitted on the
  time split's training
  rows (the first n - round(0.2 n)); statsmodels converges, and the LP finds no separating
  direction, so CampaignLens must fit it (an earlier check called it separated).
- reference_default_yes: all rows, default's reference level set to "yes" (3 rows, all
  non-subscribers; default=no, a two-outcome level, is estimated against it); the LP finds a separating direction, so CampaignLens
  must report separation whichever level is the reference (statsmodels' Newton does not
  converge there: its default=no coefficient runs off to minus 4e7).

LP: maximise sum(s) subject to s = Xt d, 0 <= s <= 1, where Xt is X with the rows of
non-subscribers negated; a positive optimum is a direction along which the likelihood rises
for ever (quasi-complete separation); zero means the maximum-likelihood estimate exists.

Usage: /usr/bin/python3 scripts/separation_reference.py \
    ../shared/data/uci-bank-marketing/bank-additional-full.csv tests/data/separation_reference.json
"""
import json
import sys

import numpy as np
import pandas as pd
import scipy
import scipy.optimize
import scipy.sparse
import statsmodels
import statsmodels.api as sm

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from regression_reference import NUMERIC, design, drop_aliased  # noqa: E402


def lp_separated(x, y):
    xt = x * np.where(y == 1, 1.0, -1.0)[:, None]
    n, p = xt.shape
    # variables: d (p, free), s (n, in [0, 1]); s - Xt d = 0; maximise sum s.
    a_eq = scipy.sparse.hstack([scipy.sparse.csr_matrix(-xt), scipy.sparse.identity(n)])
    c = np.concatenate([np.zeros(p), -np.ones(n)])
    bounds = [(None, None)] * p + [(0, 1)] * n
    res = scipy.optimize.linprog(c, A_eq=a_eq, b_eq=np.zeros(n), bounds=bounds, method="highs")
    assert res.status == 0, res.message
    return float(-res.fun)


def main():
    src, out = sys.argv[1], sys.argv[2]
    df = pd.read_csv(src, sep=";")
    df.columns = [c.replace(".", "_") for c in df.columns]
    y = (df["y"] == "yes").astype(float).to_numpy()
    numeric = NUMERIC + ["duration"]

    n = len(df)
    n_train = n - int(round(0.2 * n))
    # The design is made on all rows (as the C++ does before it splits), then cut.
    x = design(df, y, numeric).iloc[:n_train].reset_index(drop=True)
    keep, _ = drop_aliased(x)
    res = sm.Logit(y[:n_train], x[keep]).fit(method="newton", tol=1e-10, maxiter=200, disp=0)
    assert res.mle_retvals["converged"]
    duration = {"rows": n_train, "kept_terms": len(keep),
                "duration_coef": float(res.params["duration"]),
                "duration_se": float(res.bse["duration"]), "llf": float(res.llf),
                "iterations": int(res.mle_retvals["iterations"]),
                "lp_separation": lp_separated(x[keep].to_numpy(), y[:n_train])}

    xr = design(df, y, NUMERIC, references={"default": "yes"})
    keep_r, _ = drop_aliased(xr)
    reference = {"rows": n, "reference_rows": int((df["default"] == "yes").sum()),
                 "reference_subscribers": int(y[df["default"] == "yes"].sum()),
                 "lp_separation": lp_separated(xr[keep_r].to_numpy(), y)}

    ref = {
        "command": "/usr/bin/python3 scripts/separation_reference.py "
                   "../shared/data/uci-bank-marketing/bank-additional-full.csv "
                   "tests/data/separation_reference.json",
        "versions": {"statsmodels": statsmodels.__version__, "scipy": scipy.__version__,
                     "numpy": np.__version__, "pandas": pd.__version__},
        "duration_time_split": duration,
        "reference_default_yes": reference,
    }
    with open(out, "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
