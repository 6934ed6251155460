"""A throwaway PostgreSQL server for tests: found on this machine, started in a temporary folder on a
free local port, and removed afterwards.

`temporary_postgres()` needs the server binaries (initdb, pg_ctl, postgres), found on PATH or in
/usr/lib/postgresql/<version>/bin. PostgreSQL refuses to run as root, so when the tests run as root (as
in CI) the server runs as the `postgres` system user, which is created if it does not exist.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pg8000.native

SERVER_BINARIES = ("initdb", "pg_ctl", "postgres")
DEBIAN_ROOT = Path("/usr/lib/postgresql")
SERVER_USER = "postgres"  # the unprivileged user the server runs as when the tests run as root
SUPERUSER = "marsad"  # the database superuser initdb creates
DATABASE = "marsad_test"

INITDB_TIMEOUT = 60  # seconds
START_TIMEOUT = 60  # seconds pg_ctl waits for the server to accept connections
STOP_TIMEOUT = 30  # seconds
CONNECT_TIMEOUT = 10  # seconds
START_ATTEMPTS = 3  # another free port is tried when the one picked was taken in the meantime


class PostgresError(RuntimeError):
    """The temporary server could not be set up, started or used."""


def _has_binaries(directory: Path) -> bool:
    return all(os.access(directory / name, os.X_OK) for name in SERVER_BINARIES)


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", name))


def find_postgres_bin() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres: PATH first (where initdb is found), then the
    highest version in /usr/lib/postgresql/<version>/bin (Debian and Ubuntu, not on PATH by default)."""
    initdb = shutil.which("initdb")
    if initdb is not None and _has_binaries(Path(initdb).parent):
        return Path(initdb).parent
    if DEBIAN_ROOT.is_dir():
        versions = sorted(
            (path for path in DEBIAN_ROOT.iterdir() if re.fullmatch(r"\d+(\.\d+)*", path.name)),
            key=lambda path: _version_key(path.name),
            reverse=True,
        )
        for version in versions:
            if _has_binaries(version / "bin"):
                return version / "bin"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _searchable_by_all(path: Path) -> bool:
    """Whether every folder from / down to `path` can be entered by any user."""
    return all(os.stat(folder).st_mode & stat.S_IXOTH for folder in (path, *path.parents))


def _ensure_server_user() -> pwd.struct_passwd:
    """The unprivileged user to run the server as (when running as root), created if missing."""
    try:
        user = pwd.getpwnam(SERVER_USER)
    except KeyError:
        useradd = shutil.which("useradd")
        if useradd is None:
            raise PostgresError(
                f"running as root, PostgreSQL needs an unprivileged user: no {SERVER_USER!r} user exists "
                "and useradd is not available to create one"
            ) from None
        result = subprocess.run(
            [useradd, "--system", "--no-create-home", SERVER_USER],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        try:  # another process may have created it at the same time (useradd then exits with 9)
            user = pwd.getpwnam(SERVER_USER)
        except KeyError:
            raise PostgresError(
                f"could not create the {SERVER_USER!r} user (useradd exited with {result.returncode}): "
                f"{result.stderr.strip()}"
            ) from None
    if user.pw_uid == 0:
        raise PostgresError(f"the {SERVER_USER!r} user has uid 0; PostgreSQL will not run as root")
    return user


def _as_user_prefix(user: str) -> list[str]:
    """A command prefix that runs the rest of the command as `user` (root only)."""
    runuser = shutil.which("runuser")
    if runuser is not None:
        return [runuser, "-u", user, "--"]
    su = shutil.which("su")
    if su is not None:
        return [su, "-s", "/bin/sh", user, "-c"]  # the command follows as one shell string
    raise PostgresError("running as root, neither runuser nor su is available to run PostgreSQL as another user")


def _server_env() -> dict[str, str]:
    """This process's environment without PG* variables (PGDATA, PGOPTIONS, ...) that could change how
    the server starts, with English messages so errors read the same everywhere."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    env["LC_ALL"] = "C"
    return env


def _tail(path: Path, lines: int = 30) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no server log)"
    return "\n".join(text.splitlines()[-lines:]) or "(server log is empty)"


class _Runner:
    """Runs the PostgreSQL binaries, as the server user when this process is root."""

    def __init__(self, bin_dir: Path, cwd: Path, prefix: list[str]) -> None:
        self.bin_dir = bin_dir
        self.cwd = cwd
        self.prefix = prefix
        self.env = _server_env()

    def run(self, program: str, args: Sequence[str], timeout: float) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin_dir / program), *args]
        if self.prefix and self.prefix[-1] == "-c":  # su: the command is a single shell string
            command = [*self.prefix, shlex.join(command)]
        else:
            command = [*self.prefix, *command]
        try:
            return subprocess.run(
                command,
                cwd=self.cwd,
                env=self.env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise PostgresError(f"{program} did not finish within {timeout} s: {shlex.join(command)}") from error


def _describe(result: subprocess.CompletedProcess[str]) -> str:
    output = "\n".join(part.strip() for part in (result.stdout, result.stderr) if part.strip())
    return f"exit status {result.returncode}\n{output}"


def _postmaster_pid(data: Path) -> int | None:
    try:
        return int((data / "postmaster.pid").read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None


def _stop(runner: _Runner, data: Path) -> None:
    """Stops the server without a checkpoint; kills it (its own pid, from postmaster.pid) if pg_ctl fails."""
    try:
        result = runner.run(
            "pg_ctl",
            ["-D", str(data), "stop", "-m", "immediate", "-w", "-t", str(STOP_TIMEOUT)],
            timeout=STOP_TIMEOUT + 10,
        )
        if result.returncode == 0:
            return
    except PostgresError:
        pass
    pid = _postmaster_pid(data)
    if pid is not None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


def _create_database(port: int, name: str) -> None:
    deadline = time.monotonic() + CONNECT_TIMEOUT
    while True:
        try:
            connection = pg8000.native.Connection(
                SUPERUSER, host="127.0.0.1", port=port, database="postgres", timeout=CONNECT_TIMEOUT
            )
            break
        except (OSError, pg8000.native.InterfaceError, pg8000.native.DatabaseError) as error:
            if time.monotonic() > deadline:
                raise PostgresError(f"could not connect to the temporary server on port {port}: {error}") from error
            time.sleep(0.1)
    try:
        connection.run(f"CREATE DATABASE {pg8000.native.identifier(name)} ENCODING 'UTF8' TEMPLATE template0")
    finally:
        connection.close()


@contextlib.contextmanager
def temporary_postgres(bin_dir: Path | None = None, database: str = DATABASE) -> Iterator[str]:
    """Starts a private PostgreSQL server and yields a SQLAlchemy URL (pg8000 driver) for `database` in it;
    stops the server and deletes its files on exit. Raises PostgresError with the server's log on failure."""
    bin_dir = bin_dir or find_postgres_bin()
    if bin_dir is None:
        raise PostgresError("PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found")

    as_root = os.geteuid() == 0
    base = Path(tempfile.gettempdir()).resolve()
    if as_root and not _searchable_by_all(base):
        base = Path("/tmp")  # the server user must be able to reach its folder
    root = Path(tempfile.mkdtemp(prefix="marsad-pg-", dir=base))
    data, sockets, log = root / "data", root / "run", root / "server.log"
    runner: _Runner | None = None
    try:
        sockets.mkdir()
        prefix: list[str] = []
        if as_root:
            user = _ensure_server_user()
            for path in (root, sockets):
                os.chown(path, user.pw_uid, user.pw_gid)
            prefix = _as_user_prefix(user.pw_name)
        runner = _Runner(bin_dir, root, prefix)

        result = runner.run(
            "initdb",
            ["-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
            timeout=INITDB_TIMEOUT,
        )
        if result.returncode != 0:
            raise PostgresError(f"initdb failed ({bin_dir}): {_describe(result)}")

        for attempt in range(1, START_ATTEMPTS + 1):
            port = _free_port()
            options = (
                f"-p {port} -k {shlex.quote(str(sockets))} -c listen_addresses=127.0.0.1 "
                "-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
            )
            result = runner.run(
                "pg_ctl",
                ["-D", str(data), "-l", str(log), "-o", options, "-w", "-t", str(START_TIMEOUT), "start"],
                timeout=START_TIMEOUT + 15,
            )
            if result.returncode == 0:
                break
            server_log = _tail(log)
            _stop(runner, data)  # pg_ctl may have given up waiting on a server that is still starting
            if "could not bind" in server_log and attempt < START_ATTEMPTS:
                log.unlink(missing_ok=True)
                continue  # the port was taken between picking it and binding it
            raise PostgresError(
                f"PostgreSQL did not start on 127.0.0.1:{port} ({bin_dir}): {_describe(result)}\n"
                f"--- end of the server log ---\n{server_log}"
            )

        try:
            _create_database(port, database)
        except PostgresError as error:
            raise PostgresError(f"{error}\n--- end of the server log ---\n{_tail(log)}") from error
        yield f"postgresql+pg8000://{SUPERUSER}@127.0.0.1:{port}/{database}"
    finally:
        if runner is not None and (data / "postmaster.pid").exists():  # also after a start that timed out
            _stop(runner, data)
        shutil.rmtree(root, ignore_errors=True)
