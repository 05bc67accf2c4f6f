#!/usr/bin/env python3
"""The two commands of this project (see README.md); needs only Python 3.11+ on the machine.

    python3 dev.py up      # the whole system on embedded defaults: SQLite files, a Redis it starts itself
    python3 dev.py test    # the test suite (pytest arguments may follow)

Both create ``.venv`` and install the project into it on first use (again when pyproject.toml changes).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"


def _in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def bootstrap() -> None:
    """Create the virtualenv and install the project (with test tools) when needed, then re-exec in it."""
    if not PY.exists():
        print("creating .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / ".installed"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != digest:
        print("installing the project and its dependencies into .venv …", flush=True)
        log = VENV / "install.log"
        with log.open("w") as out:
            for step in (["install", "--upgrade", "pip"], ["install", "-e", f"{ROOT}[dev]"]):
                if subprocess.call([str(PY), "-m", "pip", *step], stdout=out, stderr=subprocess.STDOUT):
                    print(log.read_text()[-5000:])
                    raise SystemExit(f"installation failed; see {log}")
        stamp.write_text(digest)
    if not _in_venv():
        os.execv(str(PY), [str(PY), str(ROOT / "dev.py"), *sys.argv[1:]])  # noqa: S606


def ensure_chromium() -> None:
    """The browser tests drive Debian's chromium; install it when we may (root with apt-get)."""
    if shutil.which("chromium") or os.environ.get("INTEGRATION_CHROMIUM"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("installing chromium for the browser tests …", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=False, env=env, stdout=subprocess.DEVNULL)
    if not shutil.which("chromium"):
        print("warning: no chromium found; the browser tests will fail (apt-get install chromium)", flush=True)


def cmd_test(args: list[str]) -> int:
    ensure_chromium()
    os.chdir(ROOT)
    if not any(a.startswith(("-n", "--numprocesses")) or a == "no:xdist" for a in args):
        # Several test processes (pytest-xdist): many tests wait on processes, brokers or a browser.
        # The fault scenarios, the bus contract and the real system each stay on one process
        # (tests/conftest.py). ``-n 0`` runs everything in this one.
        args = ["-n", os.environ.get("INTEGRATION_TEST_PROCESSES", "3"), *args]
    return subprocess.call([str(PY), "-m", "pytest", *args])


def cmd_lint() -> int:
    os.chdir(ROOT)
    code = subprocess.call([str(PY), "-m", "ruff", "check", "."])
    code = subprocess.call([str(PY), "-m", "mypy", "shared", "services"]) or code
    # The import rules of pyproject.toml ([tool.importlinter]): services apart, sub-domains through their service.
    return subprocess.call([str(VENV / "bin" / "lint-imports")]) or code


def cmd_up(args: list[str]) -> int:
    from shared.devserver import main

    return main(args)


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in {"up", "test", "lint"}:
        print(__doc__)
        return 2
    bootstrap()
    command, rest = sys.argv[1], sys.argv[2:]
    if command == "test":
        return cmd_test(rest)
    if command == "lint":
        return cmd_lint()
    return cmd_up(rest)


if __name__ == "__main__":
    sys.exit(main())
