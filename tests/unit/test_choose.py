"""The chooser over the real library: simulated pairs, a thousand days each."""

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.appreciation import CADENCES
from bot.domain.choose import PairHistory, choose_prompt, max_depth
from bot.domain.prompts import PairKind, Prompt, PromptKind
from bot.packs import load_library

LIBRARY = load_library(Path(__file__).resolve().parents[2] / "prompt_packs")
DAYS = 1000
SUNDAY = 6


@dataclass
class Pair:
    """What a pair has lived through, as the test keeps it (not as the chooser does)."""

    kind: PairKind
    cadence: int
    guess_every: int = 0
    uses: Counter[str] = field(default_factory=Counter)
    completed: int = 0
    last: Prompt | None = None
    last_appreciation_day: int = 0
    last_guess_day: int = 0
    history: list[tuple[int, Prompt]] = field(default_factory=list)

    def seen_by_chooser(self, day: int) -> PairHistory:
        return PairHistory(
            uses=dict(self.uses),
            completed=self.completed,
            last_themes=frozenset(self.last.themes) if self.last else frozenset(),
            days_since_appreciation=day - self.last_appreciation_day,
            days_since_guess=day - self.last_guess_day,
            age_days=day,
            rounds=len(self.history),
        )


def live(
    kind: PairKind,
    cadence: int,
    packs: frozenset[str],
    seed: int,
    completion: float,
    guess_every: int = 0,
) -> tuple[Pair, list[str]]:
    """A thousand days of one pair; what went wrong, day by day."""
    start = date(2026, 1, 1) + timedelta(days=seed % 365)
    pair = Pair(kind, cadence, guess_every)
    chance = random.Random(seed)
    prompts = LIBRARY.prompts(packs)
    problems: list[str] = []
    for day in range(DAYS):
        today = start + timedelta(days=day)
        if chance.random() < 0.1:
            continue  # a pause, or a morning the round did not open
        history = pair.seen_by_chooser(day)
        depth = max_depth(history)
        prompt = choose_prompt(
            prompts,
            history,
            kind,
            today,
            seed,
            cadence,
            fallback=LIBRARY.prompts(),
            guess_every=guess_every,
        )

        def fail(what: str, day: int = day, today: date = today, prompt: Prompt = prompt) -> None:
            problems.append(f"day {day} ({today:%a}) {prompt.id}: {what}")

        if kind not in prompt.audience:
            fail("audience")
        if day < 7 and prompt.depth > 1:
            fail("deeper than 1 in the first week")
        if prompt.depth == 3 and pair.completed < 10:
            fail(f"depth 3 after only {pair.completed} completed rounds")
        recap = today.weekday() == SUNDAY and day >= 5
        due = cadence > 0 and day - pair.last_appreciation_day >= cadence
        # A guess round comes only from the pair's own packs: with the guess pack off, a question.
        guess_due = (
            guess_every > 0
            and day - pair.last_guess_day >= guess_every
            and any(
                p.kind == PromptKind.GUESS and kind in p.audience and p.depth <= depth
                for p in prompts
            )
        )
        wanted = (
            PromptKind.REFLECTION
            if recap
            else PromptKind.APPRECIATION
            if due
            else PromptKind.GUESS
            if guess_due
            else PromptKind.QUESTION
        )
        if prompt.kind != wanted:
            fail(f"{prompt.kind} on a day for {wanted}")
        # The prompts this one was chosen among: the pair's packs, or for the weekly slots,
        # the library's defaults when none of the pair's packs has one.
        eligible = [
            p for p in prompts if p.kind == prompt.kind and kind in p.audience and p.depth <= depth
        ] or [
            p
            for p in LIBRARY.prompts()
            if p.kind == prompt.kind and kind in p.audience and p.depth <= depth
        ]
        if prompt not in eligible:
            fail("not among the pair's packs")
        fewest = min(pair.uses[p.id] for p in eligible)
        if pair.uses[prompt.id] > fewest:
            fail(f"used {pair.uses[prompt.id]} times while others were used {fewest}")
        if pair.last is not None and set(prompt.themes) & set(pair.last.themes):
            unused = [p for p in eligible if pair.uses[p.id] == fewest]
            if any(not set(p.themes) & set(pair.last.themes) for p in unused):
                fail(f"theme {prompt.themes} two days running, with others unused")
        pair.uses[prompt.id] += 1
        pair.history.append((day, prompt))
        pair.last = prompt
        if prompt.kind == PromptKind.APPRECIATION:
            pair.last_appreciation_day = day
        if prompt.kind == PromptKind.GUESS:
            pair.last_guess_day = day
        if chance.random() < completion:
            pair.completed += 1
    return pair, problems


OPTIONAL = sorted(pack.id for pack in LIBRARY.packs)


@settings(max_examples=12, deadline=None)
@given(
    kind=st.sampled_from(list(PairKind)),
    cadence=st.sampled_from(CADENCES),
    guess_every=st.sampled_from(CADENCES),
    packs=st.sets(st.sampled_from(OPTIONAL), min_size=1).map(frozenset)
    | st.just(LIBRARY.enabled({})),
    seed=st.integers(0, 2**32),
    completion=st.floats(0.2, 1.0),
)
def test_a_thousand_days_keep_every_rule(
    kind: PairKind,
    cadence: int,
    guess_every: int,
    packs: frozenset[str],
    seed: int,
    completion: float,
) -> None:
    if not any(
        kind in p.audience and p.kind == PromptKind.QUESTION for p in LIBRARY.prompts(packs)
    ):
        packs = packs | LIBRARY.enabled({})
    _, problems = live(kind, cadence, packs, seed, completion, guess_every)
    assert not problems, "\n".join(problems[:20])


def test_with_the_default_packs_no_theme_ever_comes_two_days_running() -> None:
    for seed, kind in ((1, PairKind.COUPLE), (2, PairKind.FRIENDS)):
        pair, problems = live(kind, 7, LIBRARY.enabled({}), seed, 0.8)
        assert not problems, "\n".join(problems[:20])
        running = [
            (before, after)
            for (day, before), (next_day, after) in zip(
                pair.history, pair.history[1:], strict=False
            )
            if next_day == day + 1
        ]
        assert len(running) > DAYS // 2
        for before, after in running:
            assert not set(before.themes) & set(after.themes), (before.id, after.id)


def test_a_new_pair_stays_light_until_it_has_answered_together() -> None:
    pair, _ = live(PairKind.COUPLE, 7, LIBRARY.enabled({}), 3, 0.0)
    assert {prompt.depth for _, prompt in pair.history} == {1}


def test_depth_grows_with_completed_rounds() -> None:
    pair, problems = live(PairKind.COUPLE, 7, LIBRARY.enabled({}), 4, 1.0)
    assert not problems
    first_deep = next(day for day, prompt in pair.history if prompt.depth == 3)
    assert 7 <= first_deep <= 30
    depths = Counter(prompt.depth for _, prompt in pair.history)
    assert depths[1] and depths[2] and depths[3]


def test_every_prompt_comes_once_before_any_comes_twice() -> None:
    pair, problems = live(PairKind.FRIENDS, 7, LIBRARY.enabled({}), 5, 1.0)
    assert not problems
    questions = [
        p
        for p in LIBRARY.prompts()
        if p.kind == PromptKind.QUESTION and PairKind.FRIENDS in p.audience
    ]
    given_questions = [prompt for _, prompt in pair.history if prompt.kind == PromptKind.QUESTION]
    first_repeat = next(
        i for i, prompt in enumerate(given_questions) if prompt in given_questions[:i]
    )
    assert first_repeat == len(questions)


def test_guess_rounds_come_on_their_cadence_and_keep_every_rule() -> None:
    for seed, kind in ((6, PairKind.COUPLE), (7, PairKind.FRIENDS)):
        pair, problems = live(kind, 7, LIBRARY.enabled({}), seed, 0.8, guess_every=7)
        assert not problems, "\n".join(problems[:20])
        guess_days = [day for day, prompt in pair.history if prompt.kind == PromptKind.GUESS]
        assert len(guess_days) > DAYS // 10
        gaps = [after - before for before, after in pairwise(guess_days)]
        assert min(gaps) >= 7
        guesses = [prompt for _, prompt in pair.history if prompt.kind == PromptKind.GUESS]
        assert all(2 <= len(p.options) <= 4 for p in guesses)


def test_guess_rounds_never_come_when_turned_off_or_without_the_guess_pack() -> None:
    for guess_every, packs in ((0, LIBRARY.enabled({})), (7, LIBRARY.enabled({}) - {"guess"})):
        pair, problems = live(PairKind.COUPLE, 7, packs, 8, 0.8, guess_every)
        assert not problems, "\n".join(problems[:20])
        assert all(prompt.kind != PromptKind.GUESS for _, prompt in pair.history)
