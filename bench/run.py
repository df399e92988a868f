#!/usr/bin/env python3
"""Runs the benchmark workloads on Sluice, DuckDB and Polars over the same data, in one go,
and prints each tool's median time and Sluice's ratio to the fastest peer.

W1: orders CSV -> filter (status = 'completed' AND amount > 50) + two derived columns -> CSV
W2: orders CSV -> group by category, status with sum/avg/max/count -> CSV
W3: join orders with customers, filter active, group by region -> CSV
W4: orders CSV -> Parquet (snappy)
W5: orders Parquet -> group by category, status with sum/avg/max/count -> CSV

Usage: bench/run.py [--data bench/data] [--runs 3] [--sluice .build/release/sluice]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time

import duckdb
import polars as pl


def timed(tools, runs):
    """Each tool's median time over `runs` rounds. A round runs every tool once, so a drift in
    the machine's speed during the measurement weighs on all of them alike."""
    times = {tool: [] for tool in tools}
    for _ in range(runs):
        for tool, function in tools.items():
            start = time.perf_counter()
            function()
            times[tool].append(time.perf_counter() - start)
    return {tool: statistics.median(values) for tool, values in times.items()}


def sluice_pipeline(binary, name, steps, out, state):
    """A function running the pipeline `steps` (with its load step) through Sluice."""
    path = os.path.join(out, f"{name}.json")
    with open(path, "w") as f:
        json.dump({"name": f"bench_{name}", "steps": steps}, f)

    def run():
        subprocess.run([binary, "run", path, "--state-dir", state, "--log-level", "error"], check=True,
                       stdout=subprocess.DEVNULL)
    return run


def csv_load(out, name):
    return {"type": "load", "method": "toFile", "config": {"path": f"{out}/sluice_{name}", "format": "csv", "mode": "overwrite"}}


def sluice_w1(binary, data, out, state):
    return sluice_pipeline(binary, "w1", [
        {"type": "extract", "method": "fromFile", "config": {"path": f"{data}/orders.csv", "format": "csv"}},
        {"type": "transform", "method": "filterRows", "config": {"condition": "status = 'completed' AND amount > 50"}},
        {"type": "transform", "method": "enrichData",
         "config": {"columns": {"total": "amount * quantity", "category_upper": "upper(category)"}}},
        csv_load(out, "w1"),
    ], out, state)


def sluice_w2(binary, data, out, state):
    return sluice_pipeline(binary, "w2", [
        {"type": "extract", "method": "fromFile", "config": {"path": f"{data}/orders.csv", "format": "csv"}},
        {"type": "transform", "method": "aggregateData",
         "config": {"groupBy": ["category", "status"], "aggregations": {"amount": ["sum", "avg", "max"], "orders": "count(*)"}}},
        csv_load(out, "w2"),
    ], out, state)


def duckdb_copy(query, target):
    """A function running `query` in a fresh DuckDB connection and writing it to `target` as CSV."""
    def run():
        con = duckdb.connect()
        con.execute(f"COPY ({query}) TO '{target}' (HEADER)")
        con.close()
    return run


def duckdb_w2(data, out):
    return duckdb_copy(f"""SELECT category, status, sum(amount) AS amount_sum, avg(amount) AS amount_avg,
                         max(amount) AS amount_max, count(*) AS orders
                  FROM read_csv('{data}/orders.csv', header = true) GROUP BY category, status""", f"{out}/duckdb_w2.csv")


def polars_w2(data, out):
    def run():
        (pl.scan_csv(f"{data}/orders.csv", try_parse_dates=True)
         .group_by("category", "status")
         .agg(pl.col("amount").sum().alias("amount_sum"), pl.col("amount").mean().alias("amount_avg"),
              pl.col("amount").max().alias("amount_max"), pl.len().alias("orders"))
         .sink_csv(f"{out}/polars_w2.csv"))
    return run


def sluice_w3(binary, data, out, state):
    return sluice_pipeline(binary, "w3", [
        {"type": "extract", "method": "fromFile", "config": {"path": f"{data}/orders.csv", "format": "csv", "registerAs": "orders"}},
        {"type": "extract", "method": "fromFile", "config": {"path": f"{data}/customers.csv", "format": "csv", "registerAs": "customers"}},
        {"type": "transform", "method": "joinDataFrames",
         "config": {"inputDataFrames": ["orders", "customers"], "joinColumn": "customer_id"}},
        {"type": "transform", "method": "filterRows", "config": {"condition": "active"}},
        {"type": "transform", "method": "aggregateData",
         "config": {"groupBy": ["region"], "aggregations": {"amount": ["sum", "count"]}}},
        csv_load(out, "w3"),
    ], out, state)


def duckdb_w3(data, out):
    return duckdb_copy(f"""SELECT region, sum(amount) AS amount_sum, count(amount) AS amount_count
                  FROM read_csv('{data}/orders.csv', header = true) o
                  JOIN read_csv('{data}/customers.csv', header = true) c USING (customer_id)
                  WHERE active GROUP BY region""", f"{out}/duckdb_w3.csv")


def polars_w3(data, out):
    def run():
        orders = pl.scan_csv(f"{data}/orders.csv", try_parse_dates=True)
        customers = pl.scan_csv(f"{data}/customers.csv")
        (orders.join(customers, on="customer_id").filter(pl.col("active"))
         .group_by("region").agg(pl.col("amount").sum().alias("amount_sum"), pl.col("amount").count().alias("amount_count"))
         .sink_csv(f"{out}/polars_w3.csv"))
    return run


def duckdb_w1(data, out):
    return duckdb_copy(f"""SELECT *, amount * quantity AS total, upper(category) AS category_upper
                  FROM read_csv('{data}/orders.csv', header = true)
                  WHERE status = 'completed' AND amount > 50""", f"{out}/duckdb_w1.csv")


def polars_w1(data, out):
    def run():
        (pl.scan_csv(f"{data}/orders.csv", try_parse_dates=True)
         .filter((pl.col("status") == "completed") & (pl.col("amount") > 50))
         .with_columns((pl.col("amount") * pl.col("quantity")).alias("total"),
                       pl.col("category").str.to_uppercase().alias("category_upper"))
         .sink_csv(f"{out}/polars_w1.csv"))
    return run


def sluice_w4(binary, data, out, state):
    return sluice_pipeline(binary, "w4", [
        {"type": "extract", "method": "fromFile", "config": {"path": f"{data}/orders.csv", "format": "csv"}},
        {"type": "load", "method": "toFile",
         "config": {"path": f"{out}/sluice_w4", "format": "parquet", "compression": "snappy", "mode": "overwrite"}},
    ], out, state)


def duckdb_w4(data, out):
    def run():
        con = duckdb.connect()
        con.execute(f"COPY (SELECT * FROM read_csv('{data}/orders.csv', header = true)) TO '{out}/duckdb_w4.parquet' "
                    "(FORMAT PARQUET, COMPRESSION SNAPPY)")
        con.close()
    return run


def polars_w4(data, out):
    def run():
        pl.scan_csv(f"{data}/orders.csv", try_parse_dates=True).sink_parquet(f"{out}/polars_w4.parquet", compression="snappy")
    return run


def orders_parquet(data):
    """The orders as one Parquet file (written once by DuckDB), the input of W5."""
    path = f"{data}/orders.parquet"
    if not os.path.exists(path):
        duckdb.sql(f"COPY (SELECT * FROM read_csv('{data}/orders.csv', header = true)) TO '{path}' "
                   "(FORMAT PARQUET, COMPRESSION SNAPPY)")
    return path


def sluice_w5(binary, data, out, state):
    return sluice_pipeline(binary, "w5", [
        {"type": "extract", "method": "fromFile", "config": {"path": orders_parquet(data), "format": "parquet"}},
        {"type": "transform", "method": "aggregateData",
         "config": {"groupBy": ["category", "status"], "aggregations": {"amount": ["sum", "avg", "max"], "orders": "count(*)"}}},
        csv_load(out, "w5"),
    ], out, state)


def duckdb_w5(data, out):
    return duckdb_copy(f"""SELECT category, status, sum(amount) AS amount_sum, avg(amount) AS amount_avg,
                         max(amount) AS amount_max, count(*) AS orders
                  FROM read_parquet('{orders_parquet(data)}') GROUP BY category, status""", f"{out}/duckdb_w5.csv")


def polars_w5(data, out):
    def run():
        (pl.scan_parquet(orders_parquet(data))
         .group_by("category", "status")
         .agg(pl.col("amount").sum().alias("amount_sum"), pl.col("amount").mean().alias("amount_avg"),
              pl.col("amount").max().alias("amount_max"), pl.len().alias("orders"))
         .sink_csv(f"{out}/polars_w5.csv"))
    return run


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="bench/data")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sluice", default=".build/release/sluice")
    parser.add_argument("--only", nargs="*", default=None, help="workload ids to run (W1 ... W5)")
    args = parser.parse_args()
    data = os.path.abspath(args.data)
    out = tempfile.mkdtemp(prefix="sluice-bench-")
    state = os.path.join(out, "state")
    try:
        workloads = {
            "W1 filter+derive": {
                "sluice": sluice_w1(os.path.abspath(args.sluice), data, out, state),
                "duckdb": duckdb_w1(data, out),
                "polars": polars_w1(data, out),
            },
            "W2 group by": {
                "sluice": sluice_w2(os.path.abspath(args.sluice), data, out, state),
                "duckdb": duckdb_w2(data, out),
                "polars": polars_w2(data, out),
            },
            "W3 join+group": {
                "sluice": sluice_w3(os.path.abspath(args.sluice), data, out, state),
                "duckdb": duckdb_w3(data, out),
                "polars": polars_w3(data, out),
            },
            "W4 csv->parquet": {
                "sluice": sluice_w4(os.path.abspath(args.sluice), data, out, state),
                "duckdb": duckdb_w4(data, out),
                "polars": polars_w4(data, out),
            },
            "W5 parquet group": {
                "sluice": sluice_w5(os.path.abspath(args.sluice), data, out, state),
                "duckdb": duckdb_w5(data, out),
                "polars": polars_w5(data, out),
            },
        }
        if args.only:
            workloads = {name: tools for name, tools in workloads.items() if name.split()[0] in args.only}
        print(f"{'workload':<18} {'sluice':>9} {'duckdb':>9} {'polars':>9}  sluice / fastest peer")
        for name, tools in workloads.items():
            times = timed(tools, args.runs)
            fastest_peer = min(times["duckdb"], times["polars"])
            print(f"{name:<18} {times['sluice']:>8.3f}s {times['duckdb']:>8.3f}s {times['polars']:>8.3f}s  "
                  f"{times['sluice'] / fastest_peer:.2f}x")
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
