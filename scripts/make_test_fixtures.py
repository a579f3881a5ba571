#!/usr/bin/env python3
"""Writes the small CSV fixtures of tests/data (our own random rows, not UCI data).

Run: /usr/bin/python3 scripts/make_test_fixtures.py   (deterministic, seed 7)
"""
import os
import random

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "data")
rng = random.Random(7)

JOBS = ["admin.", "blue-collar", "entrepreneur", "housemaid", "management", "retired",
        "self-employed", "services", "student", "technician", "unemployed", "unknown"]
MARITAL = ["divorced", "married", "single", "unknown"]
EDU = ["basic.4y", "basic.6y", "basic.9y", "high.school", "illiterate",
       "professional.course", "university.degree", "unknown"]
YNU = ["no", "yes", "unknown"]
MONTHS = ["may", "jun", "jul", "aug", "oct", "nov", "dec", "mar", "apr", "sep"]
DAYS = ["mon", "tue", "wed", "thu", "fri"]
HEADER = ["age", "job", "marital", "education", "default", "housing", "loan", "contact",
          "month", "day_of_week", "duration", "campaign", "pdays", "previous", "poutcome",
          "emp.var.rate", "cons.price.idx", "cons.conf.idx", "euribor3m", "nr.employed", "y"]


def row():
    age = rng.randint(18, 90)
    prev = rng.choice([0, 0, 0, 1, 2])
    pdays = 999 if prev == 0 else rng.randint(1, 20)
    pout = "nonexistent" if prev == 0 else rng.choice(["failure", "success"])
    y = "yes" if rng.random() < (0.5 if pout == "success" else 0.1) else "no"
    return [age, rng.choice(JOBS), rng.choice(MARITAL), rng.choice(EDU), rng.choice(YNU),
            rng.choice(YNU), rng.choice(YNU), rng.choice(["cellular", "telephone"]),
            rng.choice(MONTHS), rng.choice(DAYS), rng.randint(0, 1500), rng.randint(1, 10),
            pdays, prev, pout, rng.choice([1.1, 1.4, -1.8, -2.9]),
            rng.choice([93.994, 93.918, 92.893]), rng.choice([-36.4, -42.7, -46.2]),
            rng.choice([4.857, 4.961, 1.313]), rng.choice([5191, 5228.1, 5099.1]), y]


def bank_additional(rows):
    out = ['"' + '";"'.join(HEADER) + '"']
    for r in rows:
        out.append(";".join(f'"{v}"' if isinstance(v, str) else str(v) for v in r))
    return "\r\n".join(out) + "\r\n"


rows = [row() for _ in range(60)]
with open(os.path.join(OUT, "mini_bank_additional.csv"), "w", newline="") as f:
    f.write(bank_additional(rows))

# Same rows, with bad lines mixed in: each kind of reject once.
bad = bank_additional(rows[:10]).split("\r\n")
bad.insert(3, '44;"admin.";"married"')                                        # too few
bad.insert(5, bad[4] + ';"extra"')                                            # too many
bad.insert(7, bad[6].replace(bad[6].split(";")[0], "forty", 1))               # bad number
bad.insert(9, bad[8].rsplit(";", 1)[0] + ';"maybe"')                          # bad target
with open(os.path.join(OUT, "mini_bank_bad_rows.csv"), "w", newline="") as f:
    f.write("\r\n".join(bad))

# A custom export: comma separated, other names, a customer id, 1/0 target, Windows-1252.
with open(os.path.join(OUT, "custom_export_cp1252.csv"), "wb") as f:
    f.write("customer_id,customer_age,occupation,marital_status,city,subscribed\n".encode())
    cities = ["Tromsø", "Bærum", "Ålesund", "Oslo"]
    for i in range(40):
        r = row()
        f.write(f"C{1000 + i},{r[0]},{r[1]},{r[2]},{rng.choice(cities)},"
                f"{1 if r[20] == 'yes' else 0}\n".encode("cp1252"))

# Binary garbage.
with open(os.path.join(OUT, "binary_garbage.bin"), "wb") as f:
    f.write(bytes(rng.randrange(256) for _ in range(4096)))
