"""The warehouse's shape as the code defines it: sql/ migrations, views and their COMMENTs, data checks,
and the catalog of views that `newsdw docs` documents."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from flows.warehouse.connect import Connection, quote
from flows.warehouse.errors import WarehouseError


def sql_dir() -> Path:
    """sql/ at the top of a checkout, or the copy packed into the wheel (flows/_sql)."""
    here = Path(__file__).resolve().parent  # flows/warehouse
    for candidate in (here.parent.parent / "sql", here.parent / "_sql"):
        if candidate.is_dir():
            return candidate
    raise WarehouseError(f"cannot find the sql/ folder for {here}")


# ---------------------------------------------------------------- migrations


def migrate(con: Connection) -> list[str]:
    """Apply sql/migrations/NNN_*.sql not applied yet, each in its own transaction. Returns names applied.

    An applied migration whose file changed is an error: history is never silently rewritten.
    """
    con.execute("CREATE SCHEMA IF NOT EXISTS ops")
    con.execute(
        "CREATE TABLE IF NOT EXISTS ops.schema_migrations ("
        " name VARCHAR PRIMARY KEY, checksum VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    applied = dict(con.execute("SELECT name, checksum FROM ops.schema_migrations").fetchall())
    done: list[str] = []
    for path in sorted((sql_dir() / "migrations").glob("[0-9][0-9][0-9]_*.sql")):
        body = path.read_text(encoding="utf-8")
        checksum = hashlib.sha256(body.encode()).hexdigest()
        if path.name in applied:
            if applied[path.name] != checksum:
                raise WarehouseError(
                    f"migration {path.name} was changed after it was applied "
                    f"(checksum {applied[path.name][:12]} in the warehouse, {checksum[:12]} on disk); "
                    "add a new migration instead of editing an applied one"
                )
            continue
        try:
            con.execute("BEGIN TRANSACTION")
            con.execute(body)
            con.execute(
                "INSERT INTO ops.schema_migrations VALUES (?, ?, now()::TIMESTAMP)", [path.name, checksum]
            )
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise WarehouseError(f"migration {path.name} failed: {exc}") from exc
        done.append(path.name)
    return done


# ---------------------------------------------------------------- views


@dataclass(frozen=True)
class ViewSpec:
    name: str  # schema.view
    select: str
    description: str
    grain: str
    columns: dict[str, str]  # column -> comment

    @property
    def comment(self) -> str:
        return f"{self.description} Grain: {self.grain}"


_HEADER = re.compile(r"^--\s?(.*)$")


def parse_view(path: Path, root: Path) -> ViewSpec:
    """Read sql/views/<layer>/<name>.sql: a header of `--` lines, then one SELECT.

    Header lines: free text (the description), `grain: ...`, and `@column name: comment`.
    """
    rel = path.relative_to(root).with_suffix("")
    if len(rel.parts) != 2:
        raise WarehouseError(f"{path}: views live at sql/views/<layer>/<name>.sql")
    name = ".".join(rel.parts)
    description: list[str] = []
    grain = ""
    columns: dict[str, str] = {}
    body: list[str] = []
    in_header = True
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _HEADER.match(line) if in_header else None
        if m:
            text = m.group(1).strip()
            if text.startswith("@column "):
                col, _, comment = text[len("@column ") :].partition(":")
                columns[col.strip()] = comment.strip()
            elif text.lower().startswith("grain:"):
                grain = text.split(":", 1)[1].strip()
            elif text:
                description.append(text)
            continue
        in_header = False
        body.append(line)
    select = "\n".join(body).strip().rstrip(";")
    if not grain:
        raise WarehouseError(f"{path}: the header must state the grain (`-- grain: one row per ...`)")
    return ViewSpec(name, select, " ".join(description), grain, columns)


def view_specs() -> list[ViewSpec]:
    """All views, staging before marts (marts read staging), each layer in name order."""
    root = sql_dir() / "views"
    order = {"staging": 0, "marts": 1}
    paths = sorted(root.glob("*/*.sql"), key=lambda p: (order.get(p.parent.name, 9), p.name))
    return [parse_view(p, root) for p in paths]


def apply_views(con: Connection, specs: Sequence[ViewSpec] | None = None) -> list[str]:
    """CREATE OR REPLACE every view, re-issue its COMMENTs, and probe it with LIMIT 0.

    Views that read other views of the same layer are retried after the others: DuckDB does not
    track view dependencies, so order is ours to get right.
    """
    pending = list(specs if specs is not None else view_specs())
    created: list[str] = []
    for _round in range(len(pending) + 1):
        failed: list[tuple[ViewSpec, duckdb.Error]] = []
        for spec in pending:
            schema = spec.name.split(".")[0]
            try:
                con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
                con.execute(f"CREATE OR REPLACE VIEW {spec.name} AS\n{spec.select}")
            except duckdb.CatalogException as exc:
                failed.append((spec, exc))
                continue
            except duckdb.Error as exc:
                raise WarehouseError(f"view {spec.name}: {exc}") from exc
            comment_view(con, spec)
            created.append(spec.name)
        if not failed:
            break
        if len(failed) == len(pending):
            first, error = failed[0]
            raise WarehouseError(f"view {first.name}: {error}") from error
        pending = [spec for spec, _ in failed]
    for name in created:
        con.execute(f"SELECT * FROM {name} LIMIT 0")
    return created


def comment_view(con: Connection, spec: ViewSpec) -> None:
    """COMMENT ON the view and each of its columns (CREATE OR REPLACE VIEW erases them)."""
    cols = [r[0] for r in con.execute(f"SELECT * FROM {spec.name} LIMIT 0").description]
    missing = [c for c in cols if c not in spec.columns]
    extra = [c for c in spec.columns if c not in cols]
    if missing or extra:
        raise WarehouseError(
            f"view {spec.name}: every column needs an `@column` comment and every comment a column "
            f"(missing: {missing}, unknown: {extra})"
        )
    con.execute(f"COMMENT ON VIEW {spec.name} IS {quote(spec.comment)}")
    for col, text in spec.columns.items():
        con.execute(f'COMMENT ON COLUMN {spec.name}."{col}" IS {quote(text)}')


# ---------------------------------------------------------------- checks


@dataclass(frozen=True)
class CheckResult:
    name: str
    failing_rows: int
    sample: list[tuple[Any, ...]]


def run_checks(con: Connection) -> list[CheckResult]:
    """Each sql/checks/*.sql returns bad rows: zero rows is a pass."""
    results = []
    for path in sorted((sql_dir() / "checks").glob("*.sql")):
        query = path.read_text(encoding="utf-8").strip().rstrip(";")
        try:
            rows = con.execute(query).fetchall()
        except duckdb.Error as exc:
            raise WarehouseError(f"check {path.stem}: {exc}") from exc
        results.append(CheckResult(path.stem, len(rows), rows[:5]))
    return results


# ---------------------------------------------------------------- describing the views (docs)


@dataclass(frozen=True)
class ColumnDoc:
    name: str
    type: str
    comment: str


@dataclass(frozen=True)
class ViewDoc:
    name: str  # schema.view
    description: str
    grain: str
    columns: list[ColumnDoc]


def describe_views(con: Connection, schemas: Sequence[str] = ("staging", "marts")) -> list[ViewDoc]:
    """Every view of the schemas with its COMMENT (split into description and grain) and columns."""
    docs: list[ViewDoc] = []
    for schema in schemas:
        views = con.execute(
            "SELECT view_name, coalesce(comment, '') FROM duckdb_views() "
            "WHERE NOT internal AND schema_name = ? ORDER BY view_name", [schema]
        ).fetchall()
        for view, comment in views:
            description, _, grain = comment.partition(" Grain: ")
            cols = con.execute(
                "SELECT column_name, data_type, coalesce(comment, '') FROM duckdb_columns() "
                "WHERE schema_name = ? AND table_name = ? ORDER BY column_index", [schema, view]
            ).fetchall()
            docs.append(ViewDoc(f"{schema}.{view}", description.strip(), grain.strip(),
                                [ColumnDoc(n, t, c) for n, t, c in cols]))
    return docs


@contextmanager
def catalog() -> Iterator[Connection]:
    """An empty in-memory warehouse with every migration and view applied: the schema as the code
    defines it, no data needed (what `newsdw docs` documents)."""
    con = duckdb.connect(":memory:")
    try:
        migrate(con)
        apply_views(con)
        yield con
    finally:
        con.close()
