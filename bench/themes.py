"""How often the chooser must repeat a theme on consecutive days: simulated pairs, 1,000 days."""

import random
from collections import Counter
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

from bot.domain.appreciation import CADENCES
from bot.domain.choose import PairHistory, choose_prompt
from bot.domain.prompts import PairKind, Prompt, PromptKind
from bot.packs import load_library

PAIRS = 40
DAYS = 1000


def simulate(seed: int) -> list[tuple[int, Prompt]]:
    """One pair's rounds (day, prompt) over DAYS days, with a tenth of the days skipped."""
    library = load_library(Path("prompt_packs"))
    kind = (PairKind.COUPLE, PairKind.FRIENDS)[seed % 2]
    cadence = CADENCES[seed % len(CADENCES)]
    chance = random.Random(seed)
    uses: Counter[str] = Counter()
    completed, last_appreciation = 0, 0
    rounds: list[tuple[int, Prompt]] = []
    for day in range(DAYS):
        if chance.random() < 0.1:
            continue
        history = PairHistory(
            uses=uses,
            completed=completed,
            last_themes=frozenset(rounds[-1][1].themes) if rounds else frozenset(),
            days_since_appreciation=day - last_appreciation,
            age_days=day,
            rounds=len(rounds),
        )
        today = date(2026, 1, 1) + timedelta(days=day)
        prompt = choose_prompt(
            library.prompts(), history, kind, today, seed, cadence, fallback=library.prompts()
        )
        uses[prompt.id] += 1
        rounds.append((day, prompt))
        if prompt.kind == PromptKind.APPRECIATION:
            last_appreciation = day
        completed += chance.random() < 0.7
    return rounds


def main() -> None:
    """Print the consecutive-day theme repeats over PAIRS simulated pairs."""
    repeats = total = 0
    for seed in range(PAIRS):
        rounds = simulate(seed)
        for (day, before), (next_day, after) in pairwise(rounds):
            if next_day != day + 1:
                continue
            total += 1
            if set(before.themes) & set(after.themes):
                repeats += 1
                print(f"pair {seed} day {next_day}: {before.id} then {after.id}")
    print(f"{repeats} theme repeats in {total} consecutive-day pairs ({PAIRS} pairs x {DAYS} days)")


if __name__ == "__main__":
    main()
