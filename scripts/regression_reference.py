#!/usr/bin/python3
"""Reference values for tst_regression (issue 4): statsmodels Logit and scikit-learn metrics.

Reads bank-additional-full.csv with pandas and encodes it exactly as cl::buildDesign does with
the default ModelSpec:
  - columns renamed '.' -> '_';
  - left out: duration and campaign (known only after the call), pdays (poutcome carries it),
    previously_contacted (the same clients as poutcome != nonexistent), previous (previous 0
    is poutcome nonexistent; side by side VIF 14), emp_var_rate,
    nr_employed, cons_price_idx and cons_conf_idx (they move with euribor3m), age_band (age
    is used as a number);
  - numeric as they are: age, euribor3m;
  - categoricals one-hot, reference = most frequent level; levels under 0.05% of the rows
    (education=illiterate: 18 rows) and levels whose rows all have one outcome (default=yes:
    3 rows, no subscriber) merged into the reference;
  - aliased: loan=unknown equals housing=unknown (same rows), the later column is dropped.
Time split: the last round(0.2 n) rows are held out; the model is refitted on the others.
Rolling origin: the same held-out rows in blocks, one per run of a month label; each block is
scored by a model fitted on every row before it (aliased columns dropped as above); a level no
earlier row has is scored at its column's average effect over those rows.

Usage: /usr/bin/python3 scripts/regression_reference.py ../shared/data/uci-bank-marketing/\
bank-additional-full.csv tests/data/regression_reference.json
"""
import json
import sys

import numpy as np
import pandas as pd
import scipy.stats
import sklearn
import statsmodels
import statsmodels.api as sm
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score

CATEGORICAL = ["job", "marital", "education", "default", "housing", "loan", "contact", "month",
               "day_of_week", "poutcome", "previously_contacted"]
NUMERIC = ["age", "euribor3m"]
# Frame order of bank-additional-full (with the derived previously_contacted last).
ORDER = ["age", "job", "marital", "education", "default", "housing", "loan", "contact", "month",
         "day_of_week", "duration", "campaign", "previous", "poutcome", "emp_var_rate",
         "cons_price_idx", "cons_conf_idx", "euribor3m", "nr_employed", "previously_contacted"]
MIN_LEVEL_SHARE = 0.0005


def design(df, y, numeric=NUMERIC, categorical=CATEGORICAL[:-1], references=None):
    """The encoding of cl::buildDesign: `numeric` as they are, `categorical` one-hot against
    the most frequent level (or `references`), levels under MIN_LEVEL_SHARE of the rows or
    with one outcome only merged into the reference."""
    references = references or {}
    cols = {"(Intercept)": np.ones(len(df))}
    for c in ORDER:
        if c in numeric:
            cols[c] = df[c].astype(float).to_numpy()
            continue
        if c not in categorical:
            continue
        counts = df[c].value_counts()
        ref = references.get(c, counts.index[0])
        for level in sorted(counts.index):
            rows = (df[c] == level).to_numpy()
            positives = y[rows].sum()
            one_outcome = positives == 0 or positives == rows.sum()
            if level == ref or counts[level] < MIN_LEVEL_SHARE * len(df) or one_outcome:
                continue
            cols[f"{c}={level} (ref {ref})"] = rows.astype(float)
    x = pd.DataFrame(cols)
    return x.drop(columns=[k for k in x.columns if k.startswith("loan=unknown")])


def drop_aliased(x, tol=1e-9):
    """Sequential aliasing check as cl::fitLogistic: in column order, a column whose 1 - R^2
    on the earlier kept columns (with intercept) is <= tol is dropped. Returns (kept, report)."""
    kept, report = ["(Intercept)"], {}
    for c in x.columns[1:]:
        v = x[c].to_numpy() - x[c].mean()
        own = v @ v
        if own > 0:
            a = x[kept[1:]].to_numpy() - x[kept[1:]].mean().to_numpy()
            coef = np.linalg.lstsq(a, v, rcond=None)[0] if kept[1:] else np.zeros(0)
            r = v - a @ coef if kept[1:] else v
            ratio = float(r @ r / own)
        else:
            ratio = 0.0
        report[c] = ratio
        if ratio > tol:
            kept.append(c)
    return kept, report


def fit(x, y):
    res = sm.Logit(y, x).fit(method="newton", tol=1e-10, maxiter=200, disp=0)
    assert res.mle_retvals["converged"]
    return res


def hosmer_lemeshow(p, y, groups=10):
    order = np.argsort(p, kind="stable")
    g = (np.arange(len(p)) * groups) // len(p)
    chi2 = 0.0
    for k in range(groups):
        idx = order[g == k]
        o, e, n = y[idx].sum(), p[idx].sum(), len(idx)
        chi2 += (o - e) ** 2 / (e * (1 - e / n))
    return chi2, float(scipy.stats.chi2.sf(chi2, groups - 2))


def deciles(p, y):
    order = np.argsort(-p, kind="stable")
    g = (np.arange(len(p)) * 10) // len(p)
    subs = [int(y[order[g == k]].sum()) for k in range(10)]
    return subs, float(np.cumsum(subs)[1] / y.sum())


def delong_pairwise(s, y):
    """DeLong by its definition (all pairs), independent of the rank formula in C++."""
    pos, neg = s[y == 1], s[y == 0]
    psi = (pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])
    v10, v01 = psi.mean(axis=1), psi.mean(axis=0)
    auc = psi.mean()
    se = np.sqrt(v10.var(ddof=1) / len(pos) + v01.var(ddof=1) / len(neg))
    return float(auc), float(se)


def rolling_origin(df, x, y, n_test):
    """Blocks, pooled AUC and per-block AUC of the rolling-origin validation."""
    n = len(df)
    month = df["month"].to_numpy()
    starts = [n - n_test] + [i for i in range(n - n_test + 1, n) if month[i] != month[i - 1]]
    scores, blocks = np.zeros(n_test), []
    for b, start in enumerate(starts):
        end = starts[b + 1] if b + 1 < len(starts) else n
        xt = x.iloc[:start]
        keep, _ = drop_aliased(xt)
        res = fit(xt[keep], y[:start])
        beta = pd.Series(0.0, index=x.columns)
        beta[keep] = res.params[keep]
        xb = x.iloc[start:end]
        eta = xb.to_numpy() @ beta.to_numpy()
        unseen_rows = np.zeros(end - start, dtype=bool)
        for c in x.columns[1:]:
            if "=" not in c or xt[c].sum() > 0:
                continue
            column = c.split("=")[0]
            dummies = [k for k in x.columns if k.startswith(column + "=")]
            average = float(sum(beta[k] * xt[k].mean() for k in dummies))
            rows = xb[c].to_numpy() != 0
            eta[rows] += average
            unseen_rows |= rows
        p = 1 / (1 + np.exp(-eta))
        scores[start - (n - n_test):end - (n - n_test)] = p
        yb = y[start:end]
        blocks.append({"label": str(month[start]), "train_rows": start, "rows": end - start,
                       "subscribers": int(yb.sum()),
                       "auc": float(roc_auc_score(yb, p)) if 0 < yb.sum() < len(yb) else None,
                       "unseen_rows": int(unseen_rows.sum())})
    yt = y[n - n_test:]
    return {"blocks": blocks, "auc_sklearn": float(roc_auc_score(yt, scores)),
            "log_loss": float(log_loss(yt, scores)), "brier": float(brier_score_loss(yt, scores))}


def main():
    src, out = sys.argv[1], sys.argv[2]
    df = pd.read_csv(src, sep=";")
    df.columns = [c.replace(".", "_") for c in df.columns]
    y = (df["y"] == "yes").astype(float).to_numpy()
    x = design(df, y)
    full = fit(x, y)

    n = len(df)
    n_test = int(round(0.2 * n))
    train, test = slice(0, n - n_test), slice(n - n_test, n)
    xt = x.iloc[train]
    keep, ratios = drop_aliased(xt)
    split = fit(xt[keep], y[train])
    p = np.asarray(split.predict(x.iloc[test][keep]))
    yt = y[test]
    hl_chi2, hl_p = hosmer_lemeshow(p, yt)
    subs, top20 = deciles(p, yt)
    d_auc, d_se = delong_pairwise(p, yt)

    # A small metrics case, for the unit tests of AUC, HL and deciles.
    rng = np.random.default_rng(7)
    ms = np.round(rng.uniform(size=40), 2)  # rounded: ties on purpose
    my = (rng.uniform(size=40) < ms).astype(float)
    m_auc, m_se = delong_pairwise(ms, my)
    m_hl, m_hlp = hosmer_lemeshow(ms, my)
    m_subs, m_top = deciles(ms, my)

    ref = {
        "command": "/usr/bin/python3 scripts/regression_reference.py "
                   "../shared/data/uci-bank-marketing/bank-additional-full.csv "
                   "tests/data/regression_reference.json",
        "versions": {"statsmodels": statsmodels.__version__, "sklearn": sklearn.__version__,
                     "numpy": np.__version__, "pandas": pd.__version__},
        "full": {
            "rows": n,
            "terms": {k: {"coef": float(full.params[k]), "se": float(full.bse[k])}
                      for k in x.columns},
            "llf": float(full.llf), "llnull": float(full.llnull), "aic": float(full.aic),
            "bic": float(full.bic), "prsquared": float(full.prsquared),
            "llr": float(full.llr), "llr_df": float(full.df_model),
        },
        "time_split": {
            "train_rows": n - n_test, "test_rows": n_test,
            "aliased": [c for c in x.columns if c not in keep],
            "smallest_kept_1_minus_r2": min(v for k, v in ratios.items() if k in keep),
            "llf": float(split.llf),
            "auc_sklearn": float(roc_auc_score(yt, p)),
            "auc_delong": d_auc, "auc_delong_se": d_se,
            "log_loss": float(log_loss(yt, p)), "brier": float(brier_score_loss(yt, p)),
            "hl_chi2": float(hl_chi2), "hl_p": hl_p,
            "decile_subscribers": subs, "top20_capture": top20,
        },
        "rolling_origin": rolling_origin(df, x, y, n_test),
        "metrics_case": {
            "score": ms.tolist(), "y": my.astype(int).tolist(),
            "auc": m_auc, "auc_se": m_se, "hl_chi2": float(m_hl), "hl_p": m_hlp,
            "decile_subscribers": m_subs, "top20_capture": m_top,
            "log_loss": float(log_loss(my, ms)), "brier": float(brier_score_loss(my, ms)),
        },
    }
    with open(out, "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
