#!/usr/bin/python3
"""Compares a generated demo file with the real bank-additional-full.csv: shares and y rates
per level of the main columns, side by side (aggregates only).

    /usr/bin/python3 scripts/demo_compare.py DEMO.csv [REAL.csv]
"""
import os
import sys

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.path.join(HERE, "..", "..", "shared", "data", "uci-bank-marketing",
                    "bank-additional-full.csv")


def load(path):
    d = pd.read_csv(path, sep=";")
    d["yes"] = (d["y"] == "yes").astype(int)
    d["age_band"] = pd.cut(d["age"], [0, 24, 34, 44, 54, 64, 200],
                           labels=["<25", "25-34", "35-44", "45-54", "55-64", "65+"])
    d["duration_band"] = pd.cut(d["duration"], [-1, 59, 179, 359, 599, 100000],
                                labels=["<60", "60-179", "180-359", "360-599", "600+"])
    return d


def main():
    demo = load(sys.argv[1])
    real = load(sys.argv[2] if len(sys.argv) > 2 else REAL)
    print(f"rows: demo {len(demo)}, real {len(real)}; rate: demo {demo.yes.mean():.4f}, "
          f"real {real.yes.mean():.4f}")
    print(f"age mean: demo {demo.age.mean():.2f}, real {real.age.mean():.2f}; duration median: "
          f"demo {demo.duration.median():.0f}, real {real.duration.median():.0f}")
    for col in ["age_band", "job", "marital", "education", "contact", "month", "poutcome",
                "duration_band"]:
        t = pd.DataFrame({
            "share_demo": demo[col].value_counts(normalize=True),
            "share_real": real[col].value_counts(normalize=True),
            "rate_demo": demo.groupby(col, observed=True)["yes"].mean(),
            "rate_real": real.groupby(col, observed=True)["yes"].mean()})
        print(f"\n{col}\n{t.round(3).to_string()}")


if __name__ == "__main__":
    main()
