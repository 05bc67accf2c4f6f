"""The deployment: docker-compose.yml, deploy/Dockerfile and the wheel the images install.

There is no Docker engine on these machines (ENGINEERING.md §6), so the compose file is parsed and
validated against the official compose-spec JSON schema (the copy check-jsonschema ships), its
variables are interpolated the way compose does it, and every container's command is resolved
against the code as the image installs it: a wheel built from the Dockerfile's COPY sources, unpacked
and put first on PYTHONPATH. The image's migrate and API commands then run for real outside Docker,
on SQLite and on a redis-server started with the compose file's own Redis arguments.
"""

from __future__ import annotations

import importlib
import importlib.resources
import inspect
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import redis
import yaml
from alembic.script import ScriptDirectory
from jsonschema import validators  # type: ignore[import-untyped]
from packaging.requirements import Requirement
from sqlalchemy.engine import make_url

from shared.auth import COOKIE, Department, issue_token
from shared.bus.broker import check_persistence
from shared.runtime import definition_of
from shared.settings import DEV_SECRET, SERVICES
from shared.testing.processes import ServiceProcess, wait_for, wait_http_ready
from shared.testing.redis_server import free_port, redis_binary
from shared.testing.system import BEAT_SERVICES

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / "deploy" / "env.example"
INIT_DATABASES = ROOT / "deploy" / "postgres" / "init-databases.sh"
OUR_IMAGE_COMMANDS = {"uvicorn", "celery", "python"}
LONG_RUNNING_RESTART = {"always", "unless-stopped", "on-failure"}


# --- compose interpolation (https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/)

_REFERENCE = re.compile(r"\$(?:(?P<escaped>\$)|\{(?P<braced>[^}]*)\}|(?P<named>[A-Za-z_][A-Za-z0-9_]*))")
_BRACED = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?+])(?P<arg>.*))?", re.DOTALL)


class MissingVariable(Exception):
    """What compose reports for ``${VAR:?message}`` when VAR is unset or empty: it does not start."""


@dataclass(frozen=True)
class Reference:
    name: str
    op: str | None
    arg: str


def references(value: Any) -> Iterator[Reference]:
    """Every ``${...}`` / ``$NAME`` in the strings of a parsed compose document."""
    if isinstance(value, dict):
        for item in value.values():
            yield from references(item)
    elif isinstance(value, list):
        for item in value:
            yield from references(item)
    elif isinstance(value, str):
        for match in _REFERENCE.finditer(value):
            if match["escaped"]:
                continue
            if match["named"]:
                yield Reference(match["named"], None, "")
                continue
            braced = _BRACED.fullmatch(match["braced"])
            if braced is None:
                raise ValueError(f"invalid interpolation format: {match[0]!r}")
            yield Reference(braced["name"], braced["op"], braced["arg"] or "")


def interpolate(value: Any, env: Mapping[str, str]) -> Any:
    if isinstance(value, dict):
        return {key: interpolate(item, env) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item, env) for item in value]
    if not isinstance(value, str):
        return value

    def substitute(match: re.Match[str]) -> str:
        if match["escaped"]:
            return "$"
        if match["named"]:
            return env.get(match["named"], "")
        braced = _BRACED.fullmatch(match["braced"])
        if braced is None:
            raise ValueError(f"invalid interpolation format: {match[0]!r}")
        name, op, arg = braced["name"], braced["op"], braced["arg"] or ""
        current = env.get(name)
        is_set = current is not None and (current != "" or not (op or "").startswith(":"))
        if op in (":-", "-"):
            return current if is_set and current is not None else arg
        if op in (":?", "?"):
            if not is_set or current is None:
                raise MissingVariable(f"required variable {name} is missing a value: {arg}")
            return current
        if op in (":+", "+"):
            return arg if is_set else ""
        return current or ""

    if "${" in _REFERENCE.sub("", value):
        raise ValueError(f"invalid interpolation format in {value!r}")
    return _REFERENCE.sub(substitute, value)


# --- the files under test -----------------------------------------------------------------------


@dataclass
class EnvExample:
    required: list[str]
    optional: dict[str, str]

    def filled(self) -> dict[str, str]:
        """An .env as ops would write it: a fresh secret for every required variable."""
        env = {name: secrets.token_hex(24) for name in self.required}
        env["FLOWER_BASIC_AUTH"] = f"drift:{secrets.token_hex(12)}"
        return env


def read_env_example() -> EnvExample:
    required: list[str] = []
    optional: dict[str, str] = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        match = re.fullmatch(r"(?P<comment>#)?(?P<name>[A-Z][A-Z0-9_]*)=(?P<value>.*)", line.strip())
        if match is None:
            continue
        if match["comment"]:
            optional[match["name"]] = match["value"]
        else:
            assert match["value"] == "", f"env.example must not carry a secret: {line}"
            required.append(match["name"])
    return EnvExample(required, optional)


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def all(self, keyword: str) -> list[str]:
        return [rest for kw, rest in self.instructions if kw == keyword]


def parse_dockerfile(path: Path) -> tuple[list[str], list[Stage]]:
    """(global ARG names, stages) of a Dockerfile; continuation lines joined, comments dropped."""
    logical: list[str] = []
    pending = ""
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        logical.append(pending + line)
        pending = ""
    assert not pending, f"{path}: dangling line continuation"
    global_args: list[str] = []
    stages: list[Stage] = []
    for line in logical:
        keyword, _, rest = line.partition(" ")
        keyword, rest = keyword.upper(), rest.strip()
        if keyword == "FROM":
            parts = rest.split()
            stages.append(Stage(parts[0], parts[2] if len(parts) == 3 and parts[1].upper() == "AS" else None))
        elif not stages:
            assert keyword == "ARG", f"{path}: only ARG may precede FROM, found {keyword}"
            global_args.append(rest.split("=")[0])
        else:
            stages[-1].instructions.append((keyword, rest))
    return global_args, stages


def exec_form(instruction: str) -> list[str]:
    """CMD/ENTRYPOINT as the argv Docker runs: JSON (exec) form, or the shell form under /bin/sh -c."""
    if instruction.startswith("["):
        argv: list[str] = json.loads(instruction)
        return argv
    return ["/bin/sh", "-c", instruction]


def shell_command(script: str, env: Mapping[str, str]) -> list[str]:
    """The argv a ``sh -c`` script runs (after ``exec``), with $VAR / ${VAR} taken from ``env``."""
    words = shlex.split(script)
    expanded = [re.sub(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?", lambda m: env.get(m[1], ""), word) for word in words]
    return expanded[1:] if expanded and expanded[0] == "exec" else expanded


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(COMPOSE_FILE.read_text())
    return document


@pytest.fixture(scope="module")
def env_example() -> EnvExample:
    return read_env_example()


@pytest.fixture(scope="module")
def resolved(compose: dict[str, Any], env_example: EnvExample) -> dict[str, Any]:
    """The compose file as ``docker compose config`` would see it with a filled-in .env."""
    interpolated: dict[str, Any] = interpolate(compose, env_example.filled())
    return interpolated


def containers_of(compose: Mapping[str, Any], service: str) -> dict[str, dict[str, Any]]:
    return {
        name: spec
        for name, spec in compose["services"].items()
        if name in {f"migrate-{service}", f"{service}-api", f"{service}-worker", f"{service}-beat"}
    }


def our_containers(compose: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The containers that run an image built from deploy/ (everything but Redis and PostgreSQL)."""
    return {name: spec for name, spec in compose["services"].items() if "build" in spec}


# --- the compose file itself ----------------------------------------------------------------------


def compose_spec_validator() -> Any:
    vendor = importlib.resources.files("check_jsonschema.builtin_schemas.vendor")
    schema = json.loads((vendor / "compose-spec.json").read_text())
    assert schema["title"] == "Compose Specification"
    return validators.validator_for(schema)(schema)


def test_compose_file_is_valid_against_the_compose_spec_schema(
    compose: dict[str, Any], resolved: dict[str, Any]
) -> None:
    validator = compose_spec_validator()
    for document in (compose, resolved):  # as written, and after interpolation
        errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]
        assert errors == []
    # The schema does reject what compose would: a misspelt key in a service.
    broken = json.loads(json.dumps(compose))
    broken["services"]["redis"]["restrat"] = "always"
    assert any("restrat" in e.message for e in validator.iter_errors(broken))


def test_compose_refuses_to_start_without_each_required_secret(
    compose: dict[str, Any], env_example: EnvExample
) -> None:
    used = list(references(compose))
    names = {ref.name for ref in used}
    assert set(env_example.required) >= {
        "INTEGRATION_AUTH_SECRET",
        "POSTGRES_PASSWORD",
        "FLOWER_BASIC_AUTH",
        *(f"{s.upper()}_DB_PASSWORD" for s in SERVICES),
    }
    # Every variable the compose file reads is documented in deploy/env.example, and the reverse.
    assert names == set(env_example.required) | set(env_example.optional)
    for ref in used:
        if ref.name in env_example.required:
            assert ref.op == ":?" and ref.arg.strip(), f"${{{ref.name}}} must be written ${{{ref.name}:?message}}"
        else:
            assert ref.op == ":-" and ref.arg == env_example.optional[ref.name], (
                f"{ref.name}: default {ref.arg!r} differs from env.example's {env_example.optional[ref.name]!r}"
            )
    filled = env_example.filled()
    complete = interpolate(compose, filled)  # a complete .env: every value substituted
    assert "${" not in json.dumps(complete)
    assert (
        complete["services"]["reception-api"]["environment"]["INTEGRATION_AUTH_SECRET"]
        == filled["INTEGRATION_AUTH_SECRET"]
    )
    assert complete["services"]["flower"]["environment"]["FLOWER_BASIC_AUTH"] == filled["FLOWER_BASIC_AUTH"]
    for name in env_example.required:
        for missing in ({k: v for k, v in filled.items() if k != name}, {**filled, name: ""}):
            with pytest.raises(MissingVariable, match=name):
                interpolate(compose, missing)


def test_every_service_has_migrate_api_and_worker_wired_to_its_own_database(
    resolved: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    compose_services = resolved["services"]
    for service in SERVICES:
        migrate, api, worker = (
            compose_services[f"migrate-{service}"],
            compose_services[f"{service}-api"],
            compose_services[f"{service}-worker"],
        )
        assert migrate["command"] == ["python", "-m", "shared.migrations", "upgrade", service]
        assert migrate["restart"] == "no"
        assert migrate["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert api["command"] == [
            "uvicorn",
            "--factory",
            f"{service}.main:create_app",
            "--host",
            "0.0.0.0",
            "--port",
            "8000",
        ]
        assert worker["command"] == [
            "celery",
            "-A",
            f"{service}.worker:app",
            "worker",
            "-Q",
            service,
            "--concurrency",
            "2",
            "-E",
        ]
        for running in (api, worker):
            assert running["restart"] in LONG_RUNNING_RESTART
            assert running["depends_on"][f"migrate-{service}"]["condition"] == "service_completed_successfully"
            assert running["depends_on"]["redis"]["condition"] == "service_healthy"
            assert running["healthcheck"]["test"][0] in {"CMD", "CMD-SHELL"}
        assert [p.split(":")[-1] for p in api["ports"]] == ["8000"]
        assert "ports" not in worker and "container_name" not in worker  # workers scale: --scale <svc>-worker=N

        images = {spec["image"] for spec in containers_of(resolved, service).values()}
        assert len(images) == 1, f"{service}: one image for all its containers, got {images}"
        for name, spec in containers_of(resolved, service).items():
            env = spec["environment"]
            assert spec["build"]["args"] == {"SERVICE": service}, name
            assert env["INTEGRATION_ENVIRONMENT"] == "production", name
            # Its own database only: no other service's URL or password reaches the container.
            assert [k for k in env if k.endswith("_DATABASE_URL")] == [f"{service.upper()}_DATABASE_URL"], name
            url = make_url(env[f"{service.upper()}_DATABASE_URL"])
            assert (url.drivername, url.host, url.username, url.database) == (
                "postgresql+psycopg",
                "postgres",
                service,
                service,
            ), name
            assert url.password == resolved["services"]["postgres"]["environment"][f"{service.upper()}_DB_PASSWORD"]
            url.get_dialect().import_dbapi()  # the driver the URL names is installed
            assert urlsplit(env["INTEGRATION_BROKER_URL"]).hostname == "redis", name

        # The service's own settings accept exactly this environment (production refuses defaults).
        for key in list(os.environ):
            if key.startswith(("INTEGRATION_", *(f"{s.upper()}_" for s in SERVICES))):
                monkeypatch.delenv(key)
        for key, value in api["environment"].items():
            monkeypatch.setenv(key, str(value))
        settings = definition_of(service).settings()
        assert settings.environment == "production"
        assert settings.database_url == api["environment"][f"{service.upper()}_DATABASE_URL"]
        assert settings.auth_secret == api["environment"]["INTEGRATION_AUTH_SECRET"] != DEV_SECRET

    for service in BEAT_SERVICES:
        beat = compose_services[f"{service}-beat"]
        assert beat["command"] == [
            "celery",
            "-A",
            f"{service}.worker:app",
            "beat",
            "-s",
            "/var/lib/beat/celerybeat-schedule",
        ]
        assert beat["restart"] in LONG_RUNNING_RESTART
        assert any(v.split(":")[1] == "/var/lib/beat" for v in beat["volumes"]), "beat's schedule must be on a volume"
    flower = compose_services["flower"]
    assert flower["command"] == ["celery", "--broker=redis://redis:6379/0", "flower", "--port=5555"]
    assert set(flower["environment"]) == {"FLOWER_BASIC_AUTH"}
    assert flower["healthcheck"]["test"][0] == "CMD"
    # Every long-running container restarts by itself; only the one-shot migrations do not.
    for name, spec in compose_services.items():
        expected = {"no"} if name.startswith("migrate-") else LONG_RUNNING_RESTART
        assert spec.get("restart") in expected, name


def test_postgres_gets_one_database_per_service_from_the_init_script(resolved: dict[str, Any]) -> None:
    postgres = resolved["services"]["postgres"]
    mounts = {v.split(":")[1]: v.split(":")[0] for v in postgres["volumes"]}
    assert mounts["/var/lib/postgresql/data"] == "postgres-data"
    init_script = mounts[next(t for t in mounts if t.startswith("/docker-entrypoint-initdb.d/"))]
    assert (ROOT / init_script).resolve() == INIT_DATABASES
    assert os.access(INIT_DATABASES, os.X_OK)
    assert postgres["healthcheck"]["test"][:2] == ["CMD", "pg_isready"]
    assert {"postgres-data", "redis-data", "reception-beat", "housing-beat"} <= set(resolved["volumes"])
    assert resolved["services"]["redis"]["volumes"] == ["redis-data:/data"]


def test_init_script_creates_every_service_database_and_refuses_a_missing_password(tmp_path: Path) -> None:
    """Run the script with a recording ``psql`` first on PATH: what it would send, per service."""
    record = tmp_path / "calls"
    fake = tmp_path / "bin" / "psql"
    fake.parent.mkdir()
    fake.write_text(
        '#!/bin/sh\n{ printf "ARGS %s\\n" "$*"; printf "DB_PASSWORD=%s\\n" "$DB_PASSWORD"; cat; } >> "$RECORD"\n'
    )
    fake.chmod(0o755)
    passwords = {s: secrets.token_hex(16) for s in SERVICES}
    env = {
        "PATH": f"{fake.parent}:{os.environ['PATH']}",
        "RECORD": str(record),
        **{f"{s.upper()}_DB_PASSWORD": p for s, p in passwords.items()},
    }
    done = subprocess.run(["bash", str(INIT_DATABASES)], env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    calls = record.read_text().split("ARGS ")[1:]
    assert len(calls) == len(SERVICES)
    for service, call in zip(SERVICES, calls, strict=True):
        assert f"-v service={service}" in call and "ON_ERROR_STOP=1" in call
        assert f"DB_PASSWORD={passwords[service]}" in call
        assert passwords[service] not in call.splitlines()[0], "the password must not be on psql's command line"
        for statement in ("CREATE ROLE %I LOGIN", "CREATE DATABASE %I OWNER %I", "REVOKE ALL ON DATABASE"):
            assert statement in call

    record.unlink()
    del env["EDUCATION_DB_PASSWORD"]
    refused = subprocess.run(["bash", str(INIT_DATABASES)], env=env, capture_output=True, text=True, timeout=30)
    assert refused.returncode != 0
    assert "EDUCATION_DB_PASSWORD is not set" in refused.stderr
    assert not record.exists(), "nothing may be created while a password is missing"


# --- Redis as compose runs it -----------------------------------------------------------------------


@dataclass
class ComposeRedis:
    args: list[str]
    port: int
    server: subprocess.Popen[bytes] = field(init=False)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=5, socket_connect_timeout=2)

    def start(self) -> ComposeRedis:
        self.server = subprocess.Popen(self.args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(lambda: self.client().ping(), timeout=10, message=f"redis-server on port {self.port}")
        return self

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.server.poll() is None:
            self.server.send_signal(sig)
        self.server.wait(10)


def compose_redis_server(compose: Mapping[str, Any], directory: Path) -> ComposeRedis:
    """redis-server with the compose file's arguments; only --dir, port, bind and log file are ours."""
    command = list(compose["services"]["redis"]["command"])
    assert command[0] == "redis-server"
    args = command[1:]
    args[args.index("--dir") + 1] = str(directory)
    port = free_port()
    argv = [redis_binary(), *args, "--port", str(port), "--bind", "127.0.0.1", "--logfile", str(directory / "log")]
    return ComposeRedis(argv, port).start()


@pytest.fixture(scope="module")
def compose_redis(compose: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Iterator[ComposeRedis]:
    running = compose_redis_server(compose, tmp_path_factory.mktemp("compose-redis"))
    yield running
    running.stop()


def test_redis_is_configured_to_persist_queued_events(compose: dict[str, Any], tmp_path: Path) -> None:
    running = compose_redis_server(compose, tmp_path)
    try:
        config = running.client().config_get("*")
        assert config["appendonly"] == "yes"
        assert config["appendfsync"] == "everysec"
        assert config["maxmemory-policy"] == "noeviction"
        assert check_persistence(running.url) is True  # what every service checks at start-up
        running.client().rpush("reception", *[f"event-{i}" for i in range(100)])
        running.stop(signal.SIGKILL)  # a crash: only what the AOF holds survives
        running.start()
        assert running.client().llen("reception") == 100
    finally:
        running.stop(signal.SIGKILL)


# --- the Dockerfile -----------------------------------------------------------------------------------


def build_sections(compose: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: spec["build"] for name, spec in compose["services"].items() if "build" in spec}


def test_images_are_built_from_dockerfiles_that_exist(resolved: dict[str, Any]) -> None:
    builds = build_sections(resolved)
    third_party = {spec["image"].split(":")[0] for name, spec in resolved["services"].items() if name not in builds}
    assert third_party == {"redis", "postgres"}
    for name, build in builds.items():
        image = resolved["services"][name]["image"]
        assert image.startswith("rodovre-integration/") and image.endswith(":latest"), image
        assert image.split("/")[-1].split(":")[0] == build["args"]["SERVICE"], f"{name}: image {image}"
        context = (ROOT / build["context"]).resolve()
        dockerfile = context / build["dockerfile"]
        assert context == ROOT and dockerfile.is_file(), name
        global_args, stages = parse_dockerfile(dockerfile)
        declared = set(global_args) | {a.split("=")[0] for s in stages for a in s.all("ARG")}
        assert set(build["args"]) <= declared, f"{name}: build args {build['args']} not declared in {dockerfile}"
        assert build["args"]["SERVICE"] in SERVICES, name


def test_dockerfile_installs_the_project_non_editable_and_runs_as_a_user() -> None:
    dockerfile = ROOT / "deploy" / "Dockerfile"
    _args, stages = parse_dockerfile(dockerfile)
    build, final = stages[0], stages[-1]
    installs = [run for s in stages for run in s.all("RUN") if "pip install" in run]
    assert installs and all(re.search(r"pip install \.(\s|$)", r) for r in installs)
    assert not any(re.search(r"pip install\s+(-e|--editable)\b", r) for r in installs), "no editable install"
    copied = [c.split()[0] for c in build.all("COPY")]
    for source in copied:
        assert (ROOT / source).exists(), source
    ignore = (ROOT / "deploy" / "Dockerfile.dockerignore").read_text().splitlines()
    assert ignore[next(i for i, line in enumerate(ignore) if not line.startswith("#"))] == "**"
    assert {f"!{source}" for source in copied} <= set(ignore), "every COPY source must be re-included"
    users = final.all("USER")
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    assert "groupadd" in " ".join(final.all("RUN")) and "/var/lib/beat" in " ".join(final.all("RUN"))
    assert any(c.startswith("--from=build /opt/venv") for c in final.all("COPY"))
    assert final.all("ENTRYPOINT") == []
    env = " ".join(final.all("ENV"))
    assert "SERVICE=${SERVICE}" in env and "INTEGRATION_ENVIRONMENT=production" in env


def dockerfile_command(service: str) -> list[str]:
    """The image's default command for ``service`` (Dockerfile CMD, SERVICE baked in by ENV)."""
    _args, stages = parse_dockerfile(ROOT / "deploy" / "Dockerfile")
    argv = exec_form(stages[-1].all("CMD")[-1])
    assert argv[:2] == ["/bin/sh", "-c"], "CMD expands ${SERVICE}: it must run under /bin/sh -c"
    assert argv[2].startswith("exec "), "exec, so that the server is PID 1 and gets SIGTERM"
    return shell_command(argv[2], {"SERVICE": service})


def test_dockerfile_cmd_is_the_compose_api_command(compose: dict[str, Any]) -> None:
    for service in SERVICES:
        assert dockerfile_command(service) == compose["services"][f"{service}-api"]["command"]


# --- the image's contents: a wheel built as the Dockerfile builds it -----------------------------------


def expected_wheel_files(root: Path) -> set[str]:
    """Every file under each folder pyproject maps to a package: all of them must be installed."""
    config = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]
    expected: set[str] = set()
    for package, directory in config["package-dir"].items():
        source = root / directory
        assert source.is_dir(), directory
        for path in source.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                expected.add("/".join([*package.split("."), *path.relative_to(source).parts]))
    return expected


@dataclass
class Image:
    source: Path  # the build context as the Dockerfile's COPYs leave it
    wheel: Path
    site: Path
    work: Path

    def env(self, extra: Mapping[str, str]) -> dict[str, str]:
        """The image's environment, translated: its site-packages first, nothing of ours leaking in."""
        base = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("INTEGRATION_", "PYTHON", *(f"{s.upper()}_" for s in SERVICES)))
        }
        return {
            **base,
            "PATH": f"{Path(sys.executable).parent}:{base.get('PATH', '')}",
            "PYTHONPATH": str(self.site),
            "PYTHONDONTWRITEBYTECODE": "1",
            "INTEGRATION_ENVIRONMENT": "test",
            "INTEGRATION_DATA_DIR": str(self.work / "data"),
            **extra,
        }


def build_wheel(source: Path, wheels: Path) -> Path:
    """Build ``source`` as ``pip install .`` does: PEP 517, with the backend pyproject.toml names.

    When this virtualenv already satisfies build-system.requires, the backend runs here in one
    process (a second or so); otherwise, or if that fails, pip builds it in an isolated environment.
    """
    build_system = tomllib.loads((source / "pyproject.toml").read_text())["build-system"]

    def installed(requirement: str) -> bool:
        wanted = Requirement(requirement)
        try:
            return wanted.specifier.contains(metadata.version(wanted.name), prereleases=True)
        except metadata.PackageNotFoundError:
            return False

    pip = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "-q"]
    attempts = [[*pip, "-w", str(wheels), str(source)]]
    if all(installed(r) for r in build_system["requires"]):
        backend = (
            f"import importlib, sys; importlib.import_module({build_system['build-backend']!r})"
            ".build_wheel(sys.argv[1])"
        )
        attempts.insert(0, [sys.executable, "-c", backend, str(wheels)])
    for argv in attempts:
        built = subprocess.run(argv, cwd=source, capture_output=True, text=True, timeout=300)
        found = list(wheels.glob("*.whl"))
        if built.returncode == 0 and len(found) == 1:
            return found[0]
    raise AssertionError(f"no wheel built from {source}:\n{built.stdout}{built.stderr}")


@pytest.fixture(scope="module")
def image(tmp_path_factory: pytest.TempPathFactory) -> Image:
    """``pip install .`` as in deploy/Dockerfile: only what it COPYs, built into a wheel, unpacked."""
    base = tmp_path_factory.mktemp("image")
    source = base / "src"
    _args, stages = parse_dockerfile(ROOT / "deploy" / "Dockerfile")
    for copy in stages[0].all("COPY"):
        origin, target = copy.split()
        if (ROOT / origin).is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
            shutil.copytree(ROOT / origin, source / target, ignore=ignore)
        else:
            destination = source / target / origin if target.endswith("/") else source / target
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / origin, destination)
    wheel = build_wheel(source, base / "wheels")
    site = base / "site-packages"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    work = base / "work"
    (work / "data").mkdir(parents=True)
    return Image(source, wheel, site, work)


def test_wheel_ships_every_module_template_static_file_and_migration(image: Image) -> None:
    with zipfile.ZipFile(image.wheel) as archive:
        shipped = set(archive.namelist())
    missing = sorted(expected_wheel_files(image.source) - shipped)
    packages = sorted({m.rpartition("/")[0].replace("/", ".") for m in missing if m.endswith("/__init__.py")})
    assert missing == [], f"pyproject.toml leaves out packages {packages} / files {missing}"
    for service in SERVICES:
        assert any(n.startswith(f"{service}/migrations/versions/") and n.endswith(".py") for n in shipped)
        assert any(n.startswith(f"{service}/templates/") for n in shipped)
    assert any(n.startswith("shared/web/static/") for n in shipped)
    assert any(n.startswith("shared/web/templates/") for n in shipped)


def resolve_command(argv: list[str]) -> dict[str, Any]:
    """Resolve one container command as its program would, without running it."""
    program, args = argv[0], argv[1:]
    if program == "uvicorn":
        from uvicorn.main import main as uvicorn_cli

        ctx = uvicorn_cli.make_context("uvicorn", list(args))
        module_name, _, attribute = ctx.params["app"].partition(":")
        target = getattr(importlib.import_module(module_name), attribute)
        app = target() if ctx.params["factory"] else target
        return {
            "program": program,
            "target": ctx.params["app"],
            "factory": ctx.params["factory"],
            "app_type": f"{type(app).__module__}.{type(app).__qualname__}",
            "service": app.state.settings.service_name,
            "port": ctx.params["port"],
        }
    if program == "celery":
        from celery import Celery
        from celery.bin.celery import celery as celery_cli

        ctx = celery_cli.make_context("celery", list(args))
        name, command, rest = celery_cli.resolve_command(ctx, [*ctx._protected_args, *ctx.args])
        assert command is not None and name is not None, argv
        ctx.invoked_subcommand = name
        with ctx:
            ctx.invoke(celery_cli.callback, **ctx.params)  # loads the -A app, as `celery` does
        sub = command.make_context(name, list(rest), parent=ctx)
        celery_app = ctx.obj.app
        result: dict[str, Any] = {
            "program": program,
            "subcommand": name,
            "is_celery": isinstance(celery_app, Celery),
            "app": ctx.params["app"],
            "main": celery_app.main,
            "broker": celery_app.conf.broker_url,
            "queues": sorted(q.name for q in celery_app.conf.task_queues or []),
            "beat_schedule": sorted(celery_app.conf.beat_schedule),
            "params": json.loads(json.dumps(sub.params, default=str)),
        }
        if name == "flower":
            import flower.options  # type: ignore[import-untyped]  # noqa: F401  (declares its tornado options)
            from tornado.options import options, parse_command_line

            parse_command_line(["flower", *sub.params["tornado_argv"]], final=False)
            result["flower_port"] = options.port
        return result
    if program == "python" and args[0] == "-m":
        from shared.migrations import service_dir

        module = importlib.import_module(args[1])
        return {
            "program": program,
            "module": args[1],
            "module_file": module.__file__,
            "has_main": callable(getattr(module, "main", None)),
            "args": args[2:],
            "env_py": args[2:3] == ["upgrade"] and (service_dir(args[3]) / "migrations" / "env.py").is_file(),
        }
    if program == "python" and args[0] == "-c":
        compile(args[1], "<healthcheck>", "exec")
        return {"program": program, "compiles": True}
    raise AssertionError(f"no resolver for {argv}")


def run_in_image(plan: dict[str, Any]) -> dict[str, Any]:
    """Everything the tests ask of the installed code, in one process (see the ``in_image`` fixture).

    ``plan``: ``python -m`` commands to run (as ``python -m`` does: runpy with that argv), ``python -c``
    programs to run, commands to resolve, modules whose origin to report. Each outcome or error is
    reported, not raised.
    """
    import runpy
    import traceback

    report: dict[str, Any] = {"ran": [], "executed": [], "resolved": []}
    own_argv = sys.argv
    for argv in plan["run"]:
        assert argv[:2] == ["python", "-m"], argv
        sys.argv = [argv[2], *argv[3:]]
        try:
            runpy.run_module(argv[2], run_name="__main__", alter_sys=True)
            report["ran"].append({"ok": True})
        except BaseException:
            report["ran"].append({"ok": False, "error": traceback.format_exc()})
        finally:
            sys.argv = own_argv
    for code, *args in plan["execute"]:
        sys.argv = ["-c", *args]
        try:
            exec(compile(code, "<string>", "exec"), {"__name__": "__main__"})  # noqa: S102  (python -c)
            report["executed"].append({"ok": True})
        except BaseException:
            report["executed"].append({"ok": False, "error": traceback.format_exc()})
        finally:
            sys.argv = own_argv
    for argv in plan["resolve"]:
        try:
            report["resolved"].append(resolve_command(argv))
        except BaseException:
            report["resolved"].append({"program": argv[0], "error": traceback.format_exc()})
    report["modules"] = {m: importlib.import_module(m).__file__ for m in plan["modules"]}
    return report


def container_commands(resolved: Mapping[str, Any]) -> dict[str, list[str]]:
    """Every command our images run: the containers', their healthchecks', and the Dockerfile CMDs."""
    commands: dict[str, list[str]] = {}
    for name, spec in our_containers(resolved).items():
        commands[name] = spec["command"]
        test = spec.get("healthcheck", {}).get("test")
        if test and test[0] == "CMD":
            commands[f"{name} (healthcheck)"] = test[1:]
        elif test and test[0] == "CMD-SHELL":
            script = test[1].split(">")[0]
            commands[f"{name} (healthcheck)"] = shell_command(script, {"HOSTNAME": "3f2a1b"})
    for service in SERVICES:
        commands[f"Dockerfile CMD, SERVICE={service}"] = dockerfile_command(service)
    return commands


def dockerfile_build_check() -> list[str]:
    """The ``python -I -c CODE "${SERVICE}"`` that follows ``pip install .`` in the Dockerfile: [CODE, "${SERVICE}"]."""
    _args, stages = parse_dockerfile(ROOT / "deploy" / "Dockerfile")
    (install,) = [run for run in stages[0].all("RUN") if "pip install ." in run]
    words = shlex.split(install)
    start = words.index("-c", words.index("python"))
    assert words[start - 1] == "-I", "the check must not import the copied sources in /src"
    return words[start + 1 : start + 3]


@dataclass
class InImage:
    commands: dict[str, list[str]]
    migrations: dict[str, tuple[dict[str, Any], Path]]
    build_checks: dict[str, dict[str, Any]]
    resolved: dict[str, tuple[list[str], dict[str, Any]]]
    modules: dict[str, str]


@pytest.fixture(scope="module")
def in_image(image: Image, resolved: dict[str, Any]) -> InImage:
    """One process on the wheel's code: every migrate-<service> command on a fresh SQLite file, then
    every container command resolved. (A process because loading a service builds it from the
    environment, and celery's CLI changes process-wide state; one, because the machine is small.)"""
    databases = {s: image.work / f"{s}.sqlite3" for s in SERVICES}
    commands = container_commands(resolved)
    assert {argv[0] for argv in commands.values()} <= OUR_IMAGE_COMMANDS
    unique = list({json.dumps(argv): argv for argv in commands.values()}.values())
    plan = {
        "modules": ["shared", "shared.migrations", *SERVICES],
        "run": [resolved["services"][f"migrate-{s}"]["command"] for s in SERVICES],
        "execute": [[dockerfile_build_check()[0], s] for s in [*SERVICES, "unmigrated"]],
        "resolve": unique,
    }
    # A package with an app and templates but no migrations, which the build check must refuse.
    unmigrated = image.work / "extra" / "unmigrated"
    (unmigrated / "templates").mkdir(parents=True)
    (unmigrated / "__init__.py").write_text("")
    (unmigrated / "main.py").write_text("def create_app():\n    pass\n")
    out = image.work / "in-image.json"
    env = image.env(
        {
            "PYTHONPATH": f"{image.site}:{unmigrated.parent}",
            "INTEGRATION_BROKER_URL": "redis://127.0.0.1:1/0",  # never contacted
            **{f"{s.upper()}_DATABASE_URL": f"sqlite:///{databases[s]}" for s in SERVICES},
        }
    )
    # The two functions' source only, so that nothing but the wheel's code (and its dependencies)
    # is imported there: not this module, not the source tree.
    script = "\n".join(
        [
            "from __future__ import annotations",
            "import importlib, json, pathlib, sys",
            "from typing import Any",
            inspect.getsource(resolve_command),
            inspect.getsource(run_in_image),
            "plan, out = json.loads(sys.argv[1]), pathlib.Path(sys.argv[2])",
            "out.write_text(json.dumps(run_in_image(plan)))",
        ]
    )
    done = subprocess.run(
        [sys.executable, "-c", script, json.dumps(plan), str(out)],
        cwd=image.work,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(out.read_text())
    return InImage(
        commands=commands,
        migrations={s: (r, databases[s]) for s, r in zip(SERVICES, report["ran"], strict=True)},
        build_checks=dict(zip([*SERVICES, "unmigrated"], report["executed"], strict=True)),
        resolved={n: (a, report["resolved"][unique.index(a)]) for n, a in commands.items()},
        modules=report["modules"],
    )


def test_image_code_is_the_wheel_not_the_source_tree(image: Image, in_image: InImage) -> None:
    for module, path in in_image.modules.items():
        assert Path(path).is_relative_to(image.site), f"{module} came from {path}"


def test_dockerfile_build_check_passes_on_the_wheel(in_image: InImage) -> None:
    """The Dockerfile stops a build whose wheel lacks a service's app, templates or migrations: on
    this wheel it passes for every service, and it refuses a package without migrations."""
    assert dockerfile_build_check()[1] == "${SERVICE}"
    for service in SERVICES:
        outcome = in_image.build_checks[service]
        assert outcome["ok"], f"{service}: {outcome.get('error')}"
    refused = in_image.build_checks["unmigrated"]
    assert not refused["ok"] and "AssertionError" in refused["error"], refused


def test_every_container_command_resolves_against_the_installed_code(image: Image, in_image: InImage) -> None:
    seen = set()
    for name, (argv, result) in in_image.resolved.items():
        assert "error" not in result, f"{name}: {argv}\n{result.get('error')}"
        if result["program"] == "uvicorn":
            service = result["target"].split(".")[0]
            assert result["factory"] is True and result["target"] == f"{service}.main:create_app", name
            assert result["app_type"] == "fastapi.applications.FastAPI" and result["service"] == service, name
            assert result["port"] == 8000, name
            seen.add(("api", service))
        elif result["program"] == "celery":
            assert result["is_celery"], name
            if result["subcommand"] == "worker":
                service = result["main"]
                assert result["app"] == f"{service}.worker:app" and service in SERVICES, name
                assert result["params"]["queues"] == [service] and result["queues"] == [service], name
                assert result["params"]["task_events"] is True and result["params"]["concurrency"] == 2, name
                seen.add(("worker", service))
            elif result["subcommand"] == "beat":
                assert result["main"] in BEAT_SERVICES and result["beat_schedule"], name
                assert result["params"]["schedule"] == "/var/lib/beat/celerybeat-schedule", name
                seen.add(("beat", result["main"]))
            elif result["subcommand"] == "inspect":
                assert result["params"]["command"] == "ping" and result["params"]["destination"] == ["celery@3f2a1b"]
                assert result["app"] == f"{result['main']}.worker:app", name
                seen.add(("worker-healthcheck", result["main"]))
            elif result["subcommand"] == "flower":
                assert result["broker"] == "redis://redis:6379/0" and result["flower_port"] == 5555, name
                seen.add(("flower", ""))
            else:
                raise AssertionError(f"{name}: unexpected celery subcommand {result['subcommand']}")
        elif "module" in result:
            assert result["module"] == "shared.migrations" and result["has_main"] and result["env_py"], name
            assert Path(result["module_file"]).is_relative_to(image.site), f"{name} ran the source tree, not the wheel"
            assert result["args"][1] in SERVICES
            seen.add(("migrate", result["args"][1]))
        else:
            assert result["compiles"], name
    for service in SERVICES:
        for role in ("api", "worker", "worker-healthcheck", "migrate"):
            assert (role, service) in seen, f"no {role} command resolved for {service}"
    assert {("beat", s) for s in BEAT_SERVICES} <= seen and ("flower", "") in seen


def test_migrate_command_brings_a_fresh_sqlite_database_to_head(image: Image, in_image: InImage) -> None:
    for service, (outcome, database) in in_image.migrations.items():
        assert outcome["ok"], f"{service}: {outcome.get('error')}"
        with sqlite3.connect(database) as db:
            (version,) = db.execute("SELECT version_num FROM alembic_version").fetchone()
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        head = ScriptDirectory(str(image.source / "services" / service / "migrations")).get_current_head()
        assert version == head, service
        assert {"outbox", "inbox", "dead_letter"} <= tables, service


def test_image_api_command_serves_health_pages_and_static_files(
    image: Image, in_image: InImage, compose_redis: ComposeRedis, resolved: dict[str, Any]
) -> None:
    """The image's CMD for reception, outside Docker: uvicorn from the wheel on a free port, on the
    SQLite file its migrate command made and a redis-server with the compose file's arguments."""
    service = "reception"
    outcome, database = in_image.migrations[service]
    assert outcome["ok"], outcome.get("error")
    port = free_port()
    shell = exec_form(parse_dockerfile(ROOT / "deploy" / "Dockerfile")[1][-1].all("CMD")[-1])
    script = shell[2].replace("--host 0.0.0.0", "--host 127.0.0.1").replace("--port 8000", f"--port {port}")
    assert script != shell[2]
    env = image.env(
        {
            "SERVICE": service,
            "INTEGRATION_BROKER_URL": compose_redis.url,
            f"{service.upper()}_DATABASE_URL": f"sqlite:///{database}",
        }
    )
    api = ServiceProcess(f"{service}-image-api", [*shell[:2], script], env, image.work).start()
    try:
        base = f"http://127.0.0.1:{port}"
        wait_http_ready(api, base, timeout=60)
        health = httpx.get(f"{base}/health", timeout=30)
        assert health.status_code == 200
        assert health.json() == {"service": service, "database": "ok", "broker": "ok", "status": "ok"}
        css = httpx.get(f"{base}/static/app.css", timeout=30)
        assert css.status_code == 200 and css.content == (image.site / "shared/web/static/app.css").read_bytes()
        # A page from the service's own templates (case_list.html), shipped in the wheel.
        token = issue_token(DEV_SECRET, user="Lise Jensen", department=Department.JOBCENTRET)
        page = httpx.get(f"{base}/", cookies={COOKIE: token}, timeout=30)
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        assert "Lise Jensen" in page.text
        # The compose healthcheck of this API container passes against it, and fails with no API.
        test = resolved["services"][f"{service}-api"]["healthcheck"]["test"]
        assert test[:3] == ["CMD", "python", "-c"]
        check = [sys.executable, "-c", test[3].replace("127.0.0.1:8000", f"127.0.0.1:{port}")]
        assert subprocess.run(check, env=env, capture_output=True, timeout=30).returncode == 0
        closed = [sys.executable, "-c", test[3].replace("127.0.0.1:8000", f"127.0.0.1:{free_port()}")]
        assert subprocess.run(closed, env=env, capture_output=True, timeout=30).returncode != 0
    finally:
        api.stop()
    assert not api.alive()
