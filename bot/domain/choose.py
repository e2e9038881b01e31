"""Choosing the next prompt for a pair: a pure function of its history, the date and a seed."""

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from bot.domain.prompts import PairKind, Prompt, PromptKind

# Depth follows the rounds a pair has completed together, not the calendar.
DEPTH_2_AFTER = 5
DEPTH_3_AFTER = 10
RECAP_WEEKDAY = 6  # Sunday


@dataclass(frozen=True)
class PairHistory:
    used: frozenset[str]
    completed: int
    last_themes: tuple[str, ...]
    days_since_appreciation: int | None
    rounds: int


def max_depth(completed: int) -> int:
    """The deepest prompt a pair is ready for after `completed` rounds answered together."""
    if completed >= DEPTH_3_AFTER:
        return 3
    if completed >= DEPTH_2_AFTER:
        return 2
    return 1


def wanted_kind(history: PairHistory, day: date, appreciation_every: int) -> PromptKind:
    """Which kind of round today is: a weekly reflection, an appreciation nudge, or a question."""
    if history.rounds >= 3 and day.weekday() == RECAP_WEEKDAY:
        return PromptKind.REFLECTION
    since = history.days_since_appreciation
    due = (since is None and history.rounds >= 3) or (
        since is not None and since >= appreciation_every
    )
    if appreciation_every > 0 and due:
        return PromptKind.APPRECIATION
    return PromptKind.QUESTION


def choose_prompt(
    prompts: Sequence[Prompt],
    history: PairHistory,
    pair_kind: PairKind,
    day: date,
    seed: int,
    appreciation_every: int = 7,
) -> Prompt:
    """The prompt for the pair's next round.

    No prompt repeats until every eligible one has been used; depth is capped by the rounds
    completed; the theme of the last round is avoided; the kind follows the week's rhythm.
    """
    suitable = [p for p in prompts if pair_kind in p.audience]
    if not suitable:
        raise ValueError(f"no prompt suits a {pair_kind} pair")
    fresh = [p for p in suitable if p.id not in history.used] or suitable
    depth = max_depth(history.completed)
    kind = wanted_kind(history, day, appreciation_every)
    rng = random.Random(f"{seed}:{day.isoformat()}:{history.rounds}")
    narrowings: tuple[Callable[[Prompt], bool], ...] = (
        lambda p: (
            p.kind == kind and p.depth <= depth and not set(p.themes) & set(history.last_themes)
        ),
        lambda p: p.kind == kind and p.depth <= depth,
        lambda p: p.kind == PromptKind.QUESTION and p.depth <= depth,
        lambda p: p.depth <= depth,
    )
    for keep in narrowings:
        candidates = [p for p in fresh if keep(p)]
        if candidates:
            break
    else:
        candidates = fresh
    # Lean towards the deepest level the pair has reached, without leaving lighter ones behind.
    weights = [1.0 + p.depth for p in candidates]
    return rng.choices(candidates, weights=weights, k=1)[0]
