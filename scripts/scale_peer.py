#!/usr/bin/python3
"""statsmodels side of bench_scale: the default model of `campaignlens-cli model` on a (scaled)
copy of bank-additional-full, read, encoded and fitted by pandas + statsmodels.

Usage: /usr/bin/python3 scripts/scale_peer.py FILE.csv time|none

The encoding is regression_reference.design (the one tst_regression_bank is checked against):
the same terms, named as `campaignlens-cli model --format json` names them. `time` fits the
first n - round(0.2 n) rows (the default time-ordered split), `none` every row. statsmodels
Logit, Newton, tol 1e-10, as the reference. The categorical columns are read as pandas
categories: the peer's best setup (object strings need several times the memory).

Prints one JSON line: rows, llf, params and bse by term name, convergence, the seconds of each
phase (imports, read, design, fit = time around .fit() only) and the BLAS numpy has loaded.
When the design would not fit in the memory available it prints {"skipped": reason} and exits
with 3.
"""
import json
import os
import sys
import time

T0 = time.perf_counter()

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import statsmodels  # noqa: E402
import statsmodels.api as sm  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from regression_reference import CATEGORICAL, design  # noqa: E402


def blas_info():
    """The BLAS numpy really calls: threadpoolctl if present, else the loaded shared objects
    (numpy.show_config on Debian names only the generic libblas, an alternatives link)."""
    try:
        from threadpoolctl import threadpool_info
        return [f"{i.get('internal_api')} {i.get('version')} ({i.get('threading_layer')}, "
                f"{i.get('num_threads')} threads): {i.get('filepath')}"
                for i in threadpool_info() if i.get("user_api") == "blas"]
    except ImportError:
        pass
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.lower()}
    return sorted(p for p in paths if p.startswith("/"))


def available_bytes():
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    return 0


def main():
    path, split = sys.argv[1], sys.argv[2]
    # The design, statsmodels' float copy of it and the Hessian's weighted copy, estimated from
    # the file's size (a line is about 140 bytes) before reading it.
    with open(path, "rb") as f:
        head = f.read(1 << 20)
    rows = os.path.getsize(path) * max(head.count(b"\n") - 1, 1) // max(len(head), 1)
    needed = 3 * rows * 60 * 8
    if needed > available_bytes():
        print(json.dumps({"skipped": f"statsmodels would need about {needed / 2**30:.0f} GB for "
                                     f"~{rows} rows, {available_bytes() / 2**30:.0f} GB available"}))
        sys.exit(3)

    t = time.perf_counter()
    imports_s = t - T0
    df = pd.read_csv(path, sep=";", dtype={c: "category" for c in CATEGORICAL[:-1] + ["y"]})
    df.columns = [c.replace(".", "_") for c in df.columns]
    read_s = time.perf_counter() - t

    n = len(df)
    t = time.perf_counter()
    y = (df["y"] == "yes").to_numpy(dtype=float)
    x = design(df, y)
    del df
    if split == "time":
        train = n - int(round(0.2 * n))
        x, y = x.iloc[:train], y[:train]
    xa = x.to_numpy()
    names = list(x.columns)
    del x
    design_s = time.perf_counter() - t

    t = time.perf_counter()
    res = sm.Logit(y, xa).fit(method="newton", tol=1e-10, maxiter=200, disp=0)
    fit_s = time.perf_counter() - t

    print(json.dumps({
        "rows": int(len(y)), "llf": float(res.llf),
        "params": dict(zip(names, map(float, res.params))),
        "bse": dict(zip(names, map(float, res.bse))),
        "converged": bool(res.mle_retvals["converged"]),
        "iterations": int(res.mle_retvals["iterations"]),
        "seconds": {"imports": imports_s, "read": read_s, "design": design_s, "fit": fit_s},
        "blas": blas_info(),
        "versions": {"statsmodels": statsmodels.__version__, "numpy": np.__version__,
                     "pandas": pd.__version__}}))


if __name__ == "__main__":
    main()
