"""`python -m bot [run|migrate|check-packs|demo|backup PATH|recap-sample PATH]`."""

import argparse
import asyncio
import sys
from pathlib import Path
from typing import NoReturn

from pydantic import ValidationError

from bot.config import Settings


def load_settings() -> Settings:
    """Settings, or one clear line naming the bad setting and exit 2."""
    try:
        return Settings()
    except ValidationError as exc:
        for error in exc.errors():
            name = ".".join(str(part) for part in error["loc"])
            print(f"Bad setting {name}: {error['msg']}", file=sys.stderr)
        raise SystemExit(2) from None


def in_use(exc: Exception) -> NoReturn:
    """Another Duet holds the database: one line naming it, and exit 3."""
    print(f"Not starting: {exc}. Stop that one first.", file=sys.stderr)
    raise SystemExit(3) from None


def run(settings: Settings) -> None:
    from bot.app import build_app, configure_logging, run_forever
    from bot.clock import SystemClock
    from bot.packs import PackError
    from bot.storage.lock import DatabaseInUse

    token = settings.bot_token.get_secret_value() if settings.bot_token else ""
    if not token:
        print("BOT_TOKEN is not set: get one from @BotFather and put it in .env", file=sys.stderr)
        raise SystemExit(2)
    configure_logging(settings.log_level)
    try:
        app = build_app(settings, SystemClock(), token)
    except PackError as exc:
        print(f"Prompt packs: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    try:
        run_forever(app)
    except DatabaseInUse as exc:
        in_use(exc)


async def _migrate(settings: Settings) -> list[str]:
    """Apply the migrations, holding the same lock as a running Duet: never beside one."""
    from bot.storage.db import Database
    from bot.storage.lock import DatabaseInUse, DatabaseLock
    from bot.storage.migrate import migrate

    lock = DatabaseLock(settings.database_path)
    try:
        lock.acquire()
    except DatabaseInUse as exc:
        in_use(exc)
    try:
        db = Database(settings.database_path)
        await db.open()
        try:
            return await migrate(db.connection)
        finally:
            await db.close()
    finally:
        lock.release()


def check_packs(settings: Settings) -> int:
    from bot.packs import PackError, audit_library, load_library

    try:
        library = load_library(settings.prompt_packs_dir)
    except PackError as exc:
        print(f"Prompt packs: {exc}", file=sys.stderr)
        return 1
    report, problems = audit_library(library, settings.prompt_packs_dir)
    print(report)
    # -- ideas for time together (issue 12)
    from bot.ideas_pack import IDEAS_FOLDER, describe, load_ideas

    try:
        print(describe(load_ideas(settings.prompt_packs_dir / IDEAS_FOLDER)))
    except PackError as exc:
        print(f"Ideas: {exc}", file=sys.stderr)
        return 1
    for problem in problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if problems else 0


def backup(settings: Settings, target: Path) -> None:
    """A consistent copy of the live database, safe to take while the bot runs."""
    from bot.storage.backup import backup_to

    backup_to(settings.database_path, target)
    print(f"Backed up {settings.database_path} to {target}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Duet, the bot.")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="run the bot (long polling; the default)")
    commands.add_parser("migrate", help="apply database migrations")
    commands.add_parser("check-packs", help="validate prompt packs and print their counts")
    commands.add_parser("demo", help="play two partners through a day against a local sandbox")
    backup_parser = commands.add_parser("backup", help="copy the live database consistently")
    backup_parser.add_argument("path", type=Path)
    sample_parser = commands.add_parser("recap-sample", help="draw a sample weekly recap PNG")
    sample_parser.add_argument("path", type=Path)
    args = parser.parse_args(argv)
    settings = load_settings()
    match args.command:
        case None | "run":
            run(settings)
        case "migrate":
            applied = asyncio.run(_migrate(settings))
            print("Applied: " + ", ".join(applied) if applied else "Nothing to apply.")
        case "check-packs":
            raise SystemExit(check_packs(settings))
        case "demo":
            from bot.demo import demo

            asyncio.run(demo(settings))
        case "backup":
            backup(settings, args.path)
        case "recap-sample":
            from bot.tg.picture import SAMPLE_WEEK, draw_week

            args.path.write_bytes(draw_week(SAMPLE_WEEK))
            print(f"Written: {args.path}")
