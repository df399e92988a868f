#!/usr/bin/env python3
"""Avro interop with the reference implementations, fastavro and the Apache avro package.

Usage:
  avro_interop.py write DIR [--rows N] [--seed S]
      Writes, with each library and every codec it offers, one file of every Avro type
      (all-<library>-<codec>.avro) and one of the types Sluice maps to columns
      (engine-<library>-<codec>.avro), plus DIR/manifest.json: the files, and the records
      each holds in the raw form below.
  avro_interop.py canonical SCHEMA_FILE
      Prints {"fastavro": ..., "avro": ...}, each {"canonical": ..., "fingerprint": ...}: the
      schema's Parsing Canonical Form and CRC-64-AVRO fingerprint (as an unsigned number; the
      libraries give its little-endian bytes) by each library.
  avro_interop.py resolve FILE READER_SCHEMA_FILE
      Reads FILE with fastavro through the reader's schema and prints its records in raw form.
  avro_interop.py read FILE
      Reads FILE with both libraries and prints {"fastavro": [...], "avro": [...]}: the
      records in the raw form below.

Raw form (JSON): Avro values without logical types: ints for int and long (dates, times and
timestamps as the stored number), floats for float and double, strings for string, enum and
uuid, {"$hex": ...} for bytes and fixed, {"$unscaled": "123"} for decimals, lists, objects
for maps and records (by field name), and union values as the value of their branch.
"""
import datetime
import decimal
import io
import json
import os
import random
import struct
import sys
import uuid
import warnings

import avro.datafile
import avro.io
import avro.schema
import fastavro

FASTAVRO_CODECS = ["null", "deflate", "snappy", "zstandard", "bzip2", "xz"]
AVRO_CODECS = ["null", "deflate", "snappy", "zstandard", "bzip2"]

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "all_types.avsc")) as schema_file:
    ALL_TYPES = json.load(schema_file)
with open(os.path.join(HERE, "engine_types.avsc")) as schema_file:
    ENGINE_TYPES = json.load(schema_file)

EPOCH_DATE = datetime.date(1970, 1, 1)
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
LOCAL_EPOCH = datetime.datetime(1970, 1, 1)


def f32(value):
    return struct.unpack("<f", struct.pack("<f", value))[0]


def text(rng):
    alphabet = "abcxyz 0189-_é€😀\"\\\n"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))


def raw_all(rng, row):
    """One raw AllTypes record."""
    return {
        "n": None, "b": rng.random() < 0.5, "i": rng.randint(-2**31, 2**31 - 1), "l": rng.randint(-2**63, 2**63 - 1),
        "f": f32(rng.uniform(-1e6, 1e6)), "d": rng.uniform(-1e12, 1e12), "by": {"$hex": os.urandom(rng.randint(0, 9)).hex()},
        "s": text(rng), "e": rng.choice(["SPADES", "HEARTS", "DIAMONDS", "CLUBS"]),
        "a": [rng.randint(-2**40, 2**40) for _ in range(rng.randint(0, 4))],
        "m": {f"k{k}": text(rng) for k in range(rng.randint(0, 3))},
        "u": rng.choice([None, text(rng), rng.randint(-2**50, 2**50)]),
        "fx": {"$hex": os.urandom(16).hex()},
        "r": {"x": rng.randint(-1000, 1000), "tags": [text(rng) for _ in range(rng.randint(0, 3))],
              "next": None if row % 2 else {"x": -row, "tags": [], "next": None}},
        "opt": None if row % 3 == 0 else {"x": row, "tags": ["t"], "next": None},
        "dec": {"$unscaled": str(rng.randint(-10**12 + 1, 10**12 - 1))},
        "decf": {"$unscaled": str(rng.randint(-10**18 + 1, 10**18 - 1))},
        "uid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "day": rng.randint(-30000, 30000), "tms": rng.randint(0, 86_399_999), "tus": rng.randint(0, 86_399_999_999),
        "tsms": rng.randint(-2**41, 2**41), "tsus": rng.randint(-2**51, 2**51),
        "ltsms": rng.randint(-2**41, 2**41), "ltsus": rng.randint(-2**51, 2**51),
        "dur": {"$hex": struct.pack("<III", rng.randint(0, 500), rng.randint(0, 40), rng.randint(0, 10**8)).hex()},
    }


def raw_engine(rng, row):
    """One raw Row record (types Sluice maps to columns)."""
    return {
        "flag": rng.random() < 0.5, "small": rng.randint(-2**31, 2**31 - 1),
        "big": None if row % 4 == 0 else rng.randint(-2**63, 2**63 - 1), "ratio": f32(rng.uniform(-1e3, 1e3)),
        "amount": None if row % 5 == 0 else rng.uniform(-1e9, 1e9), "name": None if row % 6 == 0 else text(rng),
        "suit": rng.choice(["SPADES", "HEARTS", "DIAMONDS", "CLUBS"]), "uid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "day": None if row % 7 == 0 else rng.randint(-30000, 30000), "tms": rng.randint(0, 86_399_999),
        "tus": rng.randint(0, 86_399_999_999), "tsms": rng.randint(-2**41, 2**41),
        "tsus": None if row % 3 == 0 else rng.randint(-2**51, 2**51), "ltsms": rng.randint(-2**41, 2**41),
        "ltsus": rng.randint(-2**51, 2**51),
        "blob": None if row % 8 == 0 else {"$hex": os.urandom(rng.randint(0, 9)).hex()},
        "price": {"$unscaled": str(rng.randint(-10**12 + 1, 10**12 - 1))},
        "wide": {"$unscaled": str(rng.randint(-10**38 + 1, 10**38 - 1))},
        "hash": {"$hex": os.urandom(8).hex()},
        "dur": {"$hex": struct.pack("<III", rng.randint(0, 500), rng.randint(0, 40), rng.randint(0, 10**8)).hex()},
    }


def unscaled_to_bytes(unscaled, size=None):
    length = size or max(1, (unscaled.bit_length() + 8) // 8)
    return unscaled.to_bytes(length, "big", signed=True)


def lookup(names, schema):
    """A named type's definition, by full or simple name; other schemas as they are."""
    if not isinstance(schema, str):
        return schema
    return names.get(schema) or names.get(schema.split(".")[-1]) or schema


NOT_NESTED = object()


def convert_nested(value, schema, names, convert):
    """A record, array or map with `convert` applied to its parts; NOT_NESTED for other types.
    Named types are remembered in `names` for later references."""
    kind = schema["type"]
    if kind in ("record", "enum", "fixed"):
        names[schema["name"]] = names[schema["name"].split(".")[-1]] = schema
    if kind == "record":
        return {f["name"]: convert(value[f["name"]], f["type"], names) for f in schema["fields"]}
    if kind == "array":
        return [convert(v, schema["items"], names) for v in value]
    if kind == "map":
        return {k: convert(v, schema["values"], names) for k, v in value.items()}
    return NOT_NESTED


def native(value, schema, names):
    """A raw value as the libraries take it: logical types as Python's own types."""
    if isinstance(schema, str):
        schema = lookup(names, schema)
    if isinstance(schema, list):
        if value is None:
            return None
        for branch in schema:
            kind = lookup(names, branch)
            kind_type = kind if isinstance(kind, str) else kind["type"]
            if (isinstance(value, str) and kind_type == "string") or (isinstance(value, bool) and kind_type == "boolean") \
                    or (isinstance(value, int) and not isinstance(value, bool) and kind_type in ("int", "long")) \
                    or (isinstance(value, float) and kind_type in ("float", "double")) or (isinstance(value, dict) and kind_type == "record") \
                    or (isinstance(value, dict) and "$hex" in value and kind_type in ("bytes", "fixed")):
                return native(value, kind, names)
        raise ValueError(f"no branch for {value!r}")
    if isinstance(schema, str):
        return bytes.fromhex(value["$hex"]) if isinstance(value, dict) else value
    nested = convert_nested(value, schema, names, native)
    if nested is not NOT_NESTED:
        return nested
    logical = schema.get("logicalType")
    if logical == "decimal":
        return decimal.Decimal(int(value["$unscaled"])).scaleb(-schema.get("scale", 0), context=decimal.Context(prec=80))
    if logical == "date":
        return EPOCH_DATE + datetime.timedelta(days=value)
    if logical in ("time-millis", "time-micros"):
        micros = value * (1000 if logical == "time-millis" else 1)
        return (datetime.datetime.min + datetime.timedelta(microseconds=micros)).time()
    if logical in ("timestamp-millis", "timestamp-micros"):
        return EPOCH + datetime.timedelta(microseconds=value * (1000 if logical.endswith("millis") else 1))
    if logical in ("local-timestamp-millis", "local-timestamp-micros") and names.get("$library") != "avro":
        # The avro package does not know local timestamps: it takes the stored number.
        return LOCAL_EPOCH + datetime.timedelta(microseconds=value * (1000 if logical.endswith("millis") else 1))
    if isinstance(value, dict) and "$hex" in value:
        return bytes.fromhex(value["$hex"])
    return value


def raw(value, schema, names):
    """A value as a library returned it, in raw form."""
    if isinstance(schema, str):
        schema = lookup(names, schema)
    if isinstance(schema, list):
        if value is None:
            return None
        candidates = [lookup(names, b) for b in schema]
        for kind in candidates:
            kind_type = kind if isinstance(kind, str) else kind["type"]
            if kind_type == "null":
                continue
            if (isinstance(value, str) and kind_type in ("string", "enum")) or (isinstance(value, dict) and kind_type in ("record", "map")) \
                    or (isinstance(value, bool) and kind_type == "boolean") \
                    or (isinstance(value, int) and not isinstance(value, bool) and kind_type in ("int", "long")) \
                    or (isinstance(value, float) and kind_type in ("float", "double")) \
                    or (isinstance(value, bytes) and kind_type in ("bytes", "fixed")) \
                    or (isinstance(value, list) and kind_type == "array") \
                    or (isinstance(value, (datetime.date, datetime.time, decimal.Decimal, uuid.UUID)) and not isinstance(kind, str)):
                return raw(value, kind, names)
        raise ValueError(f"no branch for {value!r} in {schema}")
    if isinstance(schema, str):
        if isinstance(value, bytes):
            return {"$hex": value.hex()}
        return value
    nested = convert_nested(value, schema, names, raw)
    if nested is not NOT_NESTED:
        return nested
    logical = schema.get("logicalType")
    if isinstance(value, decimal.Decimal):
        return {"$unscaled": str(int(value.scaleb(schema.get("scale", 0), context=decimal.Context(prec=80))))}
    if logical == "decimal" and isinstance(value, bytes):
        return {"$unscaled": str(int.from_bytes(value, "big", signed=True))}
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime.datetime):
        micros = (value - (EPOCH if value.tzinfo else LOCAL_EPOCH)) // datetime.timedelta(microseconds=1)
        return micros // 1000 if logical.endswith("millis") else micros
    if isinstance(value, datetime.date):
        return (value - EPOCH_DATE).days
    if isinstance(value, datetime.time):
        micros = ((value.hour * 60 + value.minute) * 60 + value.second) * 1_000_000 + value.microsecond
        return micros // 1000 if logical == "time-millis" else micros
    if isinstance(value, bytes):
        return {"$hex": value.hex()}
    return value


def write_fastavro(path, schema, records, codec):
    with open(path, "wb") as out:
        fastavro.writer(out, fastavro.parse_schema(schema), [native(r, schema, {}) for r in records], codec=codec, sync_interval=4000)


def write_avro(path, schema, records, codec):
    parsed = avro.schema.parse(json.dumps(schema))
    with open(path, "wb") as out:
        writer = avro.datafile.DataFileWriter(out, avro.io.DatumWriter(), parsed, codec=codec)
        for record in records:
            writer.append(native(record, schema, {"$library": "avro"}))
        writer.close()


def command_write(directory, rows, seed):
    rng = random.Random(seed)
    data = {"all": [raw_all(rng, row) for row in range(rows)], "engine": [raw_engine(rng, row) for row in range(rows)]}
    schemas = {"all": ALL_TYPES, "engine": ENGINE_TYPES}
    files = []
    for library, codecs, write in (("fastavro", FASTAVRO_CODECS, write_fastavro), ("avro", AVRO_CODECS, write_avro)):
        for codec in codecs:
            for kind in ("all", "engine"):
                name = f"{kind}-{library}-{codec}.avro"
                write(os.path.join(directory, name), schemas[kind], data[kind], codec)
                files.append({"file": name, "library": library, "codec": codec, "kind": kind})
    with open(os.path.join(directory, "manifest.json"), "w") as out:
        json.dump({"files": files, "records": data}, out, indent=0)


def command_read(path):
    with open(path, "rb") as f:
        reader = fastavro.reader(f)
        schema = reader.writer_schema
        fast = [raw(record, schema, {}) for record in reader]
    with open(path, "rb") as f:
        reader = avro.datafile.DataFileReader(f, avro.io.DatumReader())
        schema = json.loads(reader.get_meta("avro.schema").decode())
        # The avro package has no xz codec.
        apache = None if reader.codec not in AVRO_CODECS else [raw(record, schema, {}) for record in reader]
        reader.close()
    # One value a line: JSON readers that track columns stay fast.
    json.dump({"fastavro": fast, "avro": apache}, sys.stdout, indent=0)


def command_resolve(path, reader_path):
    with open(reader_path) as f:
        reader_schema = json.load(f)
    with open(path, "rb") as f:
        records = [raw(record, reader_schema, {}) for record in fastavro.reader(f, reader_schema=reader_schema)]
    json.dump(records, sys.stdout, indent=0)


def command_canonical(path):
    with open(path) as f:
        text = f.read()
    parsed = fastavro.parse_schema(json.loads(text))
    canonical = fastavro.schema.to_parsing_canonical_form(parsed)
    apache = avro.schema.parse(text)
    json.dump({
        "fastavro": {"canonical": canonical, "fingerprint": str(int.from_bytes(bytes.fromhex(fastavro.schema.fingerprint(canonical, "CRC-64-AVRO")), "little"))},
        "avro": {"canonical": apache.canonical_form,
                 "fingerprint": str(int.from_bytes(apache.fingerprint("CRC-64-AVRO"), "little"))},
    }, sys.stdout, indent=0)


if __name__ == "__main__":
    warnings.simplefilter("ignore")
    if sys.argv[1] == "write":
        rows = int(sys.argv[sys.argv.index("--rows") + 1]) if "--rows" in sys.argv else 200
        seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 5
        command_write(sys.argv[2], rows, seed)
    elif sys.argv[1] == "resolve":
        command_resolve(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "canonical":
        command_canonical(sys.argv[2])
    elif sys.argv[1] == "read":
        command_read(sys.argv[2])
    else:
        sys.exit(__doc__)
