#!/usr/bin/env python3
"""Generates the benchmark data, deterministically (fixed seed), as CSV.

orders:    order_id, customer_id, category (20 values), status (4 values), amount, quantity, order_ts
customers: customer_id, name, region, active

Usage: bench/generate.py [--orders N] [--customers N] [--out DIR]
"""
import argparse
import os

import numpy as np
import polars as pl


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=5_000_000)
    parser.add_argument("--customers", type=int, default=500_000)
    parser.add_argument("--out", default="bench/data")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(20251125)

    categories = np.array([f"category_{i:02d}" for i in range(20)])
    statuses = np.array(["completed", "pending", "cancelled", "refunded"])
    n = args.orders
    start = np.datetime64("2025-01-01T00:00:00")
    orders = pl.DataFrame({
        "order_id": np.arange(1, n + 1, dtype=np.int64),
        "customer_id": rng.integers(1, args.customers + 1, n, dtype=np.int64),
        "category": categories[rng.integers(0, len(categories), n)],
        "status": statuses[rng.choice(len(statuses), n, p=[0.6, 0.2, 0.1, 0.1])],
        "amount": np.round(rng.uniform(1, 500, n), 2),
        "quantity": rng.integers(1, 10, n, dtype=np.int64),
        "order_ts": (start + rng.integers(0, 365 * 86400, n).astype("timedelta64[s]")).astype("datetime64[us]"),
    })
    orders.write_csv(os.path.join(args.out, "orders.csv"), datetime_format="%Y-%m-%d %H:%M:%S")

    m = args.customers
    regions = np.array(["north", "south", "east", "west", "central"])
    customers = pl.DataFrame({
        "customer_id": np.arange(1, m + 1, dtype=np.int64),
        "name": [f"customer {i}" for i in range(1, m + 1)],
        "region": regions[rng.integers(0, len(regions), m)],
        "active": rng.random(m) < 0.8,
    })
    customers.write_csv(os.path.join(args.out, "customers.csv"))
    print(f"wrote {n:,} orders and {m:,} customers to {args.out}")


if __name__ == "__main__":
    main()
