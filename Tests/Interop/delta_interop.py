"""Delta Lake interoperability fixtures for the Sluice test suite, using delta-rs (`deltalake`).

`read PATH [VERSION]` prints a table's columns and rows (sorted, canonical JSON: dates as
days, timestamps as microseconds) as delta-rs reads them, and the version read.

`write PATH` makes a table with delta-rs: version 0 (partitioned by `part`), version 1 an
append, a checkpoint at version 1, version 2 an overwrite, version 3 an append; it prints
the expected rows of every version.
"""
import json
import sys

import pyarrow as pa
from deltalake import DeltaTable, write_deltalake

sys.path.insert(0, __import__("os").path.dirname(__file__))
from parquet_interop import canonical  # noqa: E402


def rows_of(table):
    columns = sorted(table.column_names)
    data = [table.column(name).to_pylist() for name in columns]
    rows = [[canonical(column[r]) for column in data] for r in range(table.num_rows)]
    rows.sort(key=lambda row: json.dumps(row))
    return columns, rows


def read(path, version=None):
    table = DeltaTable(path, version=None if version is None else int(version))
    columns, rows = rows_of(table.to_pyarrow_table())
    print(json.dumps({"columns": columns, "rows": rows, "version": table.version()}))


def batch(start, count, part):
    return pa.table({
        "id": pa.array(range(start, start + count), pa.int64()),
        "name": pa.array([f"name {i}" if i % 7 else None for i in range(start, start + count)], pa.string()),
        "amount": pa.array([i * 1.25 for i in range(start, start + count)], pa.float64()),
        "part": pa.array([part if i % 3 else f"{part}-b" for i in range(start, start + count)], pa.string()),
    })


def write(path):
    versions = []
    current = batch(0, 500, "a")
    write_deltalake(path, current, partition_by=["part"])
    versions.append(current)
    added = batch(500, 300, "c")
    write_deltalake(path, added, mode="append")
    current = pa.concat_tables([current, added])
    versions.append(current)
    DeltaTable(path).create_checkpoint()
    current = batch(1000, 200, "z")
    write_deltalake(path, current, mode="overwrite")
    versions.append(current)
    added = batch(2000, 100, "a")
    write_deltalake(path, added, mode="append")
    current = pa.concat_tables([current, added])
    versions.append(current)
    print(json.dumps([{"columns": rows_of(v)[0], "rows": rows_of(v)[1]} for v in versions]))


if __name__ == "__main__":
    if sys.argv[1] == "read":
        read(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    else:
        write(sys.argv[2])
