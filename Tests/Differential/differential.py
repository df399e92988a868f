#!/usr/bin/env python3
"""Differential test: generated pipelines run by Sluice and, as SQL, by DuckDB on the same
generated data; the results must agree (as multisets, floats within 1e-9 relative).

Usage: differential.py --sluice PATH [--cases 60] [--seed 7] [--keep]
Exit status 0 when every case agrees; the last line is 'N cases, M mismatches'.
"""
import argparse
import csv
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile

import duckdb

ORDER_COLUMNS = {"order_id": "INTEGER", "customer_id": "INTEGER", "category": "VARCHAR", "status": "VARCHAR",
                 "amount": "DOUBLE", "quantity": "INTEGER", "day": "DATE"}
CUSTOMER_COLUMNS = {"customer_id": "INTEGER", "name": "VARCHAR", "region": "VARCHAR", "active": "BOOLEAN"}
CATEGORIES = ["books", "garden", "toys", "kitchen", "music"]
STATUSES = ["completed", "pending", "cancelled"]
REGIONS = ["north", "south", "east", "west"]


def write_data(directory, rng):
    """Orders (with nulls in every nullable column) and customers, as CSV."""
    with open(os.path.join(directory, "orders.csv"), "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(ORDER_COLUMNS)
        for order_id in range(1, 1501):
            def maybe(value, probability=0.08):
                return "" if rng.random() < probability else value
            out.writerow([order_id, maybe(rng.randint(1, 120)), maybe(rng.choice(CATEGORIES)), rng.choice(STATUSES),
                          maybe(f"{rng.uniform(-50, 500):.2f}"), maybe(rng.randint(0, 9)),
                          maybe(f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")])
    with open(os.path.join(directory, "customers.csv"), "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(CUSTOMER_COLUMNS)
        for customer_id in range(1, 101):
            out.writerow([customer_id, f"customer {customer_id}", rng.choice(REGIONS), rng.choice(["true", "false"])])


class Generator:
    """Random expressions, each rendered twice: in Spark SQL for Sluice, and in DuckDB SQL
    with Spark's semantics (Spark's concat is NULL if any part is; its x / 0 is NULL)."""

    def __init__(self, rng):
        self.rng = rng

    def numeric(self, depth=0):
        r = self.rng
        choice = r.randint(0, 7 if depth < 2 else 2)
        if choice == 0:
            column = r.choice(["amount", "quantity", "customer_id", "order_id"])
            return column, column
        if choice == 1:
            text = str(r.randint(-5, 100))
            return text, text
        if choice == 2:
            text = f"{r.uniform(-10, 10):.2f}"
            return text, text
        if choice == 3:
            (a, a2), (b, b2), op = self.numeric(depth + 1), self.numeric(depth + 1), r.choice(["+", "-", "*"])
            return f"({a} {op} {b})", f"({a2} {op} {b2})"
        if choice == 4:
            (a, a2), (b, b2) = self.numeric(depth + 1), self.numeric(depth + 1)
            return f"({a} / {b})", f"({a2} / NULLIF({b2}, 0))"
        if choice == 5:
            a, a2 = self.numeric(depth + 1)
            return f"abs({a})", f"abs({a2})"
        if choice == 6:
            text = f"coalesce(quantity, {r.randint(0, 5)})"
            return text, text
        (c, c2), (a, a2), (b, b2) = self.predicate(depth + 1), self.numeric(depth + 1), self.numeric(depth + 1)
        return f"CASE WHEN {c} THEN {a} ELSE {b} END", f"CASE WHEN {c2} THEN {a2} ELSE {b2} END"

    def text(self, depth=0):
        r = self.rng
        choice = r.randint(0, 4 if depth < 2 else 0)
        if choice == 0:
            column = r.choice(["category", "status"])
            return column, column
        if choice == 1:
            a, a2 = self.text(depth + 1)
            return f"upper({a})", f"upper({a2})"
        if choice == 2:
            (a, a2), start, length = self.text(depth + 1), r.randint(1, 3), r.randint(1, 4)
            return f"substring({a}, {start}, {length})", f"substring({a2}, {start}, {length})"
        if choice == 3:
            (a, a2), (b, b2) = self.text(depth + 1), self.text(depth + 1)
            return f"concat({a}, '-', {b})", f"({a2} || '-' || {b2})"
        return "coalesce(category, 'none')", "coalesce(category, 'none')"

    def predicate(self, depth=0):
        r = self.rng
        choice = r.randint(0, 8 if depth < 2 else 4)
        if choice == 0:
            (a, a2), (b, b2), op = self.numeric(depth + 1), self.numeric(depth + 1), r.choice(["<", "<=", ">", ">=", "=", "<>"])
            return f"{a} {op} {b}", f"{a2} {op} {b2}"
        if choice == 1:
            text = f"status {r.choice(['=', '<>'])} '{r.choice(STATUSES)}'"
        elif choice == 2:
            text = f"category IN ({', '.join(repr(c) for c in r.sample(CATEGORIES, 2))})"
        elif choice == 3:
            text = f"{r.choice(['amount', 'category', 'quantity', 'day'])} IS {r.choice(['', 'NOT '])}NULL"
        elif choice == 4:
            text = f"amount BETWEEN {r.randint(-20, 100)} AND {r.randint(100, 400)}"
        elif choice in (5, 6):
            (a, a2), (b, b2), op = self.predicate(depth + 1), self.predicate(depth + 1), "AND" if choice == 5 else "OR"
            return f"({a} {op} {b})", f"({a2} {op} {b2})"
        elif choice == 7:
            a, a2 = self.predicate(depth + 1)
            return f"NOT ({a})", f"NOT ({a2})"
        else:
            text = f"category LIKE '{r.choice(['b%', '%o%', '_a%'])}'"
        return text, text


def make_case(rng, generator, index, data):
    """A pipeline and the SQL that must give the same rows."""
    source = {"type": "extract", "method": "fromFile",
              "config": {"path": f"{data}/orders.csv", "format": "csv", "registerAs": "orders"}}
    orders = f"read_csv('{data}/orders.csv', header = true, columns = {ORDER_COLUMNS})"
    customers_sql = f"read_csv('{data}/customers.csv', header = true, columns = {CUSTOMER_COLUMNS})"
    kind = index % 9
    if kind == 8:
        function = rng.choice(["row_number()", "rank()", "dense_rank()", "lag(amount)", "lead(amount, 2, 0)",
                               "sum(amount)", "count(*)", "avg(amount)", "max(quantity)"])
        partition = rng.choice(["", "PARTITION BY category ", "PARTITION BY status, category "])
        ordered = function.endswith("()") or function.startswith(("lag", "lead")) or rng.random() < 0.5
        order = f"ORDER BY {rng.choice(['amount', 'day', 'quantity'])} {rng.choice(['ASC NULLS FIRST', 'DESC NULLS LAST'])}, order_id" if ordered else ""
        window = f"{function} OVER ({partition}{order})"
        steps = [source, {"type": "transform", "method": "enrichData", "config": {"columns": {"w": window}}},
                 {"type": "transform", "method": "selectColumns", "config": {"columns": ["order_id", "w"]}}]
        return steps, f"SELECT order_id, {window} AS w FROM {orders}", False
    if kind == 6:
        keys = rng.sample(["category", "status"], rng.randint(1, 2))
        (value, value_sql), (condition, condition_sql) = generator.numeric(), generator.predicate()
        having = rng.randint(0, 30)
        query = (f"SELECT {', '.join(keys)}, sum({{v}}) AS s, count(*) AS c, avg(amount) AS a FROM {{t}} "
                 f"WHERE {{w}} GROUP BY {', '.join(keys)} HAVING count(*) > {having}")
        steps = [source, {"type": "transform", "method": "sql",
                          "config": {"query": query.format(v=value, t="orders", w=condition)}}]
        return steps, query.format(v=value_sql, t=orders, w=condition_sql), False
    if kind == 7:
        customers = {"type": "extract", "method": "fromFile",
                     "config": {"path": f"{data}/customers.csv", "format": "csv", "registerAs": "customers"}}
        join = rng.choice(["JOIN", "LEFT JOIN"])
        query = ("SELECT c.region, count(*) AS n, sum(o.amount) AS s FROM {o} o " + join +
                 " {c} c ON o.customer_id = c.customer_id WHERE o.status <> 'cancelled' GROUP BY c.region ORDER BY c.region NULLS FIRST")
        steps = [source, customers, {"type": "transform", "method": "sql", "config": {"query": query.format(o="orders", c="customers")}}]
        return steps, query.format(o=orders, c=customers_sql), True
    if kind == 4:
        # Sort then limit: compared in order. Spark puts nulls first ascending and last descending.
        direction = rng.choice(["ASC", "DESC"])
        nulls = "NULLS FIRST" if direction == "ASC" else "NULLS LAST"
        column = rng.choice(["amount", "category", "day", "quantity"])
        limit = rng.randint(1, 60)
        steps = [source, {"type": "transform", "method": "sortData", "config": {"columns": [f"{column} {direction}", "order_id"]}},
                 {"type": "transform", "method": "limitRows", "config": {"limit": limit}},
                 {"type": "transform", "method": "selectColumns", "config": {"columns": ["order_id", column]}}]
        sql = f"SELECT order_id, {column} FROM {orders} ORDER BY {column} {direction} {nulls}, order_id ASC LIMIT {limit}"
        return steps, sql, True
    if kind == 5:
        columns = rng.sample(["category", "status", "quantity"], 2)
        second = {"type": "extract", "method": "fromFile",
                  "config": {"path": f"{data}/orders.csv", "format": "csv", "registerAs": "again"}}
        steps = [source, second,
                 {"type": "transform", "method": "unionDataFrames", "config": {"inputDataFrames": ["orders", "again"]}},
                 {"type": "transform", "method": "selectColumns", "config": {"columns": columns}},
                 {"type": "transform", "method": "deduplicate"}]
        sql = f"SELECT DISTINCT {', '.join(columns)} FROM (SELECT * FROM {orders} UNION ALL SELECT * FROM {orders})"
        return steps, sql, False
    if kind == 0:
        condition, condition_sql = generator.predicate()
        steps = [source, {"type": "transform", "method": "filterRows", "config": {"condition": condition}},
                 {"type": "transform", "method": "selectColumns", "config": {"columns": ["order_id", "category", "amount"]}}]
        sql = f"SELECT order_id, category, amount FROM {orders} WHERE {condition_sql}"
    elif kind == 1:
        (number, number_sql), (text, text_sql) = generator.numeric(), generator.text()
        condition, condition_sql = generator.predicate()
        steps = [source, {"type": "transform", "method": "enrichData",
                          "config": {"columns": {"n": number, "t": text, "p": f"CASE WHEN {condition} THEN 1 ELSE 0 END"}}},
                 {"type": "transform", "method": "selectColumns", "config": {"columns": ["order_id", "n", "t", "p"]}}]
        sql = (f"SELECT order_id, {number_sql} AS n, {text_sql} AS t, CASE WHEN {condition_sql} THEN 1 ELSE 0 END AS p "
               f"FROM {orders}")
    elif kind == 2:
        keys = rng.sample(["category", "status", "quantity"], rng.randint(1, 2))
        value, value_sql = generator.numeric()
        condition, condition_sql = generator.predicate()
        steps = [source, {"type": "transform", "method": "filterRows", "config": {"condition": condition}},
                 {"type": "transform", "method": "aggregateData", "config": {"groupBy": keys, "aggregations": {
                     "s": f"sum({value})", "a": "avg(amount)", "mn": "min(amount)", "mx": "max(day)",
                     "c": "count(*)", "cq": "count(quantity)", "d": "count(DISTINCT customer_id)"}}}]
        sql = (f"SELECT {', '.join(keys)}, sum({value_sql}) AS s, avg(amount) AS a, min(amount) AS mn, max(day) AS mx, "
               f"count(*) AS c, count(quantity) AS cq, count(DISTINCT customer_id) AS d "
               f"FROM {orders} WHERE {condition_sql} GROUP BY {', '.join(keys)}")
    else:
        join_type = rng.choice(["inner", "left", "left_semi", "left_anti"])
        customers = {"type": "extract", "method": "fromFile",
                     "config": {"path": f"{data}/customers.csv", "format": "csv", "registerAs": "customers"}}
        join = {"type": "transform", "method": "joinDataFrames",
                "config": {"inputDataFrames": ["orders", "customers"], "joinType": join_type, "joinColumn": "customer_id"}}
        if join_type in ("left_semi", "left_anti"):
            steps = [source, customers, join,
                     {"type": "transform", "method": "selectColumns", "config": {"columns": ["order_id", "customer_id"]}}]
            sql_join = "SEMI" if join_type == "left_semi" else "ANTI"
            sql = f"SELECT order_id, customer_id FROM {orders} o {sql_join} JOIN {customers_sql} c USING (customer_id)"
        else:
            steps = [source, customers, join,
                     {"type": "transform", "method": "aggregateData", "config": {"groupBy": ["region"], "aggregations": {
                         "c": "count(*)", "s": "sum(amount)", "n": "count(name)"}}}]
            sql_join = "JOIN" if join_type == "inner" else "LEFT JOIN"
            sql = (f"SELECT region, count(*) AS c, sum(amount) AS s, count(name) AS n "
                   f"FROM {orders} o {sql_join} {customers_sql} c USING (customer_id) GROUP BY region")
    return steps, sql, False


def normalize(value):
    """A comparable form of a CSV field or a DuckDB value: None, a float, or a string."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) and isinstance(b, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b))
    return a == b


def key(row):
    return tuple((0, "") if v is None else (1, round(v, 6)) if isinstance(v, float) else (2, v) for v in row)


def compare(ours, theirs, ordered):
    if len(ours) != len(theirs):
        return f"row counts differ: sluice {len(ours)}, duckdb {len(theirs)}"
    pairs = zip(ours, theirs) if ordered else zip(sorted(ours, key=key), sorted(theirs, key=key))
    for a, b in pairs:
        if len(a) != len(b) or not all(same(x, y) for x, y in zip(a, b)):
            return f"rows differ: sluice {a} vs duckdb {b}"
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sluice", required=True)
    parser.add_argument("--cases", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="sluice-differential-")
    data = os.path.join(work, "data")
    os.makedirs(data)
    write_data(data, rng)
    generator = Generator(rng)
    mismatches = 0
    try:
        for index in range(args.cases):
            steps, sql, ordered = make_case(rng, generator, index, data)
            out = os.path.join(work, f"out{index}")
            steps.append({"type": "load", "method": "toFile", "config": {"path": out, "format": "csv"}})
            path = os.path.join(work, f"case{index}.json")
            with open(path, "w") as f:
                json.dump({"name": f"case{index}", "steps": steps}, f, indent=1)
            run = subprocess.run([args.sluice, "run", path, "--state-dir", os.path.join(work, "state"), "--log-level", "error"],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                mismatches += 1
                print(f"case {index}: sluice failed ({run.returncode}): {run.stderr.strip()}\n  pipeline: {path}\n  sql: {sql}")
                continue
            with open(os.path.join(out, "part-00000.csv"), newline="") as f:
                ours = [[normalize(v) for v in row] for row in list(csv.reader(f))[1:]]
            theirs = [[normalize(v) for v in row] for row in duckdb.sql(sql).fetchall()]
            problem = compare(ours, theirs, ordered)
            if problem:
                mismatches += 1
                print(f"case {index}: {problem}\n  pipeline: {path}\n  sql: {sql}")
    finally:
        if not args.keep and mismatches == 0:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{args.cases} cases, {mismatches} mismatches")
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
