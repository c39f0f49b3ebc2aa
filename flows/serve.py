"""`newsdw serve`: the ingest flow as a scheduled Prefect deployment, run by this process.

`flow.serve()` registers the deployment (schedule, parameters, a concurrency limit of 1) with a
Prefect server and then polls it: each scheduled run starts in a subprocess of this one. The
server's scheduler creates the runs, so a long-running server is required (`newsdw server start`,
which the CLI finds by itself, or the user's own at `PREFECT_API_URL`):
Prefect's temporary server runs no scheduler, and `serve` against it would wait forever.

`prefect.yaml` declares the same deployment for `prefect deploy` + a process worker; keep the two
in step (tests/test_serve.py compares them).
"""

from __future__ import annotations

import datetime as dt
import uuid
import warnings
from dataclasses import dataclass
from typing import Any

from flows.settings import Settings

DEPLOYMENT_NAME = "scheduled"
DEFAULT_CRON = "*/15 * * * *"
CONCURRENCY_LIMIT = 1  # one writer: overlapping runs wait for the slot (AwaitingConcurrencySlot)
TAGS = ["newsdw"]
SKIPPED_MESSAGE = "Skipped by newsdw serve: came due while nobody served the deployment"


class ServeError(Exception):
    """`newsdw serve` cannot start (no server configured or reachable)."""


@dataclass(frozen=True)
class ServePlan:
    """What `newsdw serve` will register: name, one schedule, the runs' parameters."""

    name: str
    cron: str | None
    interval: dt.timedelta | None
    parameters: dict[str, str]

    def describe(self) -> str:
        when = f"cron '{self.cron}' (UTC)"
        if self.interval is not None:
            when = f"every {self.interval.total_seconds():g} s"
        return (f"serving ingest_news/{self.name}: {when}, at most {CONCURRENCY_LIMIT} run at a time, "
                f"raw {self.parameters['raw_dir']} -> {self.parameters['warehouse']}")


def plan(*, cron: str | None = None, interval: float | None = None, raw_dir: str | None = None,
         warehouse: str | None = None, name: str = DEPLOYMENT_NAME) -> ServePlan:
    """Validate the schedule and resolve the folders now, so a typo fails here and not at 3 a.m."""
    if cron is not None and interval is not None:
        raise ValueError("give --cron or --interval, not both")
    if interval is not None and not interval > 0:
        raise ValueError(f"--interval must be a positive number of seconds, got {interval:g}")
    if cron is None and interval is None:
        cron = DEFAULT_CRON
    if cron is not None:
        from prefect.client.schemas.schedules import CronSchedule

        try:
            CronSchedule(cron=cron)
        except ValueError as exc:
            raise ValueError(f"--cron {cron!r} is not a valid cron expression") from exc
    settings = Settings.from_env(raw_dir=raw_dir, warehouse=warehouse)
    if not settings.raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {settings.raw_dir} does not exist")
    return ServePlan(
        name=name,
        cron=cron,
        interval=dt.timedelta(seconds=interval) if interval is not None else None,
        # Resolved paths: the runs start in subprocesses and the UI shows exactly what they read.
        parameters={"raw_dir": str(settings.raw_dir), "warehouse": str(settings.warehouse)},
    )


def api_url() -> str:
    """The configured Prefect server, checked to answer; ServeError with what to do otherwise."""
    import httpx
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    if not url:
        raise ServeError(
            "`newsdw serve` needs a long-running Prefect server (its scheduler creates the runs). Start one with\n"
            "    newsdw server start\n"
            "and run `newsdw serve` again: it finds that server by itself. (Or set PREFECT_API_URL to a "
            "server of your own.)")
    try:
        httpx.get(f"{url.rstrip('/')}/health", timeout=10).raise_for_status()
    except httpx.HTTPError as exc:
        raise ServeError(f"no Prefect server answers at PREFECT_API_URL={url} ({type(exc).__name__}: {exc}); "
                         "start that server, or unset PREFECT_API_URL and run `newsdw server start`") from exc
    return url


def serve(p: ServePlan) -> None:
    """Register the deployment and run its scheduled runs until stopped (Ctrl-C or SIGTERM).

    Before: runs the schedule made while nobody served it are skipped (see skip_missed_runs).
    After, however it stops: the deployment is paused, so no runs pile up while nobody serves it;
    serving again un-pauses it. (Prefect 3.8.8 pauses on Ctrl-C but not on SIGTERM.)
    """
    from prefect import get_client
    from prefect.exceptions import ObjectNotFound
    from prefect.types.entrypoint import EntrypointType

    from flows.ingest import ingest_news

    full_name = f"{ingest_news.name}/{p.name}"
    with get_client(sync_client=True) as client:
        try:
            skipped = skip_missed_runs(client, client.read_deployment_by_name(full_name).id)
        except ObjectNotFound:
            skipped = 0
    if skipped:
        print(f"newsdw: skipped {skipped} scheduled run(s) missed while nobody served {full_name}; "
              "the next run loads everything new", flush=True)

    schedule: dict[str, Any] = {"cron": p.cron} if p.cron else {"interval": p.interval}
    # Prefect 3.8.8's SIGTERM handler cannot await its own stop(); the pause below does its job.
    warnings.filterwarnings("ignore", message="coroutine 'Runner.astop' was never awaited")
    try:
        ingest_news.serve(
            name=p.name,
            parameters=p.parameters,
            global_limit=CONCURRENCY_LIMIT,
            tags=TAGS,
            description="Ingest new and changed articles from the raw folder into the DuckDB warehouse.",
            # A module path, not a file path: the deployment does not depend on the directory it was served from.
            entrypoint_type=EntrypointType.MODULE_PATH,
            **schedule,
        )
    finally:
        with get_client(sync_client=True) as client:
            client.pause_deployment(client.read_deployment_by_name(full_name).id)
        print(f"newsdw: stopped serving; {full_name} is paused until served again", flush=True)


def skip_missed_runs(client: Any, deployment_id: uuid.UUID) -> int:
    """Cancel the deployment's scheduled runs that came due and never started; return how many.

    They pile up when `newsdw serve` stops without pausing the schedule (a crash, a reboot), or wait
    for the concurrency slot. Each run loads everything new since the last one, so running a backlog
    one by one only adds empty loads to ops.loads; the next scheduled run catches up on its own.
    Runs started by hand (`prefect deployment run`) are left alone.
    """
    from prefect.client.schemas.filters import (
        DeploymentFilter,
        DeploymentFilterId,
        FlowRunFilter,
        FlowRunFilterExpectedStartTime,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType
    from prefect.states import Cancelled

    due = FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED])),
                        expected_start_time=FlowRunFilterExpectedStartTime.model_validate(
                            {"before_": dt.datetime.now(dt.UTC)}))
    done: set[uuid.UUID] = set()
    while True:  # cancelled runs leave the filter, so each page holds new ones; `done` guards against repeats
        runs = [r for r in client.read_flow_runs(
            flow_run_filter=due, deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id])),
            limit=200) if r.auto_scheduled and r.run_count == 0 and r.id not in done]
        if not runs:
            return len(done)
        for run in runs:
            client.set_flow_run_state(run.id, Cancelled(message=SKIPPED_MESSAGE), force=True)
            done.add(run.id)
