"""`python -m bench`: seed, run every scenario three times, print one table, write latest.json."""

import argparse
import asyncio
import dataclasses
import tempfile
import time
from pathlib import Path

from bench import recap
from bench import scenarios as sc
from bench.procs import REPO
from bench.report import Scenario, table, write_json

KEYS = (
    "wave_unlimited",
    "wave_at_limit",
    "reveal_during_wave",
    "idle_tick_1m",
    "inbound",
    "recap_render",
    "recap_wave",
)


async def run(args: argparse.Namespace, work: Path) -> None:
    sizes = sc.QUICK if args.quick else sc.Sizes()
    if args.wave_pairs:
        sizes = dataclasses.replace(sizes, wave_pairs=args.wave_pairs)
    if args.recap_pairs:
        sizes = dataclasses.replace(sizes, recap_pairs=args.recap_pairs)
    bench = sc.Bench(sizes, args.packs.resolve(), work, args.send_rate)
    only = set(args.only or KEYS)
    started = time.monotonic()
    sc.say(f"seeding in {work}")
    seeded = await sc.seed_all(bench, only)
    if "recap_wave" in only:
        sc.say("seeding recap")
        started_seed = time.monotonic()
        await recap.seed_wave(bench)
        seeded["recap"] = round(time.monotonic() - started_seed, 1)
    results: list[Scenario] = []

    if "wave_unlimited" in only:
        wave = sc.wave_unlimited_scenario()
        for i in range(args.runs):
            sc.say(f"wave_unlimited run {i + 1}/{args.runs}")
            wave.add(await sc.wave_unlimited_run(bench, i))
            sc.say(f"  {[(f.key, round(f.runs[-1], 3)) for f in wave.figures if f.runs]}")
        results.append(wave)

    if only & {"wave_at_limit", "reveal_during_wave"}:
        limit, reveal = sc.wave_at_limit_scenario(bench), sc.reveal_scenario(bench)
        if args.serial:
            outcomes = []
            for i in range(args.runs):
                sc.say(f"wave_at_limit + reveal_during_wave run {i + 1}/{args.runs}")
                outcomes.append(await sc.wave_at_limit_run(bench, i))
        else:
            sc.say(f"wave_at_limit + reveal_during_wave: {args.runs} runs side by side")
            limit.notes.append("the runs ran side by side, each with its own sandbox and bot")
            outcomes = await asyncio.gather(
                *(sc.wave_at_limit_run(bench, i) for i in range(args.runs))
            )
        for wave_values, reveal_values in outcomes:
            limit.add(wave_values)
            reveal.add(reveal_values)
            sc.say(f"  {wave_values} {reveal_values}")
        results += [limit, reveal]

    if "idle_tick_1m" in only:
        idle = sc.idle_scenario(bench)
        for i in range(args.runs):
            sc.say(f"idle_tick_1m run {i + 1}/{args.runs}")
            idle.add(await sc.idle_run(bench, i))
            sc.say(f"  {[(f.key, round(f.runs[-1], 3)) for f in idle.figures if f.runs]}")
        results.append(idle)

    if "inbound" in only:
        inbound = sc.inbound_scenario(bench)
        for i in range(args.runs):
            sc.say(f"inbound run {i + 1}/{args.runs}")
            inbound.add(await sc.inbound_run(bench, i))
            sc.say(f"  {[(f.key, round(f.runs[-1], 3)) for f in inbound.figures if f.runs]}")
        results.append(inbound)

    if "recap_render" in only:
        render = recap.render_scenario()
        for i in range(args.runs):
            sc.say(f"recap_render run {i + 1}/{args.runs}")
            render.add(recap.render_run(i))
            sc.say(f"  {[(f.key, round(f.runs[-1], 3)) for f in render.figures if f.runs]}")
        results.append(render)

    if "recap_wave" in only:
        wave_of_recaps = recap.wave_scenario(bench)
        for i in range(args.runs):
            sc.say(f"recap_wave run {i + 1}/{args.runs}")
            wave_of_recaps.add(await recap.wave_run(bench, i))
            sc.say(f"  {[(f.key, round(f.runs[-1], 3)) for f in wave_of_recaps.figures if f.runs]}")
        results.append(wave_of_recaps)

    elapsed = time.monotonic() - started
    print()
    for scenario in results:
        print(f"{scenario.key}: {scenario.title}")
        for note in scenario.notes:
            print(f"    ({note})")
    print()
    print(table(results))
    print()
    print(f"{args.runs} runs each; median and spread; {elapsed:.0f} s in all.")
    write_json(
        args.out,
        results,
        {
            "runs": args.runs,
            "quick": args.quick,
            "seconds": round(elapsed, 1),
            "seed_seconds": seeded,
            "send_rate_at_limit": args.send_rate,
        },
    )
    print(f"written: {args.out}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", choices=KEYS, help="some scenarios only")
    parser.add_argument("--quick", action="store_true", help="small sizes, for trying it out")
    parser.add_argument("--wave-pairs", type=int, help="pairs in the unlimited wave")
    parser.add_argument("--recap-pairs", type=int, help="pairs in the recap wave")
    parser.add_argument("--serial", action="store_true", help="scenario 2's runs one by one")
    parser.add_argument("--packs", type=Path, default=REPO / "prompt_packs")
    parser.add_argument(
        "--send-rate", type=float, help="SEND_RATE at the limit (default: the bot's default)"
    )
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "latest.json")
    parser.add_argument("--work", type=Path, help="keep databases and logs here")
    args = parser.parse_args(argv)
    if args.work is not None:
        args.work.mkdir(parents=True, exist_ok=True)
        asyncio.run(run(args, args.work.resolve()))
        return
    with tempfile.TemporaryDirectory(prefix="duet-bench-") as folder:
        asyncio.run(run(args, Path(folder)))


if __name__ == "__main__":
    main()
