"""The processes a scenario runs: the sandbox server, the bot, the bare loop; and their APIs."""

import asyncio
import contextlib
import json
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from bot.sandbox import DEFAULT_TOKEN

REPO = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 60.0


@dataclass
class Service:
    """A child process that serves JSON on loopback."""

    process: asyncio.subprocess.Process
    url: str
    http: aiohttp.ClientSession

    @property
    def pid(self) -> int:
        return self.process.pid

    async def get(self, path: str) -> Any:
        async with self.http.get(self.url + path) as response:
            response.raise_for_status()
            return await response.json()

    async def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        async with self.http.post(self.url + path, json=body or {}) as response:
            response.raise_for_status()
            return await response.json()


async def _spawn(args: list[str], marker: str, log: Path) -> tuple[asyncio.subprocess.Process, str]:
    """Start `python args…`, wait for the stdout line starting with `marker`; what follows it."""
    with log.open("ab") as errors:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            *args,
            cwd=REPO,
            stdout=asyncio.subprocess.PIPE,
            stderr=errors,
        )
    assert process.stdout is not None
    try:
        async with asyncio.timeout(STARTUP_SECONDS):
            while True:
                line = (await process.stdout.readline()).decode()
                if not line:
                    raise RuntimeError(f"{args[1]} exited before it was ready; see {log}")
                if line.startswith(marker):
                    return process, line[len(marker) :].strip()
    except BaseException:
        await _stop(process)
        raise


async def _stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        try:
            async with asyncio.timeout(15):
                await process.wait()
        except TimeoutError:
            process.kill()
            await process.wait()


@asynccontextmanager
async def service(args: list[str], marker: str, log: Path) -> AsyncIterator[Service]:
    process, url = await _spawn(args, marker, log)
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as http:
            yield Service(process, url, http)
    finally:
        await _stop(process)


def sandbox(
    log: Path,
    *,
    latency: float = 0.0,
    global_rate: float | None = None,
    per_chat_rate: float | None = None,
) -> contextlib.AbstractAsyncContextManager[Service]:
    """The fake Bot API server in its own process (python -m bot.sandbox) on a free port."""
    args = ["-m", "bot.sandbox", "--port", "0", "--latency", str(latency), "--no-record"]
    if global_rate:
        args += ["--global-rate", str(global_rate)]
    if per_chat_rate:
        args += ["--per-chat-rate", str(per_chat_rate)]
    return service(args, "sandbox listening on ", log)


def bot(
    log: Path, settings: dict[str, Any], clock: str
) -> contextlib.AbstractAsyncContextManager[Service]:
    """The bot (bench.botproc: the real application, a fake clock) in its own process."""
    args = ["-m", "bench.botproc", "--settings", json.dumps(settings), "--clock", clock]
    return service(args, "control ", log)


def bot_settings(sandbox_url: str, database: Path, packs: Path, **values: Any) -> dict[str, Any]:
    """Settings for the bot under test, by environment name."""
    return {
        "BOT_TOKEN": DEFAULT_TOKEN,
        "BOT_API_BASE_URL": sandbox_url + "/bot",
        "BOT_API_FILE_URL": sandbox_url + "/file/bot",
        "DATABASE_PATH": str(database),
        "PROMPT_PACKS_DIR": str(packs),
        "DEFAULT_TIMEZONE": "UTC",
        "LOG_LEVEL": "WARNING",
        **values,
    }


async def run_json(args: list[str], log: Path) -> Any:
    """Run `python args…` to its end; its stdout, read as JSON."""
    with log.open("ab") as errors:
        process = await asyncio.create_subprocess_exec(
            sys.executable, *args, cwd=REPO, stdout=asyncio.subprocess.PIPE, stderr=errors
        )
        out, _ = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"{args[1]} failed ({process.returncode}); see {log}")
    return json.loads(out)
