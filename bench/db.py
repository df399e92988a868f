#!/usr/bin/env python3
"""PostgreSQL extract and load, measured against PostgreSQL's own COPY on the same table.

E1: extract a 1M-row table to Parquet with Sluice (fromPostgres, partitioned over 4 ranges)
    vs `COPY (SELECT * FROM t) TO STDOUT` through psql into /dev/null.
L1: load the same rows from Parquet into a new table with Sluice (toPostgres, COPY)
    vs `COPY t FROM STDIN` of the table's CSV through psql.

It prints each median and Sluice's throughput as a share of COPY's (the target for the
extract is at least 90 %). Needs the test server (scripts/start-postgres) and a release build.

Usage: bench/db.py [--rows 1000000] [--runs 3] [--sluice .build/release/sluice]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time


def env():
    exports = subprocess.run(["scripts/start-postgres", "--env"], check=True, capture_output=True, text=True).stdout
    values = dict(part.split("=", 1) for line in exports.splitlines() for part in line.replace("export ", "").split())
    return values


def psql(values, sql, stdin=None, stdout=subprocess.DEVNULL):
    environment = dict(os.environ, PGPASSWORD=values["SLUICE_PGTEST_PASSWORD"], PGOPTIONS="-c client_min_messages=warning")
    return subprocess.run(["psql", "-q", "-h", values["SLUICE_PGTEST_HOST"], "-p", values["SLUICE_PGTEST_PORT"],
                           "-U", values["SLUICE_PGTEST_USER"], "-d", values["SLUICE_PGTEST_DATABASE"], "-c", sql],
                          env=environment, check=True, stdin=stdin, stdout=stdout)


def timed(function, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sluice", default=".build/release/sluice")
    args = parser.parse_args()
    values = env()
    binary = os.path.abspath(args.sluice)
    work = tempfile.mkdtemp(prefix="sluice-db-bench-")
    environment = dict(os.environ, **{key.replace("PGTEST", "BENCH"): value for key, value in values.items()})
    try:
        psql(values, "DROP TABLE IF EXISTS bench_orders; CREATE TABLE bench_orders AS SELECT i AS order_id, "
                     "(i % 50000) AS customer_id, 'category ' || (i % 20) AS category, "
                     "(ARRAY['completed','pending','shipped','cancelled'])[1 + i % 4] AS status, (i % 1000) / 7.0::float8 AS amount, "
                     f"(i % 9) AS quantity, TIMESTAMP '2024-01-01' + i * INTERVAL '1 second' AS order_ts FROM generate_series(1, {args.rows}) i")
        csv_path = os.path.join(work, "orders.csv")
        with open(csv_path, "w") as out:
            psql(values, "COPY bench_orders TO STDOUT (FORMAT csv)", stdout=out)

        def run(name, steps):
            path = os.path.join(work, f"{name}.json")
            with open(path, "w") as f:
                json.dump({"name": name, "steps": steps}, f)
            return lambda: subprocess.run([binary, "run", path, "--state-dir", os.path.join(work, "state"), "--log-level", "error"],
                                          check=True, stdout=subprocess.DEVNULL, env=environment, cwd=work)

        extract = run("extract", [
            {"type": "extract", "method": "fromPostgres", "config": {"credentialPath": "bench", "table": "bench_orders",
                                                                    "partitionColumn": "order_id", "numPartitions": 4,
                                                                    "lowerBound": 1, "upperBound": args.rows}},
            {"type": "load", "method": "toFile", "config": {"path": "out/orders", "format": "parquet", "mode": "overwrite"}}])
        copy_out = lambda: psql(values, "COPY (SELECT * FROM bench_orders) TO STDOUT")
        extract()
        load = run("load", [
            {"type": "extract", "method": "fromFile", "config": {"path": "out/orders", "format": "parquet"}},
            {"type": "load", "method": "toPostgres", "config": {"credentialPath": "bench", "table": "bench_loaded", "mode": "overwrite"}}])
        psql(values, "DROP TABLE IF EXISTS bench_copied; CREATE TABLE bench_copied (LIKE bench_orders)")

        def copy_in():
            psql(values, "TRUNCATE bench_copied")
            with open(csv_path) as source:
                psql(values, "COPY bench_copied FROM STDIN (FORMAT csv)", stdin=source)

        results = {
            "E1 extract": (timed(extract, args.runs), timed(copy_out, args.runs)),
            "L1 load": (timed(load, args.runs), timed(copy_in, args.runs)),
        }
        print(f"{'workload':<12} {'sluice':>9} {'COPY':>9}  sluice throughput / COPY's ({args.rows:,} rows)")
        for name, (sluice, copy) in results.items():
            print(f"{name:<12} {sluice:>8.2f}s {copy:>8.2f}s  {copy / sluice * 100:.0f} %")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        psql(values, "DROP TABLE IF EXISTS bench_orders, bench_loaded, bench_copied")


if __name__ == "__main__":
    main()
