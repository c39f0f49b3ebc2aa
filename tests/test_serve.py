"""Scheduled runs: `newsdw serve` against a real `prefect server start`, and prefect.yaml.

The slow tests share one real Prefect server (its own PREFECT_HOME, a free port on 127.0.0.1).
Every process they start carries a marker in its environment; teardown stops the process groups,
then kills anything still carrying the marker, and fails if something survived.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pty
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import httpx
import psutil
import pytest
import yaml

from flows import artifacts, serve
from flows.cli import main

ROOT = Path(__file__).resolve().parent.parent
MARKER = "_NEWSDW_TEST_PROCESS"
SERVER_BOOT_S = 180  # ~19 s on an idle 2-core box, ~45 s when it is busy
INTERVAL_S = 8
NEW_ARTICLE = """\
दिल्ली मेट्रो ने नई लाइन पर ट्रायल रन शुरू किया

Update: 2025-03-04 09:15 IST
नई दिल्ली, दिल्ली मेट्रो रेल कॉरपोरेशन ने मंगलवार को अपनी नई लाइन पर ट्रायल रन शुरू किया। अधिकारियों ने बताया कि \
यह लाइन शहर के पूर्वी हिस्से को हवाई अड्डे से जोड़ेगी और रोज़ लगभग दो लाख यात्रियों को सुविधा देगी। ट्रायल के दौरान \
सिग्नल, ट्रैक और बिजली की व्यवस्था की जांच की जा रही है। मेट्रो प्रवक्ता ने कहा कि सुरक्षा आयुक्त की मंज़ूरी मिलने के \
बाद लाइन को यात्रियों के लिए खोल दिया जाएगा।

स्थानीय लोगों ने इस परियोजना का स्वागत किया है। उनका कहना है कि इससे सड़कों पर ट्रैफिक कम होगा और प्रदूषण में भी \
कमी आएगी। परियोजना की कुल लागत लगभग दस हज़ार करोड़ रुपये बताई गई है।
"""


# ---------------------------------------------------------------- fast: the plan and the yaml


def test_plan_defaults_to_every_15_minutes_with_resolved_folders(tmp_path: Path) -> None:
    (tmp_path / "raw").mkdir()
    p = serve.plan(raw_dir=str(tmp_path / "raw"), warehouse=str(tmp_path / "w" / "n.duckdb"))
    assert (p.name, p.cron, p.interval) == ("scheduled", "*/15 * * * *", None)
    assert p.parameters == {"raw_dir": str((tmp_path / "raw").resolve()),
                            "warehouse": str((tmp_path / "w" / "n.duckdb").resolve())}
    assert serve.plan(interval=90, raw_dir=str(tmp_path / "raw")).interval is not None
    assert "every 90 s" in serve.plan(interval=90, raw_dir=str(tmp_path / "raw")).describe()


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"interval": 0}, "positive"),
    ({"cron": "every day at noon"}, "not a valid cron"),
    ({"cron": "* * * * *", "interval": 60}, "not both"),
])
def test_plan_refuses_bad_schedules(tmp_path: Path, kwargs: dict[str, Any], error: str) -> None:
    with pytest.raises(ValueError, match=error):
        serve.plan(raw_dir=str(tmp_path), **kwargs)


def test_serve_refuses_a_missing_raw_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--interval", "60", "--raw", str(tmp_path / "nope")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_serve_without_a_server_says_how_to_start_one(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    assert main(["serve", "--raw", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "newsdw server start" in err and "PREFECT_API_URL" in err
    # Prefect reads its settings once per process: a configured but dead server needs a fresh one.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp_path / "home"), PREFECT_API_URL=f"http://127.0.0.1:{_free_port()}/api")
    done = subprocess.run([sys.executable, "-m", "flows.cli", "serve", "--raw", str(tmp_path)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "no Prefect server answers at PREFECT_API_URL=http://127.0.0.1:" in done.stderr
    assert "unset PREFECT_API_URL and run `newsdw server start`" in done.stderr


def _yaml_deployment() -> dict[str, Any]:
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    [deployment] = spec["deployments"]
    return dict(deployment)


def test_prefect_yaml_declares_the_served_deployment() -> None:
    d = _yaml_deployment()
    assert d["name"] == serve.DEPLOYMENT_NAME
    assert d["entrypoint"] == "flows/ingest.py:ingest_news"
    assert [s["cron"] for s in d["schedules"]] == [serve.DEFAULT_CRON]
    assert d["concurrency_limit"]["limit"] == serve.CONCURRENCY_LIMIT
    assert d["tags"] == serve.TAGS
    assert set(d["parameters"]) == {"raw_dir", "warehouse"}
    assert d["work_pool"]["name"] == "newsdw-process"


# ---------------------------------------------------------------- slow: a real server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Procs:
    """Processes a test started: each in its own process group, all marked in their environment."""

    token: str
    logs: Path
    started: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "NEWSDW_"))}
        env.update({MARKER: self.token, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PYTHONUNBUFFERED": "1"})
        env.update(extra)
        return env

    def start(self, name: str, argv: list[str], env: dict[str, str], **kw: Any) -> subprocess.Popen[bytes]:
        log = open(self.logs / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(argv, env=env, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True, **kw)
        log.close()
        self.started.append(proc)
        return proc

    def log(self, name: str, tail: int = 4000) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(encoding="utf-8", errors="replace")[-tail:] if path.exists() else ""

    def stop(self, proc: subprocess.Popen[bytes], grace_s: float = 20) -> None:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, sig)
            try:
                proc.wait(timeout=grace_s)
                break
            except subprocess.TimeoutExpired:
                continue

    def marked(self) -> list[psutil.Process]:
        found = []
        for p in psutil.process_iter():
            try:
                if p.pid != os.getpid() and p.environ().get(MARKER) == self.token:
                    found.append(p)
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
        return found

    def stop_all(self) -> list[str]:
        """Stop what we started, newest first; return what had to be killed afterwards."""
        for proc in reversed(self.started):
            self.stop(proc)
        leftovers = self.marked()
        for p in leftovers:
            with contextlib.suppress(psutil.NoSuchProcess):
                p.kill()
        psutil.wait_procs(leftovers, timeout=10)
        return [f"{p.pid}" for p in leftovers]


@dataclass
class Server:
    url: str
    procs: Procs
    tmp: Path

    def client(self) -> Any:
        from prefect.client.orchestration import SyncPrefectClient

        return SyncPrefectClient(api=self.url)

    def client_env(self, **extra: str) -> dict[str, str]:
        home = self.tmp / "client-home"
        home.mkdir(exist_ok=True)
        return self.procs.env(PREFECT_API_URL=self.url, PREFECT_HOME=str(home), **extra)


def _wait(what: str, until: Callable[[], Any], timeout_s: float, every_s: float = 0.5,
          explain: Callable[[], str] = lambda: "") -> Any:
    deadline = time.monotonic() + timeout_s
    while True:
        result = until()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {timeout_s:g} s\n{explain()}")
        time.sleep(every_s)


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("prefect-server")
    logs = tmp / "logs"
    logs.mkdir()
    procs = Procs(uuid.uuid4().hex, logs)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = procs.env(PREFECT_HOME=str(tmp / "server-home"), PREFECT_SERVER_API_HOST="127.0.0.1",
                    PREFECT_SERVER_API_PORT=str(port), PREFECT_LOGGING_LEVEL="WARNING", PREFECT_UI_ENABLED="false")
    prefect = str(Path(sys.executable).with_name("prefect"))
    server = procs.start("server", [prefect, "server", "start", "--host", "127.0.0.1", "--port", str(port)], env)
    try:
        def healthy() -> bool:
            if server.poll() is not None:
                pytest.fail(f"prefect server exited with {server.returncode}:\n{procs.log('server')}")
            try:
                return httpx.get(f"{url}/health", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        started = time.monotonic()
        _wait("prefect server healthy", healthy, SERVER_BOOT_S, explain=lambda: procs.log("server"))
        print(f"\nprefect server up in {time.monotonic() - started:.1f} s on {url}")
        yield Server(url, procs, tmp)
    finally:
        leftovers = procs.stop_all()
        assert not procs.marked(), "processes survived teardown"
        assert not leftovers, f"processes outlived their process groups and were killed: {leftovers}"


def _snapshot_rows(snapshot: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    if not snapshot.exists():
        return []
    try:
        con = duckdb.connect(str(snapshot), read_only=True)
    except duckdb.Error:  # mid-rename on a busy box: try again on the next poll
        return []
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.mark.slow
def test_a_scheduled_run_loads_a_new_article(prefect_server: Server, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    warehouse = tmp_path / "wh" / "news.duckdb"
    snapshot = warehouse.with_name("news_bi.duckdb")
    procs = prefect_server.procs
    # The runner looks for due runs every few seconds (default 10) and retries a run that waited for
    # the concurrency slot at the next look; 2 s keeps the test's bound tight.
    env = prefect_server.client_env(PREFECT_RUNNER_POLL_FREQUENCY="2")
    served = procs.start("serve", [sys.executable, "-m", "flows.cli", "serve", "--interval", str(INTERVAL_S),
                                   "--raw", str(raw), "--warehouse", str(warehouse)], env)
    explain = lambda: procs.log("serve")  # noqa: E731
    with prefect_server.client() as client:
        try:
            def deployment() -> Any:
                if served.poll() is not None:
                    pytest.fail(f"newsdw serve exited with {served.returncode}:\n{procs.log('serve')}")
                try:
                    return client.read_deployment_by_name(f"ingest_news/{serve.DEPLOYMENT_NAME}")
                except Exception:
                    return None

            dep = _wait("deployment registered by newsdw serve", deployment, 90, explain=explain)
            assert dep.parameters == {"raw_dir": str(raw.resolve()), "warehouse": str(warehouse.resolve())}
            assert dep.global_concurrency_limit is not None and dep.global_concurrency_limit.limit == 1
            assert [s.schedule.interval.total_seconds() for s in dep.schedules] == [INTERVAL_S]
            assert dep.entrypoint == "flows.ingest.ingest_news"

            # First scheduled run: the five samples.
            loads = "SELECT flow_run_id, files_loaded FROM ops.loads WHERE status = 'completed' ORDER BY started_at"
            first = _wait("first scheduled run loaded the samples", lambda: _snapshot_rows(snapshot, loads), 120,
                          explain=explain)
            assert first[0][1] == 5

            # A new article arrives between runs; a later scheduled run must load it.
            dropped = time.time()
            (raw / "new" / "metro.txt").parent.mkdir()
            (raw / "new" / "metro.txt").write_text(NEW_ARTICLE, encoding="utf-8")
            which = ("SELECT l.flow_run_id, l.files_loaded, a.language, a.title FROM core.articles a "
                     "JOIN ops.loads l USING (load_id) WHERE a.path = 'new/metro.txt'")
            [(run_id, loaded, language, title)] = _wait("a scheduled run loaded the new article",
                                                        lambda: _snapshot_rows(snapshot, which), 3 * INTERVAL_S + 60,
                                                        every_s=0.25, explain=explain)
            seen_at = time.time()
            assert (loaded, language) == (1, "hi") and title.startswith("दिल्ली मेट्रो")
            assert run_id not in [r[0] for r in first]

            def finished() -> Any:
                run = client.read_flow_run(uuid.UUID(run_id))
                return run if run.state is not None and run.state.is_final() else None

            run = _wait("the run that loaded it finishes", finished, 60, explain=explain)
            # Made by the server's scheduler for this deployment, not by a person or a direct call.
            assert run.deployment_id == dep.id
            assert run.auto_scheduled is True
            assert run.created_by is not None and run.created_by.type == "SCHEDULE"
            assert run.state.is_completed(), run.state
            assert run.parameters == dep.parameters
            lag = (run.start_time - run.expected_start_time).total_seconds()
            print(f"\nscheduled run {run.name}: due {run.expected_start_time:%H:%M:%S.%f}, started "
                  f"{run.start_time:%H:%M:%S.%f} (lag {lag:.2f} s); "
                  f"article in the snapshot {seen_at - dropped:.1f} s after it was dropped "
                  f"(interval {INTERVAL_S} s)")

            # The run logged through Prefect's run logger and published its artifacts.
            from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId, LogFilter, LogFilterFlowRunId

            def summary_logged() -> bool:  # logs are shipped in batches, shortly after the fact
                logs = client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run.id])))
                return any(re.search(r"loaded 1, unchanged 5, rejected 0", log.message) for log in logs)

            _wait("the run's summary line in its Prefect logs", summary_logged, 30, explain=explain)
            found = client.read_artifacts(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run.id])))
            assert {a.key for a in found} == {artifacts.SUMMARY_KEY, artifacts.LANGUAGE_TABLE_KEY}
            assert "| loaded | 1 |" in next(a.data for a in found if a.key == artifacts.SUMMARY_KEY)

            # Every run of the deployment so far was made by the scheduler, and none overlapped (limit 1).
            from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId

            runs = [r for r in client.read_flow_runs(deployment_filter=DeploymentFilter(id=DeploymentFilterId(
                any_=[dep.id]))) if r.start_time is not None and r.end_time is not None]
            assert runs and all(r.auto_scheduled for r in runs)
            spans = sorted((r.start_time, r.end_time) for r in runs)
            assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans)), spans
        finally:
            procs.stop(served)
        assert served.returncode is not None
        assert "is paused until served again" in procs.log("serve")

        # Stopped (SIGTERM), the deployment is paused: no runs pile up while nobody serves it.
        assert client.read_deployment_by_name(f"ingest_news/{serve.DEPLOYMENT_NAME}").paused is True
        _check_missed_runs_are_skipped(client, dep.id)


def _check_missed_runs_are_skipped(client: Any, deployment_id: uuid.UUID) -> None:
    """Runs the scheduler made while nobody served are cancelled by the next `serve`; manual ones kept."""
    from datetime import UTC, datetime, timedelta

    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId
    from prefect.states import Scheduled

    manual = client.create_flow_run_from_deployment(
        deployment_id, state=Scheduled(scheduled_time=datetime.now(UTC) - timedelta(minutes=5)))
    client.resume_deployment(deployment_id)  # the scheduler makes runs again; nobody runs them
    try:
        def missed() -> list[Any]:
            ours = DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id]))
            runs = client.read_flow_runs(deployment_filter=ours)
            return [r for r in runs if r.auto_scheduled and r.state.is_scheduled()
                    and r.expected_start_time < datetime.now(UTC)]

        waiting = _wait("a scheduled run comes due with nobody serving", missed, 3 * INTERVAL_S + 30)
        assert serve.skip_missed_runs(client, deployment_id) >= len(waiting)
        for run in waiting:
            state = client.read_flow_run(run.id).state
            assert state.is_cancelled() and state.message == serve.SKIPPED_MESSAGE
        assert client.read_flow_run(manual.id).state.is_scheduled()  # started by hand: not ours to skip
        assert not missed()
    finally:
        client.pause_deployment(deployment_id)


@pytest.mark.slow
def test_cli_run_draws_a_bar_on_a_terminal_and_stays_quiet_when_piped(prefect_server: Server,
                                                                      raw_copy: Path, tmp_path: Path) -> None:
    argv = [sys.executable, "-m", "flows.cli", "run", "--raw", str(raw_copy), "--warehouse",
            str(tmp_path / "w" / "news.duckdb")]
    env = prefect_server.client_env(TERM="xterm-256color", COLUMNS="100")

    piped = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300,
                           start_new_session=True)
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == ""
    assert piped.stdout.startswith("newsdw load ") and "\x1b" not in piped.stdout
    assert len(piped.stdout.splitlines()) <= 8

    (raw_copy / "another.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    controller, terminal = pty.openpty()
    try:
        proc = subprocess.Popen(argv, env=env, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=terminal, start_new_session=True)
        os.close(terminal)
        drawn = b""
        while True:  # read the terminal until the command closes it
            ready, _, _ = select.select([controller], [], [], 120)
            if not ready:
                os.killpg(proc.pid, signal.SIGKILL)
                pytest.fail("newsdw run on a terminal did not finish")
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the other side is closed
                break
            if not chunk:
                break
            drawn += chunk
        out = proc.stdout.read().decode() if proc.stdout else ""
        assert proc.wait(timeout=60) == 0
    finally:
        os.close(controller)
    text = drawn.decode(errors="replace")
    assert "new or changed files" in text or "starting Prefect" in text, text[-2000:]
    assert "\x1b[" in text  # drawn with terminal control codes
    assert out.startswith("newsdw load ") and "loaded 1, unchanged 5" in out, out


@pytest.mark.slow
def test_prefect_deploy_with_prefect_yaml_makes_the_same_deployment(prefect_server: Server) -> None:
    """Runs after the serve test on the same server: `prefect deploy` replaces the served deployment."""
    prefect = str(Path(sys.executable).with_name("prefect"))
    env = prefect_server.client_env()
    for argv in ([prefect, "work-pool", "create", "newsdw-process", "--type", "process"],
                 [prefect, "--no-prompt", "deploy", "--name", serve.DEPLOYMENT_NAME]):
        done = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300,
                              start_new_session=True)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    with prefect_server.client() as client:
        dep = client.read_deployment_by_name(f"ingest_news/{serve.DEPLOYMENT_NAME}")
    assert dep.work_pool_name == "newsdw-process"
    assert dep.entrypoint == "flows/ingest.py:ingest_news"
    assert [(s.schedule.cron, s.schedule.timezone, s.active) for s in dep.schedules] == \
        [(serve.DEFAULT_CRON, "UTC", True)]
    assert dep.global_concurrency_limit is not None and dep.global_concurrency_limit.limit == serve.CONCURRENCY_LIMIT
    assert dep.parameters == {"raw_dir": "data/raw", "warehouse": "data/warehouse/news.duckdb"}
    assert dep.tags == serve.TAGS
    assert dep.pull_steps == [{"prefect.deployments.steps.set_working_directory": {"directory": str(ROOT)}}]
