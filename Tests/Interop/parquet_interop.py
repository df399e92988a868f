"""Parquet interoperability fixtures for the Sluice test suite.

`write DIR` writes Parquet files with pyarrow (every codec, page version, dictionary
setting and value encoding it offers) and with DuckDB, each beside `<name>.expected.json`:
the rows as canonical JSON (dates as days, timestamps as microseconds since the epoch).

`read ENGINE FILE` prints a Parquet file's schema and rows in the same canonical JSON, read
by `pyarrow` or `duckdb`.
"""
import datetime
import json
import math
import os
import sys

import pyarrow as pa
import pyarrow.parquet as pq

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def canonical(value):
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        delta = value - EPOCH
        return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds
    if isinstance(value, datetime.date):
        return (value - EPOCH.date()).days
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, datetime.time):
        return ((value.hour * 60 + value.minute) * 60 + value.second) * 1_000_000 + value.microsecond
    if type(value).__name__ == "Decimal":
        return format(value, "f")
    if hasattr(value, "hex") and type(value).__name__ == "UUID":
        return str(value)
    return value


def nested_canonical(value, kind=None):
    """A nested value of arrow type `kind` as Sluice renders it in JSON: dates and timestamps
    as ISO text, decimals and numbers as numbers, maps as objects."""
    import decimal
    if value is None:
        return None
    if kind is not None and pa.types.is_map(kind):
        return {str(k): nested_canonical(v, kind.item_type) for k, v in value}
    if isinstance(value, dict):
        return {k: nested_canonical(v, kind.field(k).type if kind is not None else None) for k, v in value.items()}
    if isinstance(value, list):
        item_kind = kind.value_type if kind is not None and pa.types.is_list(kind) else None
        return [nested_canonical(item, item_kind) for item in value]
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + (
            ("." + f"{value.microsecond:06d}".rstrip("0")) if value.microsecond else "") + "Z"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def nested_table(rows=600):
    """Structs, lists (of numbers, of structs, of lists), maps, decimals and dates nested,
    with null structs, empty lists, null lists and null elements."""
    import decimal
    point = pa.struct([("x", pa.int32()), ("label", pa.string()), ("price", pa.decimal128(9, 2)), ("day", pa.date32())])
    data = {
        "id": list(range(rows)),
        "point": [None if i % 7 == 0 else {"x": i, "label": None if i % 5 == 0 else f"p{i}",
                                            "price": decimal.Decimal(i * 13 - 2000) / 100,
                                            "day": datetime.date(2024, 1, 1) + datetime.timedelta(days=i)} for i in range(rows)],
        "numbers": [None if i % 11 == 0 else [] if i % 4 == 0 else [None if j == 1 else i * j for j in range(i % 5)] for i in range(rows)],
        "points": [[{"x": j, "label": "q" * j, "price": None, "day": None} for j in range(i % 3)] for i in range(rows)],
        "grid": [[[i, j] for j in range(i % 3)] for i in range(rows)],
        "attributes": [None if i % 9 == 0 else [(f"k{j}", None if j == 2 else i + j) for j in range(i % 4)] for i in range(rows)],
        "tags": [[f"t{i % 3}"] * (i % 2) for i in range(rows)],
    }
    schema = pa.schema([("id", pa.int64()), ("point", point), ("numbers", pa.list_(pa.int64())),
                        ("points", pa.list_(point)), ("grid", pa.list_(pa.list_(pa.int32()))),
                        ("attributes", pa.map_(pa.string(), pa.int32())), ("tags", pa.list_(pa.string()))])
    return pa.table(data, schema=schema)


def rows_of(table):
    """Rows in canonical JSON; nested columns as `nested_canonical` renders them."""
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
    kinds = [table.schema.field(i).type for i in range(table.num_columns)]
    nested = [pa.types.is_nested(kind) for kind in kinds]
    return [[nested_canonical(column[r], kind) if is_nested else canonical(column[r])
             for column, kind, is_nested in zip(columns, kinds, nested)] for r in range(table.num_rows)]


def sample_table(rows=3000):
    """Every type pyarrow writes that Sluice reads, with nulls in a pattern per column."""
    import decimal

    def nullable(values, every):
        return [None if i % every == 0 else v for i, v in enumerate(values)]

    base = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    return pa.table({
        "b": pa.array(nullable([i % 3 == 0 for i in range(rows)], 7), pa.bool_()),
        "i8": pa.array(nullable([(i % 250) - 125 for i in range(rows)], 5), pa.int8()),
        "i16": pa.array([(i * 37) % 60000 - 30000 for i in range(rows)], pa.int16()),
        "i32": pa.array(nullable([i * 7919 - 5_000_000 for i in range(rows)], 11), pa.int32()),
        "i64": pa.array(nullable([i * 1_000_000_007 - 2**40 for i in range(rows)], 13), pa.int64()),
        "u8": pa.array([i % 256 for i in range(rows)], pa.uint8()),
        "u16": pa.array([(i * 13) % 65536 for i in range(rows)], pa.uint16()),
        "u32": pa.array([(i * 2_654_435) % 4_294_967_296 for i in range(rows)], pa.uint32()),
        "u64": pa.array([i * 3_000_000_000 for i in range(rows)], pa.uint64()),
        "f32": pa.array(nullable([i / 8.0 - 100 for i in range(rows)], 17), pa.float32()),
        "f64": pa.array(nullable([i * 0.1 - 3.3 for i in range(rows)], 19), pa.float64()),
        "s": pa.array(nullable([f"value-{i % 97}-é" for i in range(rows)], 3), pa.string()),
        "ls": pa.array([f"long {i} " * (i % 4) for i in range(rows)], pa.large_string()),
        "bin": pa.array(nullable([f"bytes{i % 10}".encode() for i in range(rows)], 23), pa.binary()),
        "d": pa.array(nullable([datetime.date(2020, 1, 1) + datetime.timedelta(days=i) for i in range(rows)], 29), pa.date32()),
        "ts_ms": pa.array([base + datetime.timedelta(milliseconds=i * 1001) for i in range(rows)], pa.timestamp("ms", tz="UTC")),
        "ts_us": pa.array(nullable([base + datetime.timedelta(microseconds=i * 123457) for i in range(rows)], 31), pa.timestamp("us", tz="UTC")),
        "ts_ns": pa.array([base + datetime.timedelta(microseconds=i * 999) for i in range(rows)], pa.timestamp("ns")),
        "ts_local": pa.array([datetime.datetime(1969, 12, 31, 23, 0) + datetime.timedelta(seconds=i) for i in range(rows)], pa.timestamp("us")),
        "all_null": pa.array([None] * rows, pa.int32()),
        "dec9": pa.array(nullable([decimal.Decimal(i * 7 - 9000) / 100 for i in range(rows)], 37), pa.decimal128(9, 2)),
        "dec18": pa.array([decimal.Decimal(i * 123_456_789 - 10**11) / 10**4 for i in range(rows)], pa.decimal128(18, 4)),
        "dec38": pa.array(nullable([decimal.Decimal(i * 10**25 + i) / 10**10 * (-1 if i % 2 else 1) for i in range(rows)], 41),
                          pa.decimal128(38, 10)),
        "t_ms": pa.array([datetime.time(i % 24, i % 60, i % 60, (i % 1000) * 1000) for i in range(rows)], pa.time32("ms")),
        "t_us": pa.array(nullable([datetime.time(i % 24, (i * 7) % 60, 0, i % 1_000_000) for i in range(rows)], 43), pa.time64("us")),
    })


def batches_table(rows=250_000):
    """A row group larger than two batches and one smaller, in small pages: dictionary-coded
    columns with nulls that cross page, batch and row-group boundaries, one whose dictionary
    overflows into plain pages mid-chunk, and required columns without definition levels."""
    def nullable(values, every, phase=0):
        return [None if (i + phase) % every == 0 or (i // 5000) % 7 == 3 else v for i, v in enumerate(values)]

    schema = pa.schema([
        pa.field("category", pa.string()), pa.field("spill", pa.string()), pa.field("qty", pa.int64()),
        pa.field("amount", pa.float64()), pa.field("status", pa.string(), nullable=False),
        pa.field("id", pa.int32(), nullable=False),
    ])
    return pa.table({
        "category": nullable([f"category-{(i * 7) % 23}" for i in range(rows)], 9),
        "spill": nullable([f"spill-{i % 40_000}-{'x' * (i % 13)}" for i in range(rows)], 11, 4),
        "qty": nullable([(i * 31) % 17 for i in range(rows)], 5, 2),
        "amount": nullable([i * 0.25 for i in range(rows)], 13, 1),
        "status": [["new", "paid", "shipped", "returned"][(i // 3) % 4] for i in range(rows)],
        "id": list(range(rows)),
    }, schema=schema)


def write_fixture(directory, name, table, **options):
    path = os.path.join(directory, name + ".parquet")
    pq.write_table(table, path, **options)
    with open(os.path.join(directory, name + ".expected.json"), "w") as out:
        json.dump({"columns": table.column_names, "rows": rows_of(pq.read_table(path))}, out)


def write_all(directory):
    table = sample_table()
    for codec in ["NONE", "SNAPPY", "GZIP", "ZSTD", "LZ4"]:
        for version in ["1.0", "2.0"]:
            for dictionary in [True, False]:
                write_fixture(directory, f"pyarrow-{codec.lower()}-v{version[0]}-{'dict' if dictionary else 'plain'}",
                              table, compression=codec, data_page_version=version, use_dictionary=dictionary,
                              row_group_size=1000, data_page_size=4096)
    encoded = table.select(["i32", "i64", "s", "bin", "f32", "f64"])
    encodings = {"i32": "DELTA_BINARY_PACKED", "i64": "DELTA_BINARY_PACKED", "s": "DELTA_BYTE_ARRAY",
                 "bin": "DELTA_LENGTH_BYTE_ARRAY", "f32": "BYTE_STREAM_SPLIT", "f64": "BYTE_STREAM_SPLIT"}
    for version in ["1.0", "2.0"]:
        write_fixture(directory, f"pyarrow-encodings-v{version[0]}", encoded, use_dictionary=False,
                      column_encoding=encodings, data_page_version=version, compression="SNAPPY", data_page_size=2048)
    for version in ["1.0", "2.0"]:
        write_fixture(directory, f"pyarrow-batches-v{version[0]}", batches_table(), compression="SNAPPY",
                      data_page_version=version, row_group_size=150_000, data_page_size=16_384,
                      use_dictionary=["category", "spill", "qty", "status"], dictionary_pagesize_limit=65_536)
    write_fixture(directory, "pyarrow-int96", table.select(["ts_us", "i32"]), use_deprecated_int96_timestamps=True)
    write_fixture(directory, "pyarrow-empty", table.slice(0, 0))
    nested = nested_table()
    for version in ["1.0", "2.0"]:
        name = f"pyarrow-nested-v{version[0]}"
        path = os.path.join(directory, name + ".parquet")
        pq.write_table(nested, path, data_page_version=version, row_group_size=250, compression="SNAPPY")
        columns = [nested.column(i).to_pylist() for i in range(nested.num_columns)]
        with open(os.path.join(directory, name + ".expected.json"), "w") as out:
            json.dump({"columns": nested.column_names,
                       "rows": [[nested_canonical(c[r], nested.schema.field(i).type) for i, c in enumerate(columns)]
                                for r in range(nested.num_rows)]}, out)
    import duckdb
    path = os.path.join(directory, "duckdb.parquet")
    duckdb.sql(
        "COPY (SELECT i::INTEGER AS id, 'name ' || (i % 50) AS name, CASE WHEN i % 4 = 0 THEN NULL ELSE (i * 1.5)::DOUBLE END AS amount,"
        " DATE '2024-01-01' + (i % 400)::INTEGER AS day, TIMESTAMP '2024-01-01 00:00:00' + i * INTERVAL 1 SECOND AS ts,"
        " i % 2 = 0 AS even FROM range(5000) t(i)) TO '" + path + "' (FORMAT PARQUET, ROW_GROUP_SIZE 2048)")
    with open(os.path.join(directory, "duckdb.expected.json"), "w") as out:
        table = pq.read_table(path)
        json.dump({"columns": table.column_names, "rows": rows_of(table)}, out)


def read(engine, path):
    if engine == "pyarrow":
        table = pq.read_table(path)
    else:
        import duckdb
        table = duckdb.sql(f"SELECT * FROM read_parquet('{path}')").arrow()
        if not isinstance(table, pa.Table):
            table = table.read_all()
    types = [str(field.type) for field in table.schema]
    print(json.dumps({"columns": table.column_names, "types": types, "rows": rows_of(table)}))


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write_all(sys.argv[2])
    else:
        read(sys.argv[2], sys.argv[3])
