"""A run's summary: what the flow returns, what the CLI prints, what the artifacts show."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class RunSummary:
    load_id: str
    flow_run_id: str | None
    warehouse: str
    snapshot: str
    kind: str = "ingest"  # ingest | reparse
    seen: int = 0
    loaded: int = 0
    unchanged: int = 0
    rejected: int = 0
    gone: int = 0
    reparsed: int = 0  # article versions re-derived (reparse)
    reparse_kept: int = 0  # versions the current parser finds no body in: kept as they were (reparse)
    crashed_loads_found: int = 0
    languages: dict[str, int] = field(default_factory=dict)
    rejections: dict[str, int] = field(default_factory=dict)
    stages: dict[str, dict[str, Any]] = field(default_factory=dict)  # stage -> StageResult.as_dict()
    failed_checks: dict[str, int] = field(default_factory=dict)
    published: str = ""  # file-copy | copy-database | unchanged (see warehouse.publish_if_changed)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def counts(self) -> dict[str, int]:
        return {"seen": self.seen, "loaded": self.loaded, "unchanged": self.unchanged, "rejected": self.rejected,
                "gone": self.gone}


def format_summary(s: dict[str, Any]) -> str:
    """The few lines `newsdw run` and `newsdw reparse` print (s: RunSummary.as_dict())."""
    langs = ", ".join(f"{k} {v}" for k, v in s["languages"].items()) or "none"
    lines = [f"newsdw {'reparse' if s.get('kind') == 'reparse' else 'load'} {s['load_id']}  ({s['seconds']:.1f} s)"]
    if s.get("kind") == "reparse":
        kept = s.get("reparse_kept", 0)
        lines.append(f"  articles re-derived {s['reparsed']}"
                     + (f"; kept as they were {kept} (the current parser finds no body in them)" if kept else ""))
    else:
        lines.append(f"  files seen {s['seen']}: loaded {s['loaded']}, unchanged {s['unchanged']}, "
                     f"rejected {s['rejected']}" + (f"; gone since last run {s['gone']}" if s["gone"] else ""))
        if s.get("reparsed"):
            lines.append(f"  articles re-derived with newly learned page furniture: {s['reparsed']}")
    lines.append(f"  articles by language (current): {langs}")
    if s["rejections"]:
        lines.append("  rejected: " + ", ".join(f"{k} {v}" for k, v in s["rejections"].items())
                     + "  (see: newsdw query \"SELECT * FROM marts.rejections\")")
    if s.get("stages"):
        lines.append("  corpus stages: " + ", ".join(
            f"{name} {st['rows_in']} in / {st['rows_out']} out ({st['mode']}, {st['seconds']:.2f} s)"
            for name, st in s["stages"].items()))
    if s["failed_checks"]:
        lines.append("  FAILED data checks: " + ", ".join(f"{k} ({v} rows)" for k, v in s["failed_checks"].items()))
    lines.append(f"  warehouse {s['warehouse']}")
    kept_snapshot = "  (kept as it was: this run changed nothing)" if s.get("published") == "unchanged" else ""
    lines.append(f"  snapshot for BI {s['snapshot']}{kept_snapshot}")
    return "\n".join(lines)
