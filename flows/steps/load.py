"""Turn a batch's rows (flows/steps/rows.py) into polars frames typed like the warehouse tables.

Runs in the flow's process, just before the batch is written; the DuckDB side lives in
flows/warehouse.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from flows.steps.rows import COLUMNS, BatchRows, Table

_DTYPES: dict[str, pl.DataType] = {
    "str": pl.String(), "utf8": pl.String(), "int32": pl.Int32(), "int64": pl.Int64(), "float64": pl.Float64(),
    "uint64": pl.UInt64(),
    "bool": pl.Boolean(), "bytes": pl.Binary(), "timestamp": pl.Datetime("us"), "list[str]": pl.List(pl.String),
}
SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    table: {col: _DTYPES[kind] for col, kind in cols.items()} for table, cols in COLUMNS.items()
}


@dataclass(frozen=True)
class BatchFrames:
    files: pl.DataFrame  # raw.files rows (one per loaded version)
    articles: pl.DataFrame  # core.articles
    blocks: pl.DataFrame  # core.blocks
    rejections: pl.DataFrame  # raw.rejections
    template_keys: pl.DataFrame  # core.template_keys
    file_state: pl.DataFrame  # ops.file_state upserts (loaded, rejected and touched-but-same files)

    @property
    def loaded(self) -> int:
        return self.articles.height


def to_frames(rows: BatchRows) -> BatchFrames:
    return BatchFrames(**{name: _frame(name, rows.tables[name]) for name in COLUMNS})


def _frame(name: str, table: Table) -> pl.DataFrame:
    columns = []
    for col, kind in COLUMNS[name].items():
        if kind == "utf8":  # UTF-8 bytes: taken as binary, then checked and retyped as text in one pass
            columns.append(pl.Series(col, table[col], dtype=pl.Binary).cast(pl.String))
        else:
            columns.append(pl.Series(col, table[col], dtype=SCHEMAS[name][col]))
    return pl.DataFrame(columns)
