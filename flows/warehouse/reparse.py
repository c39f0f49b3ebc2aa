"""The writes of `newsdw reparse`: a queue of article versions to re-derive, their stored texts, and the
replacement of their core.articles and core.blocks rows, batch by batch."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import polars as pl

from flows.warehouse.connect import Connection, registered, transaction
from flows.warehouse.errors import WarehouseError

if TYPE_CHECKING:
    from flows.steps.load import BatchFrames
    from flows.steps.reparse import StoredText


def reparse_queue_size(con: Connection) -> int:
    row = con.execute("SELECT count(*) FROM ops.reparse_queue").fetchone()
    return int(row[0]) if row else 0


def queue_reparse(con: Connection, load_id: str, parser_version: str, rules_checksum: str, *,
                  everything: bool = False, since: str | None = None) -> int:
    """Queue the article versions to re-derive (those not queued yet); returns how many were added.

    Default: versions whose parser_version or rules_checksum differ from the given ones. everything:
    every version. since: versions first loaded by load `since` or a later one.
    """
    where = ["a.file_version_id NOT IN (SELECT file_version_id FROM ops.reparse_queue)"]
    params: list[object] = [load_id]
    if not everything:
        where.append("(a.parser_version IS DISTINCT FROM ? OR a.rules_checksum IS DISTINCT FROM ?)")
        params += [parser_version, rules_checksum]
    if since is not None:
        row = con.execute("SELECT started_at FROM ops.loads WHERE load_id = ?", [since]).fetchone()
        if row is None:
            raise WarehouseError(f"--since {since}: no such load (see `newsdw status` for load ids)")
        where.append("f.first_load_id IN (SELECT load_id FROM ops.loads WHERE started_at >= ?)")
        params.append(row[0])
    with transaction(con):
        added = con.execute(
            "INSERT INTO ops.reparse_queue SELECT a.file_version_id, ?, now()::TIMESTAMP FROM core.articles AS a "
            "JOIN raw.files AS f USING (file_version_id) WHERE " + " AND ".join(where) + " RETURNING 1",
            params).fetchall()
    return len(added)


def reparse_queue(con: Connection) -> list[str]:
    """Every queued version id, in a stable order (raw.files order keeps a source's pages together)."""
    rows = con.execute("SELECT file_version_id FROM ops.reparse_queue ORDER BY file_version_id").fetchall()
    return [r[0] for r in rows]


def stored_texts(con: Connection, ids: Sequence[str]) -> list[StoredText]:
    """The raw.files rows of the given versions, as the tuples the reparse workers take."""
    with registered(con, pl.DataFrame({"file_version_id": list(ids)}, schema={"file_version_id": pl.String}),
                    "_ids") as view:
        rows = con.execute(
            "SELECT file_version_id, path, sha256, size_bytes, mtime_ns, encoding, text FROM raw.files "
            f"WHERE file_version_id IN (SELECT file_version_id FROM {view})").fetchall()
    return [tuple(r) for r in rows]


def replace_articles(con: Connection, frames: BatchFrames, queued: Sequence[str], load_id: str,
                     parser_version: str, rules_checksum: str) -> None:
    """In one transaction: the re-derived versions replace their core.articles and core.blocks rows
    (keeping the load that loaded them and when; derived_load_id names this one), versions the parser
    now rejects keep their rows with the current parser version and checksum (so the next reparse does
    not pick them again), and the batch leaves the queue."""
    articles = frames.articles
    # The transaction innermost: a frame is unregistered after the COMMIT or ROLLBACK, never inside an
    # aborted transaction (which would hide the error that aborted it).
    ids = pl.DataFrame({"file_version_id": list(queued)}, schema={"file_version_id": pl.String})
    with registered(con, articles, "_new") as new, registered(con, frames.blocks, "_blocks") as blocks, \
            registered(con, ids, "_queued") as batch, registered(con, frames.template_keys, "_keys") as keys, \
            transaction(con):
        con.execute("CREATE OR REPLACE TEMP TABLE _old AS SELECT file_version_id, loaded_at, load_id "
                    f"FROM core.articles WHERE file_version_id IN (SELECT file_version_id FROM {new})")
        con.execute("CREATE OR REPLACE TEMP TABLE _old_blocks AS SELECT o.load_id, count(*) AS n FROM core.blocks AS b "
                    "JOIN _old AS o USING (file_version_id) GROUP BY 1")
        con.execute(f"DELETE FROM core.articles WHERE file_version_id IN (SELECT file_version_id FROM {new})")
        con.execute(f"DELETE FROM core.blocks WHERE file_version_id IN (SELECT file_version_id FROM {new})")
        con.execute(f"DELETE FROM core.template_keys WHERE file_version_id IN (SELECT file_version_id FROM {new})")
        cols = ", ".join(f'"{c}"' for c in articles.columns)
        kept = {"loaded_at", "load_id"}  # lineage: the load that loaded the version stays on its rows
        picked = ", ".join(f"o.{c}" if c in kept else f'n."{c}"' for c in articles.columns)
        con.execute(f"INSERT INTO core.articles ({cols}, derived_load_id) SELECT {picked}, ? FROM {new} AS n "
                    "JOIN _old AS o USING (file_version_id)", [load_id])
        # The workers judged the dates against the reparse's clock; the row keeps its first load time,
        # which is what the plausible range is anchored to.
        con.execute(f"UPDATE core.articles SET published_at = NULL, published_at_dropped = 'in_the_future' "
                    f"WHERE file_version_id IN (SELECT file_version_id FROM {new}) "
                    "AND published_at > loaded_at + INTERVAL 1 DAY")
        block_cols = ", ".join(f'"{c}"' for c in frames.blocks.columns)
        block_picked = ", ".join("o.load_id" if c == "load_id" else f'b."{c}"' for c in frames.blocks.columns)
        con.execute(f"INSERT INTO core.blocks ({block_cols}) SELECT {block_picked} FROM {blocks} AS b "
                    "JOIN _old AS o USING (file_version_id)")
        # ops.loads.blocks_loaded counts the blocks of a load's versions: a re-derived version may have
        # more (a tail cut off its paragraph) or fewer.
        con.execute(f"""UPDATE ops.loads SET blocks_loaded = blocks_loaded + d.delta FROM (
                            SELECT o.load_id, count(*) - coalesce(any_value(ob.n), 0) AS delta
                            FROM {blocks} AS b JOIN _old AS o USING (file_version_id)
                            LEFT JOIN _old_blocks AS ob ON ob.load_id = o.load_id GROUP BY o.load_id) AS d
                        WHERE ops.loads.load_id = d.load_id""")
        key_cols = ", ".join(f'"{c}"' for c in frames.template_keys.columns)
        con.execute(f"INSERT INTO core.template_keys ({key_cols}) SELECT {key_cols} FROM {keys}")
        con.execute(
            f"UPDATE core.articles SET parser_version = ?, rules_checksum = ? WHERE file_version_id IN "
            f"(SELECT file_version_id FROM {batch}) AND file_version_id NOT IN (SELECT file_version_id FROM {new})",
            [parser_version, rules_checksum])
        con.execute(f"DELETE FROM ops.reparse_queue WHERE file_version_id IN (SELECT file_version_id FROM {batch})")
        con.execute("UPDATE ops.loads SET batches = batches + 1, articles_reparsed = articles_reparsed + ? "
                    "WHERE load_id = ?", [articles.height, load_id])
        con.execute("DROP TABLE _old")
        con.execute("DROP TABLE _old_blocks")
