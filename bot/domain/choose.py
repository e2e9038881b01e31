"""Choosing the next prompt for a pair: a pure function of its history, the date and a seed."""

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from bot.domain.prompts import PairKind, Prompt, PromptKind

FIRST_WEEK_DAYS = 7
# Depth follows the rounds a pair has completed together, not just the calendar.
DEPTH_2_AFTER = 3
DEPTH_3_AFTER = 10
RECAP_WEEKDAY = 6  # Sunday
RECAP_MIN_AGE_DAYS = 5  # a first "our week" needs a week to look back on
SLOT_THEMES = {
    PromptKind.APPRECIATION: "appreciation",
    PromptKind.REFLECTION: "weekly_reflection",
}
# Near the end of a cycle the few unused prompts left could all share yesterday's theme;
# spending the commonest theme first keeps that rare.
TAIL = 30


@dataclass(frozen=True)
class PairHistory:
    uses: Mapping[str, int] = field(default_factory=dict)  # prompt id → times given
    completed: int = 0  # rounds both answered
    last_themes: frozenset[str] = frozenset()  # of the last round
    days_since_appreciation: int = 0  # since the last appreciation round, or since pairing
    days_since_guess: int = 0  # since the last guess round, or since pairing
    age_days: int = 0  # days since the pair formed
    rounds: int = 0


def max_depth(history: PairHistory) -> int:
    """The deepest prompt a pair is ready for: light in the first week and until they have
    answered a few together; deep only after ten rounds completed together."""
    if history.age_days < FIRST_WEEK_DAYS or history.completed < DEPTH_2_AFTER:
        return 1
    if history.completed < DEPTH_3_AFTER:
        return 2
    return 3


def wanted_kind(
    history: PairHistory, day: date, appreciation_every: int, guess_every: int = 0
) -> PromptKind:
    """Which kind of round a day is: the weekly reflection, an appreciation nudge, a guess
    round, a question; a slot that is due waits a day when a weightier one takes the day."""
    if day.weekday() == RECAP_WEEKDAY and history.age_days >= RECAP_MIN_AGE_DAYS:
        return PromptKind.REFLECTION
    if appreciation_every > 0 and history.days_since_appreciation >= appreciation_every:
        return PromptKind.APPRECIATION
    if guess_every > 0 and history.days_since_guess >= guess_every:
        return PromptKind.GUESS
    return PromptKind.QUESTION


def _tomorrow(history: PairHistory, kind: PromptKind) -> PairHistory:
    """The history a day later, if today's round is of `kind`."""
    since = 1 if kind == PromptKind.APPRECIATION else history.days_since_appreciation + 1
    since_guess = 1 if kind == PromptKind.GUESS else history.days_since_guess + 1
    return replace(
        history,
        days_since_appreciation=since,
        days_since_guess=since_guess,
        age_days=history.age_days + 1,
        rounds=history.rounds + 1,
    )


def choose_prompt(
    prompts: Sequence[Prompt],
    history: PairHistory,
    pair_kind: PairKind,
    day: date,
    seed: int,
    appreciation_every: int = 7,
    fallback: Sequence[Prompt] = (),
    guess_every: int = 0,
) -> Prompt:
    """The prompt for the pair's next round, from `prompts` (the pair's packs).

    It suits the pair (audience, depth) and the day's kind; it is one of the least used, so
    nothing repeats before every such prompt has come once; and it shares no theme with the
    last round, nor with tomorrow's appreciation or reflection, unless every unused prompt does.
    """
    depth = max_depth(history)

    def pool_of(source: Sequence[Prompt], kind: PromptKind) -> list[Prompt]:
        return [
            p for p in source if p.kind == kind and p.depth <= depth and pair_kind in p.audience
        ]

    kind = wanted_kind(history, day, appreciation_every, guess_every)
    # The pair's packs first; if none of them suits the day, the library's defaults, so that a
    # pair whose packs run dry (or hold only deep prompts) still gets its round. A pair that
    # turned the guess pack off gets a question instead: a guess round is play, not a duty.
    pool = (
        pool_of(prompts, kind)
        or (pool_of(fallback, kind) if kind != PromptKind.GUESS else [])
        or pool_of(prompts, PromptKind.QUESTION)
        or pool_of(fallback, PromptKind.QUESTION)
    )
    if not pool:
        raise ValueError(f"no prompt suits a {pair_kind} pair at depth {depth}")
    avoid = set(history.last_themes)
    tomorrow = wanted_kind(
        _tomorrow(history, kind), day + timedelta(days=1), appreciation_every, guess_every
    )
    if tomorrow != kind and tomorrow in SLOT_THEMES:
        avoid.add(SLOT_THEMES[tomorrow])
    least = min(history.uses.get(p.id, 0) for p in pool)
    fresh = [p for p in pool if history.uses.get(p.id, 0) == least]
    candidates = [p for p in fresh if avoid.isdisjoint(p.themes)] or fresh
    if len(fresh) <= TAIL:
        common = Counter(theme for p in fresh for theme in p.themes)
        weight = {p.id: sum(common[t] for t in p.themes) for p in candidates}
        heaviest = max(weight.values())
        candidates = [p for p in candidates if weight[p.id] == heaviest]
    rng = random.Random(f"{seed}:{day.isoformat()}:{history.rounds}")
    # Lean towards the deepest level the pair has reached, without leaving lighter ones behind.
    weights = [2.0 if p.depth == depth else 1.0 for p in candidates]
    return rng.choices(candidates, weights=weights, k=1)[0]
