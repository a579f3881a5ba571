#!/usr/bin/python3
"""scikit-learn side of bench_regression (issue 4): times LogisticRegression on a design.

Usage: /usr/bin/python3 scripts/regression_bench_sklearn.py X.npy y.npy [repeats]
X.npy: design without the intercept column (float64); y.npy: 0/1 (float64).
Prints one JSON line: best and all fit times (seconds, fit() only), log-likelihood, iterations,
the BLAS numpy uses and its thread count.
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss


def blas_info():
    try:
        from threadpoolctl import threadpool_info
        return [{"api": i.get("internal_api"), "threads": i.get("num_threads"),
                 "file": i.get("filepath")} for i in threadpool_info()]
    except ImportError:
        return []


def main():
    x = np.load(sys.argv[1])
    y = np.load(sys.argv[2])
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    # C order: the layout scikit-learn's loss and gradient products prefer.
    x = np.ascontiguousarray(x)
    times, model = [], None
    for _ in range(repeats):
        model = LogisticRegression(penalty=None, solver="lbfgs", max_iter=100000, tol=1e-10,
                                   fit_intercept=True)
        t = time.perf_counter()
        model.fit(x, y)
        times.append(time.perf_counter() - t)
    p = model.predict_proba(x)[:, 1]
    ll = -log_loss(y, p, normalize=False)
    print(json.dumps({"seconds": min(times), "all_seconds": times, "loglik": float(ll),
                      "n_iter": int(model.n_iter_[0]), "sklearn": sklearn.__version__,
                      "numpy": np.__version__, "blas": blas_info()}))


if __name__ == "__main__":
    main()
