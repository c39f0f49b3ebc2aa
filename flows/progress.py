"""How far a run has got, for whoever is watching: the flow reports, the CLI draws.

The flow calls `report(done, total)` once per batch; it costs nothing when nobody listens (a
scheduled run in a Prefect runner subprocess, a test). The CLI listens with `on_terminal(stream)`,
which draws a rich progress bar when the stream is a terminal and does nothing otherwise, so
piped output and CI logs stay a short summary. No Prefect here; rich is imported only when drawing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any


@dataclass(frozen=True)
class ProgressEvent:
    """`done` of this run's `total` new or changed files have been parsed and loaded."""

    done: int
    total: int


ProgressCallback = Callable[[ProgressEvent], None]

# Process-wide, not a contextvar: Prefect may run a flow's body in another thread or context
# than the caller's, and a listener set by the CLI must still hear it.
_listeners: list[ProgressCallback] = []


@contextmanager
def listening(callback: ProgressCallback) -> Iterator[None]:
    """Call `callback` with every progress event reported while the block runs."""
    _listeners.append(callback)
    try:
        yield
    finally:
        if callback in _listeners:
            _listeners.remove(callback)


def report(done: int, total: int) -> None:
    """Tell the listeners (if any) where the run is. A broken listener is dropped, never fatal."""
    event = ProgressEvent(done, total)
    for callback in tuple(_listeners):
        try:
            callback(event)
        except Exception:  # a progress display must never fail a load
            logging.getLogger("newsdw.progress").warning("progress display failed; hiding it", exc_info=True)
            _listeners.remove(callback)


class RichBar:
    """A rich progress bar fed by progress events: a spinner while Prefect starts, then files M/N."""

    def __init__(self, console: Any) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        # transient: the bar disappears when the run ends, leaving only the summary.
        self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                  MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True)
        self._task = self._progress.add_task("starting Prefect", total=None)

    def __enter__(self) -> RichBar:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def __call__(self, event: ProgressEvent) -> None:
        self._progress.update(self._task, description="new or changed files", total=max(event.total, 1),
                              completed=event.done if event.total else 1)


@contextmanager
def on_terminal(stream: IO[str]) -> Iterator[RichBar | None]:
    """Draw a progress bar on `stream` while the block runs, if it is a terminal; else stay quiet."""
    if not _is_tty(stream):
        yield None
        return
    from rich.console import Console

    with RichBar(Console(file=stream)) as bar, listening(bar):
        yield bar


def _is_tty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or not a real file
        return False
