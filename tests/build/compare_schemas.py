#!/usr/bin/env python3
"""compare_schemas: the PostgreSQL migrations make the same schema as SQLite's.

  compare_schemas.py PG_URI [--sqlite-dir DIR]

PG_URI names a database on which src/store/migrations/postgres/*.sql have been
applied (scripts/pg-cluster start, createdb, then psql -f each file). This
script applies src/store/migrations/sqlite/*.sql, in name order, to an
in-memory SQLite database and compares, table by table:
  - the set of tables (event_counter exists only on PostgreSQL);
  - the columns: names and order, nullability, defaults, and types loosely
    (INTEGER and BIGINT ~ bigint, TEXT ~ text, REAL and DOUBLE PRECISION ~
    double precision); an INTEGER PRIMARY KEY must be an identity column
    (events.seq must not);
  - the primary key, the UNIQUE constraints, the named indexes (columns,
    uniqueness, partial or not), the foreign keys, and the CHECK constraints
    (by the columns each one reads);
  - the triggers by name (stock_moves_append_only_truncate exists only on
    PostgreSQL: SQLite has no TRUNCATE).
A PRIMARY KEY column counts as NOT NULL on both sides: PostgreSQL enforces it,
and on SQLite an INTEGER PRIMARY KEY cannot be NULL (other PRIMARY KEY columns
can, a SQLite quirk the application never relies on).

Prints each difference and exits 1; exits 0 when the schemas match, 2 when it
could not read them. Needs the standard library, and psql for PostgreSQL.
"""
import argparse
import csv
import io
import pathlib
import re
import sqlite3
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
IGNORED_TABLES = {"schema_migrations"}  # made by the store, not by the migrations
PG_ONLY_TABLES = {"event_counter"}
PG_ONLY_TRIGGERS = {("stock_moves", "stock_moves_append_only_truncate")}
# An INTEGER PRIMARY KEY becomes an identity column (the application takes ids
# from its sequence), except events.seq, which event_counter numbers.
NOT_IDENTITY = {("events", "seq")}
LOOSE_TYPES = {
    "integer": "bigint", "int": "bigint", "bigint": "bigint",
    "text": "text",
    "real": "double precision", "double": "double precision",
    "double precision": "double precision", "float": "double precision",
}
PG_ACTIONS = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}


def loose_type(declared):
    """The PostgreSQL type a SQLite column's declared type stands for."""
    t = " ".join(declared.lower().split())
    return LOOSE_TYPES.get(t, t)


def loose_expr(expr):
    """An expression with casts, parentheses, quotes' case and spacing dropped."""
    if expr is None:
        return None
    e = re.sub(r"::[a-z ]+", "", expr.lower())
    return re.sub(r"[()\s]", "", e)


def check_bodies(create_sql):
    """The expressions of the CHECK constraints in a CREATE TABLE statement."""
    sql = re.sub(r"--[^\n]*", "", create_sql)
    bodies = []
    for m in re.finditer(r"\bCHECK\s*\(", sql, re.I):
        depth, i, quote = 1, m.end(), None
        while depth and i < len(sql):
            ch = sql[i]
            if quote:
                quote = None if ch == quote else quote
            elif ch in "'\"":
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            i += 1
        bodies.append(sql[m.end():i - 1])
    return bodies


def sqlite_schema(directory):
    files = sorted(directory.glob("*.sql"))
    if not files:
        raise SystemExit(f"compare_schemas: no migrations in {directory}")
    db = sqlite3.connect(":memory:")
    for f in files:
        db.executescript(f.read_text())
    schema = {}
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        if table in IGNORED_TABLES:
            continue
        info = db.execute(f"PRAGMA table_info('{table}')").fetchall()
        pk_columns = [c for c in info if c[5]]
        identity = None  # the rowid alias, an INTEGER PRIMARY KEY
        if len(pk_columns) == 1 and pk_columns[0][2].upper() == "INTEGER":
            identity = pk_columns[0][1]
            if (table, identity) in NOT_IDENTITY:
                identity = None
        columns = [(name, loose_type(decl), bool(notnull or pk), loose_expr(dflt), name == identity)
                   for _, name, decl, notnull, dflt, pk in info]
        pk = tuple(name for _, name in sorted((pos, name) for _, name, _, _, _, pos in info if pos))
        uniques, indexes = set(), {}
        for _, index, unique, origin, partial in db.execute(f"PRAGMA index_list('{table}')"):
            cols = tuple(r[2] for r in db.execute(f"PRAGMA index_info('{index}')"))
            if origin == "u":
                uniques.add(cols)
            elif origin == "c":
                sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (index,)).fetchone()[0]
                where = re.search(r"\bWHERE\b(.*)$", sql, re.I | re.S) if partial else None
                indexes[index] = (cols, bool(unique), loose_expr(where.group(1)) if where else None)
        fks = set()
        by_id = {}
        for fk_id, _, ref, frm, to, on_update, on_delete, _ in db.execute(f"PRAGMA foreign_key_list('{table}')"):
            by_id.setdefault(fk_id, [ref, [], [], on_update, on_delete])
            by_id[fk_id][1].append(frm)
            by_id[fk_id][2].append(to)
        for ref, frm, to, on_update, on_delete in by_id.values():
            fks.add((tuple(frm), ref, tuple(to), on_update, on_delete))
        create = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0]
        names = [c[0] for c in columns]
        checks = sorted(tuple(sorted({w for w in re.findall(r"[a-z_]\w*", body) if w in names}))
                        for body in check_bodies(create))
        triggers = {r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,))}
        schema[table] = dict(columns=columns, pk=pk, uniques=uniques, indexes=indexes, fks=fks,
                             checks=checks, triggers=triggers)
    return schema


def psql(uri, sql):
    try:
        out = subprocess.run(["psql", "-X", "--csv", "-v", "ON_ERROR_STOP=1", "-d", uri, "-c", sql],
                             capture_output=True, text=True, timeout=60)
    except FileNotFoundError:
        raise SystemExit("compare_schemas: psql is missing (scripts/install-deps)")
    if out.returncode != 0:
        print(f"compare_schemas: psql failed: {out.stderr.strip()}", file=sys.stderr)
        raise SystemExit(2)
    return list(csv.DictReader(io.StringIO(out.stdout)))


def names(alias, rel, attnums):
    """SQL for the comma-joined names of the attributes attnums of rel, in order."""
    return (f"array_to_string(array(SELECT a.attname FROM unnest({attnums}) WITH ORDINALITY k(n, o) "
            f"JOIN pg_attribute a ON a.attrelid = {rel} AND a.attnum = k.n ORDER BY k.o), ',') AS {alias}")


def pg_schema(uri):
    public = "JOIN pg_namespace ns ON ns.oid = t.relnamespace AND ns.nspname = 'public'"
    schema = {}
    for r in psql(uri, "SELECT table_name FROM information_schema.tables "
                       "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"):
        if r["table_name"] not in IGNORED_TABLES:
            schema[r["table_name"]] = dict(columns=[], pk=(), uniques=set(), indexes={}, fks=set(),
                                           checks=[], triggers=set())
    for r in psql(uri, "SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity "
                       "FROM information_schema.columns WHERE table_schema = 'public' "
                       "ORDER BY table_name, ordinal_position"):
        if r["table_name"] in schema:
            schema[r["table_name"]]["columns"].append(
                (r["column_name"], r["data_type"], r["is_nullable"] == "NO",
                 loose_expr(r["column_default"] or None), r["is_identity"] == "YES"))
    for r in psql(uri, "SELECT t.relname AS tbl, i.relname AS idx, x.indisunique, x.indisprimary, "
                       "pg_get_expr(x.indpred, x.indrelid) AS pred, c.contype, "
                       + names("cols", "x.indrelid", "x.indkey") +
                       " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                       "JOIN pg_class t ON t.oid = x.indrelid " + public +
                       " LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid "
                       "AND c.conrelid = x.indrelid AND c.contype IN ('p', 'u')"):
        if r["tbl"] not in schema:
            continue
        s, cols = schema[r["tbl"]], tuple(r["cols"].split(","))
        if r["contype"] == "p":
            s["pk"] = cols
        elif r["contype"] == "u":
            s["uniques"].add(cols)
        else:
            s["indexes"][r["idx"]] = (cols, r["indisunique"] == "t", loose_expr(r["pred"] or None))
    for r in psql(uri, "SELECT t.relname AS tbl, r.relname AS ref, c.confupdtype, c.confdeltype, "
                       + names("frm", "c.conrelid", "c.conkey") + ", " + names("tocols", "c.confrelid", "c.confkey") +
                       " FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid " + public +
                       " JOIN pg_class r ON r.oid = c.confrelid WHERE c.contype = 'f'"):
        if r["tbl"] in schema:
            schema[r["tbl"]]["fks"].add((tuple(r["frm"].split(",")), r["ref"], tuple(r["tocols"].split(",")),
                                         PG_ACTIONS[r["confupdtype"]], PG_ACTIONS[r["confdeltype"]]))
    for r in psql(uri, "SELECT t.relname AS tbl, " + names("cols", "c.conrelid", "c.conkey") +
                       " FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid " + public +
                       " WHERE c.contype = 'c'"):
        if r["tbl"] in schema:
            schema[r["tbl"]]["checks"].append(tuple(sorted(r["cols"].split(","))))
    for r in psql(uri, "SELECT t.relname AS tbl, g.tgname FROM pg_trigger g "
                       "JOIN pg_class t ON t.oid = g.tgrelid " + public + " WHERE NOT g.tgisinternal"):
        if r["tbl"] in schema and (r["tbl"], r["tgname"]) not in PG_ONLY_TRIGGERS:
            schema[r["tbl"]]["triggers"].add(r["tgname"])
    for s in schema.values():
        s["checks"].sort()
    return schema


def compare(lite, pg):
    problems = []
    for t in sorted(set(lite) - set(pg)):
        problems.append(f"{t}: only in SQLite")
    for t in sorted(set(pg) - set(lite) - PG_ONLY_TABLES):
        problems.append(f"{t}: only in PostgreSQL")
    for t in sorted(PG_ONLY_TABLES - set(pg)):
        problems.append(f"{t}: missing in PostgreSQL (the event counter)")
    for t in sorted(set(lite) & set(pg)):
        a, b = lite[t], pg[t]
        a_names, b_names = [c[0] for c in a["columns"]], [c[0] for c in b["columns"]]
        if a_names != b_names:
            problems.append(f"{t}: columns differ\n  sqlite:     {', '.join(a_names)}\n"
                            f"  postgresql: {', '.join(b_names)}")
        for ca, cb in zip(a["columns"], b["columns"]):
            if ca[0] != cb[0]:
                continue
            for what, i in (("type", 1), ("NOT NULL", 2), ("default", 3), ("identity", 4)):
                if ca[i] != cb[i]:
                    problems.append(f"{t}.{ca[0]}: {what} differs: sqlite {ca[i]!r}, postgresql {cb[i]!r}")
        for key, what in (("pk", "primary key"), ("uniques", "UNIQUE constraints"),
                          ("fks", "foreign keys"), ("checks", "CHECK constraints (columns read)"),
                          ("triggers", "triggers")):
            if a[key] != b[key]:
                problems.append(f"{t}: {what} differ: sqlite {sorted(a[key])}, postgresql {sorted(b[key])}")
        for index in sorted(set(a["indexes"]) | set(b["indexes"])):
            ia, ib = a["indexes"].get(index), b["indexes"].get(index)
            if ia != ib:
                problems.append(f"{t}: index {index} differs: sqlite {ia}, postgresql {ib}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("uri", help="postgresql:// URI of a database with the PostgreSQL migrations applied")
    parser.add_argument("--sqlite-dir", type=pathlib.Path, default=ROOT / "src/store/migrations/sqlite")
    args = parser.parse_args()
    lite, pg = sqlite_schema(args.sqlite_dir), pg_schema(args.uri)
    problems = compare(lite, pg)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"compare_schemas: {len(problems)} difference(s)", file=sys.stderr)
        return 1
    print(f"compare_schemas: the same {len(lite)} tables, columns, keys, indexes, checks and triggers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
