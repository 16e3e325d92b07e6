#!/usr/bin/env python3
"""Reference values for Tests/GZQTests/NumericReferenceTests.swift, computed without gzq.

Every figure is computed twice, independently: once exactly (fractions.Fraction on the
binary values of the inputs, or decimal.Decimal at 60 digits for powers), rounded once to
the nearest double, and once with Python's `statistics` module (and numpy where it has the
function); the two must agree to 1e-13 before anything is written. The exact value is the
one stored. Run from anywhere:

    python3 Tests/GZQTests/reference/compute_reference.py

It rewrites values.json next to this file. The inputs are fixed below (a small deterministic
generator makes the longer series), so the output is reproducible byte for byte.
"""
import json
import math
import pathlib
import statistics
from decimal import Decimal, getcontext
from fractions import Fraction

import numpy as np

getcontext().prec = 60
HERE = pathlib.Path(__file__).resolve().parent


def lcg(seed, count, lo, hi, digits):
    """A deterministic pseudo-random series (no dependence on Python's random module)."""
    out, state = [], seed
    for _ in range(count):
        state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
        out.append(round(lo + (hi - lo) * (state >> 11) / 2**53, digits))
    return out


def close(a, b, tol=1e-13):
    if a is None or b is None:
        return a is b
    return abs(a - b) <= tol * max(abs(a), abs(b), 1e-300)


def check(label, exact, independent):
    if not close(exact, independent):
        raise SystemExit(f"{label}: exact {exact!r} and independent {independent!r} disagree")


# ---- trend / forecast -------------------------------------------------------------------

def trend_exact(xs, ys):
    pairs = [(Fraction(x), Fraction(y)) for x, y in zip(xs, ys) if x is not None and y is not None]
    n = len(pairs)
    mx = sum(x for x, _ in pairs) / n
    my = sum(y for _, y in pairs) / n
    sxx = sum((x - mx) ** 2 for x, _ in pairs)
    sxy = sum((x - mx) * (y - my) for x, y in pairs)
    syy = sum((y - my) ** 2 for _, y in pairs)
    slope = sxy / sxx
    intercept = my - slope * mx
    r2 = None if syy == 0 else sxy * sxy / (sxx * syy)
    return slope, intercept, r2, n


TREND_CASES = [
    # Head-of-agency court appearance rate, 2017→2021 (33.1% → 65.81%, Samples/data).
    ("appearance_rate", [2017, 2018, 2019, 2020, 2021], [0.331, 0.4017, 0.4539, 0.5466, 0.6581], [2022, 2025]),
    # 全省通办 items 2020→2021 and a made-up 2019: an exact line through three points.
    ("three_points", [2019, 2020, 2021], [100, 671, 3635], [2022]),
    ("falling", [1, 2, 3, 4, 5, 6], [9.5, 8.25, 7.5, 5.0, 4.75, 2.0], [0, 7]),
    ("flat_y", [2015, 2016, 2017, 2018], [0.85, 0.85, 0.85, 0.85], [2030]),
    ("with_nulls", [2015, 2016, None, 2018, 2019, 2020], [1.5, None, 3.0, 4.25, 4.0, 6.5], [2021]),
    ("funding_yuan", [2016, 2017, 2018, 2019, 2020], [410000000, 480000000, 560000000, 640000000, 760000000], [2021]),
    ("lcg_50", list(range(1971, 2021)), lcg(7, 50, 0.2, 0.9, 4), [2021, 2030]),
    ("lcg_200_floats", lcg(11, 200, -50.0, 50.0, 3), lcg(13, 200, 1000.0, 2000.0, 2), [0.0, 12.5]),
]


def trend_cases():
    out = []
    for name, xs, ys, ats in TREND_CASES:
        slope, intercept, r2, n = trend_exact(xs, ys)
        fx = [float(x) for x, y in zip(xs, ys) if x is not None and y is not None]
        fy = [float(y) for x, y in zip(xs, ys) if x is not None and y is not None]
        # Independent: statistics.linear_regression / correlation, and numpy.polyfit.
        lr = statistics.linear_regression(fx, fy)
        check(name + " slope", float(slope), lr.slope)
        check(name + " intercept", float(intercept), lr.intercept)
        p = np.polyfit(np.array(fx), np.array(fy), 1)
        if not (abs(p[0] - float(slope)) <= 1e-9 * max(1.0, abs(float(slope)))):
            raise SystemExit(f"{name}: numpy slope {p[0]} vs {float(slope)}")
        if r2 is not None:
            check(name + " r2", float(r2), statistics.correlation(fx, fy) ** 2)
        out.append({
            "name": name, "xs": xs, "ys": ys, "n": n,
            "slope": float(slope), "intercept": float(intercept),
            "r2": None if r2 is None else float(r2),
            "forecast": [{"at": at, "value": float(intercept + slope * Fraction(at))} for at in ats],
        })
    return out


# ---- var / stddev / median -------------------------------------------------------------

SPREAD_CASES = [
    ("textbook", [2, 4, 4, 4, 5, 5, 7, 9]),
    ("rates", [0.331, 0.4017, 0.4539, 0.5466, 0.6581]),
    ("two_values", [10185, 10714]),
    ("with_nulls", [1.5, None, 2.25, 8.0, None, 0.125]),
    ("large_offset", [1e9 + 1, 1e9 + 2, 1e9 + 4, 1e9 + 7]),
    ("lcg_1000", lcg(17, 1000, 0.0, 100.0, 6)),
    ("negatives", [-3.5, 2, -7, 11.25, 0, -0.5]),
    # Issue 19: constants give exactly 0, and a large common offset does not swamp the spread.
    ("constant", [214748364.8, 214748364.8, 214748364.8]),
    ("constant_rate", [0.1] * 7),
    ("large_offset_small", [1e9 + 0.1, 1e9 + 0.2, 1e9 + 0.3, 1e9 + 0.4]),
    ("offset_1e12", [1e12 + 3.25, 1e12 + 1.5, None, 1e12 + 8.0, 1e12 + 0.75]),
]


def spread_cases():
    out = []
    for name, xs in SPREAD_CASES:
        present = [x for x in xs if x is not None]
        exact = [Fraction(x) for x in present]
        n = len(exact)
        mean = sum(exact) / n
        var = sum((x - mean) ** 2 for x in exact) / (n - 1)
        stddev = Decimal(var.numerator) / Decimal(var.denominator)
        stddev = float(stddev.sqrt())
        s = sorted(exact)
        median = s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2
        check(name + " var", float(var), statistics.variance(present))
        check(name + " stddev", stddev, statistics.stdev(present))
        check(name + " median", float(median), statistics.median(present))
        # numpy's float mean is off by an ulp for constants (214748364.8 ×3 gives 3.65e-08, not
        # 0), so it is compared on the scale of the data; `statistics` above is exact.
        np_stddev = float(np.std(np.array(present, dtype=float), ddof=1))
        scale = max(abs(x) for x in present)
        if abs(np_stddev - stddev) > max(1e-13 * abs(stddev), 1e-15 * scale):
            raise SystemExit(f"{name} stddev numpy: exact {stddev!r} and numpy {np_stddev!r} disagree")
        out.append({"name": name, "xs": xs, "var": float(var), "stddev": stddev, "median": float(median)})
    return out


# ---- cagr ------------------------------------------------------------------------------

CAGR_CASES = [
    ("preschool_funding", 550000000, 2850000000, 5),
    ("tongban_items", 671, 3635, 1),
    ("appearance_rate", 0.331, 0.6581, 4),
    ("small_growth", 100, 101, 10),
    ("decline", 3412, 2100, 4),
    ("fractional_periods", 1.5, 2.75, 2.5),
    ("to_zero", 100, 0, 3),
]


def cagr_cases():
    out = []
    for name, first, last, periods in CAGR_CASES:
        ratio = Decimal(last) / Decimal(first)
        exact = Decimal(-1) if ratio == 0 else (ratio.ln() / Decimal(periods)).exp() - 1
        independent = math.pow(last / first, 1 / periods) - 1
        # The "- 1" cancels digits when the rate is small, so math.pow is only good to about
        # 1e-16 absolute there: compare relatively, or absolutely near zero.
        if abs(float(exact) - independent) > max(1e-13 * abs(independent), 1e-15):
            raise SystemExit(f"{name}: cagr {float(exact)!r} vs {independent!r}")
        out.append({"name": name, "first": first, "last": last, "periods": periods, "value": float(exact)})
    return out


# ---- moving_avg ------------------------------------------------------------------------

MOVING_CASES = [
    ("cases_window_3", [1220, 1385, None, 1690, 1702, 1811, None, None, 2050], 3),
    ("rates_window_2", [0.331, 0.4017, 0.4539, 0.5466, 0.6581], 2),
    ("lcg_window_7", lcg(23, 60, 0.0, 1000.0, 3), 7),
    ("window_1", [0.1, 0.2, None, 0.4], 1),
]


def moving_cases():
    out = []
    for name, xs, n in MOVING_CASES:
        values = []
        for p in range(len(xs)):
            if p < n - 1:
                values.append(None)
                continue
            window = [x for x in xs[p - n + 1:p + 1] if x is not None]
            if not window:
                values.append(None)
                continue
            exact = float(sum(Fraction(x) for x in window) / len(window))
            check(f"{name}[{p}]", exact, statistics.fmean(window))
            values.append(exact)
        out.append({"name": name, "xs": xs, "n": n, "values": values})
    return out


def gzq_list(xs):
    """The list as gzq source (floats in Python's shortest round-trip form, which gzq reads back
    to the same double)."""
    return "[" + ", ".join("null" if x is None else repr(x) for x in xs) + "]"


def with_sources(cases, *keys):
    for case in cases:
        for key in keys:
            case[key + "_gzq"] = gzq_list(case[key])
    return cases


def main():
    sections = {
        "trend": with_sources(trend_cases(), "xs", "ys"),
        "spread": with_sources(spread_cases(), "xs"),
        "cagr": cagr_cases(),
        "moving_avg": with_sources(moving_cases(), "xs"),
    }
    # One case per line: readable diffs, and exact (shortest round-trip) floats.
    lines = ['{"generated_by": "Tests/GZQTests/reference/compute_reference.py",']
    for i, (key, cases) in enumerate(sections.items()):
        body = ",\n".join("  " + json.dumps(c, ensure_ascii=False) for c in cases)
        lines.append(f' "{key}": [\n{body}\n ]' + ("," if i < len(sections) - 1 else ""))
    lines.append("}")
    text = "\n".join(lines) + "\n"
    json.loads(text)
    (HERE / "values.json").write_text(text, encoding="utf-8")
    print(f"wrote {HERE / 'values.json'}: " + ", ".join(f"{len(v)} {k}" for k, v in sections.items()))


if __name__ == "__main__":
    main()
