#!/usr/bin/env python
"""Benchmark: web throughput, bare Django vs the full multi-tenant stack (`make bench-web`).

In one run, side by side, under gunicorn (2 sync workers) and wrk on 127.0.0.1:
  1. bare Django: the platform's health view with no middleware, no apps, no tenancy
     (bench/bare/);
  2. the same view through the full stack on a member's host (GET /healthz, Host
     tetouan.localhost, config.settings with DJANGO_DEBUG=0);
  3. the member's home page, cold (PAGE_CACHE_SECONDS=0);
  4. the member's home page, warm (page cache on, after a warm-up).
The four are measured in interleaved rounds (1 2 3 4, 1 2 3 4, ...) and each figure is the
median over rounds, so a neighbour's burst of CPU does not land on one measure only. Every
response must be a 2xx: wrk's non-2xx count and timeouts must be zero, or the run fails.

Set-up: the embedded PostgreSQL/Redis unless DATABASE_URL / REDIS_URL are set (as `make run`),
a fresh database `infitah_bench_web`, migrate_members, load_registry, seed_demo and
collectstatic (DEBUG=0 serves the hashed static manifest, as in the Docker image). Cache keys
carry a prefix of their own per run. Every gunicorn is stopped on exit, whatever happens.
"""

import argparse
import http.client
import os
import platform as stdlib_platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "deploy")]

from support import bench_database_url  # noqa: E402

PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
WRK = shutil.which("wrk") or "/usr/bin/wrk"
DATABASE = "infitah_bench_web"
HOST = "tetouan.localhost"


def say(message: str) -> None:
    print(f"[bench-web] {message}", flush=True)


class BenchError(RuntimeError):
    pass


# --- set-up -------------------------------------------------------------------------------


def production_env() -> dict[str, str]:
    """The environment of the full stack: production-like, on the bench's own database."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "bench-web-" + uuid.uuid4().hex,
            "SECURE_COOKIES": "0",
            "LOG_LEVEL": "WARNING",
            # Keys of this run never meet those of `make run` or the tests on a shared Redis.
            "CACHE_KEY_PREFIX": f"infitah-bench-web-{uuid.uuid4().hex[:8]}",
        }
    )
    env.pop("PAGE_CACHE_SECONDS", None)
    return env


def manage(env: dict[str, str], *args: str, root: Path = ROOT) -> None:
    started = time.monotonic()
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=root, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.stdout.write(result.stdout[-4000:])
        sys.stderr.write(result.stderr[-4000:])
        raise BenchError(f"manage.py {' '.join(args)} failed (exit {result.returncode})")
    say(f"manage.py {' '.join(args)}: {time.monotonic() - started:.1f} s")


# --- gunicorn -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    name: str
    env: dict[str, str]
    log: Path
    port: int = 0
    process: subprocess.Popen | None = None
    root: Path = ROOT  # the code it serves (--baseline: an earlier checkout of it)

    def start(self, workers: int) -> None:
        self.port = free_port()
        command = [
            GUNICORN,
            "config.wsgi:application",
            "--pythonpath",
            f"{self.root},{self.root / 'platform'}",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ]
        # gunicorn's error log and Django's (tracebacks of a 500) both go to stderr: keep them.
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                command,
                cwd=self.root,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(
                    f"gunicorn '{self.name}' exited ({self.process.returncode}):\n"
                    + self.log_tail()
                )
            try:
                status, _, body = get(self.port, "/healthz")
            except OSError:
                time.sleep(0.2)
                continue
            if status == 200:
                return
            raise BenchError(
                f"gunicorn '{self.name}': GET /healthz on {HOST} answered {status}"
                f"\n{body.decode(errors='replace')[:500]}\n{self.log_tail()}"
            )
        raise BenchError(
            f"gunicorn '{self.name}' did not answer in {timeout:.0f} s:\n" + self.log_tail()
        )

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)  # the arbiter and its workers
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def worker_pids(self) -> list[int]:
        arbiter = self.process.pid
        children = Path(f"/proc/{arbiter}/task/{arbiter}/children").read_text().split()
        return sorted(int(pid) for pid in children)

    def cpu_seconds(self, pids: list[int]) -> float:
        """User + system CPU time of these workers so far (what a request costs the app)."""
        ticks = 0
        for pid in pids:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except FileNotFoundError:
            return "(no log)"


def get(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": HOST})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


# --- wrk ----------------------------------------------------------------------------------


@dataclass
class Figure:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    socket_errors: dict[str, int] = field(default_factory=dict)
    cpu_ms: float = 0.0  # the gunicorn workers' CPU time per request


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS_MS[unit]


def parse_wrk(output: str) -> Figure:
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    if not (rps and total and p50 and p99):
        raise BenchError("cannot read wrk's output:\n" + output)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    socket_errors = (
        dict(zip(("connect", "read", "write", "timeout"), map(int, errors.groups())))
        if errors
        else {}
    )
    return Figure(
        float(rps.group(1)),
        _ms(p50.group(1)),
        _ms(p99.group(1)),
        int(total.group(1)),
        int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors,
    )


def wrk(port: int, path: str, *, threads: int, connections: int, seconds: float) -> Figure:
    command = [
        WRK,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds:g}s",
        "--latency",
        "--timeout",
        "5s",
        "-H",
        f"Host: {HOST}",
        f"http://127.0.0.1:{port}{path}",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    if result.returncode:
        raise BenchError(f"wrk failed ({result.returncode}): {result.stderr}")
    return parse_wrk(result.stdout)


# --- the measures -------------------------------------------------------------------------


@dataclass
class Measure:
    key: str
    label: str
    server: str
    path: str
    expect: bytes  # a fragment the response body must hold
    figures: list[Figure] = field(default_factory=list)
    broken: str = ""

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(f, attribute) for f in self.figures)


def check_response(measure: Measure, server: Server) -> None:
    """One request first: a 200 holding the expected text, or say clearly what went wrong."""
    status, headers, body = get(server.port, measure.path)
    if status != 200 or measure.expect not in body:
        text = body.decode(errors="replace")
        reason = f"GET {measure.path} on {HOST} answered {status}"
        if status == 200:
            reason += f" without the expected text {measure.expect!r}"
        raise BenchError(
            f"{reason}\n--- body (start) ---\n{text[:1500]}\n"
            f"--- gunicorn '{server.name}' log (end) ---\n{server.log_tail()}"
        )
    if measure.key == "warm" and "Set-Cookie" in headers:
        say(
            f"warning: the home page sets a cookie ({headers['Set-Cookie'][:60]}...), "
            "so the page cache will not keep it"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=10, help="seconds of each wrk run")
    parser.add_argument("--warmup", type=float, default=2, help="seconds of warm-up before each")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (median)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument(
        "--baseline",
        type=Path,
        action="append",
        default=[],
        metavar="CHECKOUT",
        help="also measure the warm page served by the code of an earlier "
        "checkout (e.g. a `git worktree`), in the same interleaved rounds, "
        "on the same database: before and after, side by side (repeatable)",
    )
    args = parser.parse_args()
    for tool in (WRK, GUNICORN):
        if not Path(tool).exists():
            raise BenchError(f"{tool} not found (wrk: apt-get install wrk; gunicorn: make's .venv)")

    os.environ["DATABASE_URL"] = bench_database_url(DATABASE)  # and REDIS_URL, embedded if unset
    full_env = production_env()
    say(
        "setting up the demo network on a fresh database "
        f"({DATABASE}; embedded servers unless DATABASE_URL/REDIS_URL were given)"
    )
    manage(full_env, "migrate_members")
    manage(full_env, "load_registry")
    seed_problem = ""
    try:
        manage(full_env, "seed_demo")
    except BenchError as error:
        # The home page needs it; the health view does not: go on and say so at the end.
        seed_problem = str(error)
        say(f"SEED FAILED: {error}; the home page measures will likely fail too")
    manage(full_env, "collectstatic", "--noinput", "--verbosity", "0")

    bare_env = dict(full_env, DJANGO_SETTINGS_MODULE="bench.bare.settings")
    stack_env = dict(full_env, DJANGO_SETTINGS_MODULE="bench.bare.stack_settings")
    cold_env = dict(full_env, PAGE_CACHE_SECONDS="0")
    logs = Path(tempfile.mkdtemp(prefix="bench-web-"))
    servers = {
        name: Server(name, env, logs / f"{name}.log")
        for name, env in (
            ("bare", bare_env),
            ("stack", stack_env),
            ("full", full_env),
            ("full-nocache", cold_env),
        )
    }
    for number, checkout in enumerate(args.baseline, 1):
        # Its own cache keys: the two codes may not store cached pages the same way.
        name = f"baseline{number}"
        baseline_env = dict(full_env, CACHE_KEY_PREFIX=f"{full_env['CACHE_KEY_PREFIX']}-{name}")
        servers[name] = Server(name, baseline_env, logs / f"{name}.log", root=checkout.resolve())
        manage(
            baseline_env,
            "collectstatic",
            "--noinput",
            "--verbosity",
            "0",
            root=checkout.resolve(),
        )
    measures = [
        Measure(
            "bare",
            "1. bare Django, /healthz (no middleware, no tenancy)",
            "bare",
            "/healthz",
            b"ok",
        ),
        Measure(
            "stack", "1b. the same stack without tenancy, /healthz", "stack", "/healthz", b"ok"
        ),
        Measure("health", "2. full stack, /healthz on a member's host", "full", "/healthz", b"ok"),
        Measure(
            "cold",
            "3. member home page, cold (page cache off)",
            "full-nocache",
            "/",
            "تطوان".encode(),
        ),
        Measure("warm", "4. member home page, warm (page cache on)", "full", "/", "تطوان".encode()),
    ]
    for number, checkout in enumerate(args.baseline, 1):
        measures.append(
            Measure(
                f"warm-baseline{number}",
                f"4{'bcdefg'[number - 1]}. the same, served by {checkout.name}'s code",
                f"baseline{number}",
                "/",
                "تطوان".encode(),
            )
        )
    try:
        for server in servers.values():
            server.start(args.workers)
        for server in servers.values():
            server.wait_ready()
        say(
            "gunicorn ready: "
            + ", ".join(f"{s.name} on 127.0.0.1:{s.port}" for s in servers.values())
        )
        for measure in measures:
            try:
                check_response(measure, servers[measure.server])
            except BenchError as error:
                measure.broken = str(error)
                say(f"NOT MEASURED: {measure.label}\n{error}")
        for round_no in range(1, args.rounds + 1):
            for measure in measures:
                if measure.broken:
                    continue
                server = servers[measure.server]
                wrk(
                    server.port,
                    measure.path,
                    threads=args.threads,
                    connections=args.connections,
                    seconds=args.warmup,
                )
                pids = server.worker_pids()
                cpu_before = server.cpu_seconds(pids)
                figure = wrk(
                    server.port,
                    measure.path,
                    threads=args.threads,
                    connections=args.connections,
                    seconds=args.duration,
                )
                if server.worker_pids() != pids:
                    raise BenchError(
                        f"a gunicorn '{server.name}' worker was replaced during "
                        f"the run:\n{server.log_tail()}"
                    )
                figure.cpu_ms = (server.cpu_seconds(pids) - cpu_before) * 1000 / figure.requests
                say(
                    f"round {round_no} · {measure.label}: {figure.requests_per_s:,.0f} req/s, "
                    f"p50 {figure.p50_ms:.2f} ms, p99 {figure.p99_ms:.2f} ms, "
                    f"{figure.cpu_ms:.2f} ms CPU/request, "
                    f"non-2xx {figure.non_2xx}, socket errors {figure.socket_errors}"
                )
                if figure.non_2xx or figure.socket_errors.get("timeout"):
                    raise BenchError(
                        f"{measure.label}: {figure.non_2xx} non-2xx responses, "
                        f"{figure.socket_errors.get('timeout', 0)} timeouts out of "
                        f"{figure.requests}\n{servers[measure.server].log_tail()}"
                    )
                measure.figures.append(figure)
        for server in servers.values():
            if server.process.poll() is not None:
                raise BenchError(
                    f"gunicorn '{server.name}' died during the run:\n" + server.log_tail()
                )
    finally:
        for server in servers.values():
            server.stop()

    report(measures, args, seed_problem)
    shutil.rmtree(logs, ignore_errors=True)
    return 1 if seed_problem or any(m.broken for m in measures) else 0


def report(measures: list[Measure], args, seed_problem: str) -> None:
    by_key = {m.key: m for m in measures}
    print(
        "\n| measure | requests/s | p50 | p99 | throughput vs bare "
        "| app CPU per request | CPU vs bare |\n|---|---:|---:|---:|---:|---:|---:|"
    )
    bare = by_key["bare"]
    bare_rps = bare.median("requests_per_s") if bare.figures else None
    bare_cpu = bare.median("cpu_ms") if bare.figures else None
    for measure in measures:
        if not measure.figures:
            print(f"| {measure.label} | not measured (see above) | | | | | |")
            continue
        rps, cpu = measure.median("requests_per_s"), measure.median("cpu_ms")
        ratio = f"{rps / bare_rps:.2f}×" if bare_rps else ""
        cpu_ratio = f"{cpu / bare_cpu:.2f}×" if bare_cpu else ""
        print(
            f"| {measure.label} | {rps:,.0f} | {measure.median('p50_ms'):.2f} ms "
            f"| {measure.median('p99_ms'):.2f} ms | {ratio} | {cpu:.2f} ms | {cpu_ratio} |"
        )

    print("\n| target | figure | met |\n|---|---|---|")
    if by_key["bare"].figures and by_key["health"].figures:
        # Per-request cost is 1 / throughput: what tenancy and the middleware add to it.
        added = bare_rps / by_key["health"].median("requests_per_s") - 1
        print(
            f"| tenancy adds < 10 % to the bare view (time per request, 2 vs 1) "
            f"| {added * 100:+.1f} % | {'yes' if added < 0.10 else 'NO'} |"
        )
        added_cpu = by_key["health"].median("cpu_ms") / bare_cpu - 1
        print(
            f"| (cross-check: app CPU per request, 2 vs 1) | {added_cpu * 100:+.1f} % "
            f"| {'yes' if added_cpu < 0.10 else 'NO'} |"
        )
    if by_key["stack"].figures and by_key["health"].figures:
        # The reading of the target that isolates tenancy: same stack with and without it.
        added = (
            by_key["stack"].median("requests_per_s") / by_key["health"].median("requests_per_s") - 1
        )
        print(
            f"| tenancy alone adds < 10 % (time per request, 2 vs 1b: same stack without "
            f"tenancy) | {added * 100:+.1f} % | {'yes' if added < 0.10 else 'NO'} |"
        )
    if by_key["bare"].figures and by_key["warm"].figures:
        share = by_key["warm"].median("requests_per_s") / bare_rps
        print(
            f"| warm home page ≥ 50 % of the bare view's throughput (4 vs 1) "
            f"| {share * 100:.1f} % | {'yes' if share >= 0.5 else 'NO'} |"
        )
        share_cpu = bare_cpu / by_key["warm"].median("cpu_ms")
        print(
            f"| (cross-check: bare CPU / warm CPU per request, 1 vs 4) | {share_cpu * 100:.1f} % "
            f"| {'yes' if share_cpu >= 0.5 else 'NO'} |"
        )
    for number, checkout in enumerate(args.baseline, 1):
        before, after = by_key[f"warm-baseline{number}"], by_key["warm"]
        if not (before.figures and after.figures):
            continue
        label = f"4 vs 4{'bcdefg'[number - 1]}, {checkout.name}"
        change = after.median("requests_per_s") / before.median("requests_per_s") - 1
        print(
            f"| warm home page within 5 % of the baseline's (throughput, {label}) "
            f"| {change * 100:+.1f} % | {'yes' if change > -0.05 else 'NO'} |"
        )
        change_cpu = after.median("cpu_ms") / before.median("cpu_ms") - 1
        print(
            f"| (cross-check: app CPU per request, {label}) | {change_cpu * 100:+.1f} % "
            f"| {'yes' if change_cpu < 0.05 else 'NO'} |"
        )
    if by_key["cold"].figures and by_key["warm"].figures:
        print(
            f"| (page cache speed-up, 4 vs 3) "
            f"| {by_key['warm'].median('requests_per_s') / by_key['cold'].median('requests_per_s'):.1f}× | |"
        )

    import django
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        pg = conn.info.server_version
    from importlib.metadata import version

    def run(*command: str) -> str:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        return (result.stdout or result.stderr).strip()

    commit = run("git", "rev-parse", "--short", "HEAD")
    dirty = " + uncommitted changes" if run("git", "status", "--porcelain") else ""
    wrk_version = run(WRK, "-v").split(" [")[0]
    print(
        f"\n{date.today()} · {stdlib_platform.node()} · {os.cpu_count()} cores · "
        f"Python {stdlib_platform.python_version()} · Django {django.get_version()} · "
        f"PostgreSQL {pg // 10000}.{pg % 100} · django-tenants {version('django-tenants')} · "
        f"gunicorn {version('gunicorn')}, {args.workers} sync workers · {wrk_version} "
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration:g}s "
        f"(after {args.warmup:g} s warm-up), median of {args.rounds} interleaved rounds · "
        f"code at {commit}{dirty}"
        + (f" · baselines: {', '.join(str(c) for c in args.baseline)}" if args.baseline else "")
    )
    if seed_problem:
        print(f"\nseed_demo FAILED: {seed_problem}")
    for measure in measures:
        if measure.broken:
            print(f"\nNOT MEASURED: {measure.label} (see the error above)")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"\n[bench-web] FAILED: {error}", file=sys.stderr, flush=True)
        sys.exit(1)
