"""The bot under test, in its own process: the real Application with a clock the bench sets.

`python -m bench.botproc --settings JSON --clock ISO` builds the app with `build_app`, runs it
with `running` (long polling against the sandbox), and serves a small control API on loopback:
POST /clock moves the fake clock; GET /stats tells CPU seconds, peak RSS, the longest event-loop
stall and how long each tick took; POST /reset starts those figures afresh.
"""

import argparse
import asyncio
import cProfile
import gc
import json
import os
import resource
import signal
import time
from datetime import datetime
from typing import Any

from aiohttp import web
from telegram.ext import ContextTypes, JobQueue

from bot.app import DuetApp, build_app, configure_logging, running, runtime
from bot.clock import FakeClock
from bot.config import Settings
from bot.sandbox import DEFAULT_TOKEN

STALL_PROBE = 0.005  # seconds between wake-ups of the stall probe


class Probe:
    """Figures about this process: ticks, event-loop stalls, CPU and memory."""

    def __init__(self) -> None:
        self.tick_starts: list[float] = []
        self.tick_seconds: list[float] = []
        self.stall_max = 0.0
        self.gc_max = 0.0
        self._gc_started = 0.0
        self.clock_set_at: float | None = None
        gc.callbacks.append(self._time_gc)

    def _time_gc(self, phase: str, info: dict[str, int]) -> None:
        """The longest garbage collection: a stall the loop cannot avoid."""
        if phase == "start":
            self._gc_started = time.monotonic()
        else:
            self.gc_max = max(self.gc_max, time.monotonic() - self._gc_started)

    def reset(self) -> None:
        self.tick_starts.clear()
        self.tick_seconds.clear()
        self.stall_max = 0.0
        self.gc_max = 0.0

    def time_ticks(self, jobs: JobQueue[ContextTypes.DEFAULT_TYPE]) -> None:
        """Wrap the tick job's callback so each run is timed."""
        (job,) = jobs.get_jobs_by_name("tick")
        inner = job.callback

        async def timed(context: ContextTypes.DEFAULT_TYPE) -> None:
            started = time.monotonic()
            try:
                await inner(context)
            finally:
                self.tick_starts.append(started)
                self.tick_seconds.append(time.monotonic() - started)

        job.callback = timed

    async def watch_stalls(self) -> None:
        """Sleep briefly, over and over; how late each wake-up comes is a stall of the loop."""
        while True:
            before = time.monotonic()
            await asyncio.sleep(STALL_PROBE)
            late = time.monotonic() - before - STALL_PROBE
            self.stall_max = max(self.stall_max, late)

    def stats(self, app: DuetApp) -> dict[str, Any]:
        times = os.times()
        set_at = self.clock_set_at
        after_set = [i for i, t in enumerate(self.tick_starts) if set_at and t >= set_at]
        first_tick = self.tick_starts[after_set[0]] if after_set else None
        return {
            "now": time.monotonic(),
            "cpu_seconds": times.user + times.system,
            "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "stall_max": self.stall_max,
            "gc_max": self.gc_max,
            "tick_seconds": self.tick_seconds,
            "clock_set_at": self.clock_set_at,
            "first_tick_at": first_tick,
            "first_tick_seconds": self.tick_seconds[after_set[0]] if after_set else None,
            "sender_idle": runtime(app).sender.idle(),
        }


def control_app(app: DuetApp, clock: FakeClock, probe: Probe) -> web.Application:
    """The bench's handle on this process."""

    async def set_clock(request: web.Request) -> web.StreamResponse:
        body = await request.json()
        clock.set(datetime.fromisoformat(str(body["at"])))
        probe.clock_set_at = time.monotonic()
        return web.json_response({"clock_set_at": probe.clock_set_at})

    async def stats(request: web.Request) -> web.StreamResponse:
        return web.json_response(probe.stats(app))

    async def reset(request: web.Request) -> web.StreamResponse:
        probe.reset()
        return web.json_response({"ok": True})

    web_app = web.Application()
    web_app.router.add_post("/clock", set_clock)
    web_app.router.add_get("/stats", stats)
    web_app.router.add_post("/reset", reset)
    return web_app


async def serve(settings: Settings, clock: FakeClock) -> None:
    """Run the bot and the control API until SIGTERM."""
    configure_logging(settings.log_level)
    app = build_app(settings, clock, DEFAULT_TOKEN)
    probe = Probe()
    assert app.job_queue is not None
    probe.time_ticks(app.job_queue)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    watcher = asyncio.create_task(probe.watch_stalls())
    async with running(app, poll_timeout=1):
        runner = web.AppRunner(control_app(app, clock, probe), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        print(f"control http://127.0.0.1:{port}", flush=True)
        try:
            await stop.wait()
        finally:
            watcher.cancel()
            await runner.cleanup()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.botproc", description=__doc__)
    parser.add_argument("--settings", required=True, help="JSON object of Settings by alias")
    parser.add_argument("--clock", required=True, help="the fake clock's start, ISO 8601 UTC")
    args = parser.parse_args(argv)
    values: dict[str, Any] = json.loads(args.settings)
    settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
    clock = FakeClock(datetime.fromisoformat(args.clock))
    # DUET_BENCH_PROFILE=file: profile the event loop's thread (cProfile) and write it there.
    profile_to = os.environ.get("DUET_BENCH_PROFILE")
    if not profile_to:
        asyncio.run(serve(settings, clock))
        return
    with cProfile.Profile() as profile:
        asyncio.run(serve(settings, clock))
    profile.dump_stats(profile_to)


if __name__ == "__main__":
    main()
