"""The command line: bad settings stop start-up with one clear line; the token never shows."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DEFAULT_", "TICK_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=REPO,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_bad_setting_stops_start_up_with_one_line_naming_it() -> None:
    result = run_cli("migrate", DEFAULT_TIMEZONE="Mars/Olympus", BOT_TOKEN="123:secret-token")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "DEFAULT_TIMEZONE" in lines[0] and "Mars/Olympus" in lines[0]
    assert "secret-token" not in result.stderr + result.stdout


def test_a_bad_prompt_time_is_named() -> None:
    result = run_cli("migrate", DEFAULT_PROMPT_TIME="8 o'clock")
    assert result.returncode == 2
    assert "DEFAULT_PROMPT_TIME" in result.stderr


def test_run_without_a_token_says_how_to_get_one(tmp_path: Path) -> None:
    result = run_cli("run", DATABASE_PATH=str(tmp_path / "d.sqlite3"), BOT_TOKEN="")
    assert result.returncode == 2
    assert "BotFather" in result.stderr


def test_migrate_creates_the_database_and_its_folder(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "duet.sqlite3"
    first = run_cli("migrate", DATABASE_PATH=str(target))
    assert first.returncode == 0, first.stderr
    assert "0001_initial.sql" in first.stdout
    again = run_cli("migrate", DATABASE_PATH=str(target))
    assert "Nothing to apply" in again.stdout


def test_recap_sample_writes_the_picture_of_a_made_up_week(tmp_path: Path) -> None:
    target = tmp_path / "recap.png"
    result = run_cli("recap-sample", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"\x89PNG")
