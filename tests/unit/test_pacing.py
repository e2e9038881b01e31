"""The sender's pacing in fake time: order, limits, retry_after, outages and hopeless messages."""

import itertools
import random
from collections.abc import Callable

import pytest

from bot.domain import notices as n
from bot.domain.prompts import PromptKind
from bot.tg.pacing import (
    GIVE_UP_AFTER,
    PROBE_GAP,
    Failed,
    Failure,
    Grid,
    Later,
    Outcome,
    Pacing,
    Probe,
    Removed,
    Sent,
)

UP: Callable[[n.OutboxItem | None, float], bool] = lambda item, at: True  # noqa: E731


def prompt(item_id: int, chat: int) -> n.OutboxItem:
    """A bulk message (the morning wave)."""
    notice = n.PromptMessage(
        item_id, "A question?", PromptKind.QUESTION, "Everyday", True, True, None
    )
    return n.OutboxItem(item_id, chat, notice)


def reply(item_id: int, chat: int) -> n.OutboxItem:
    """An interactive message (an answer to something the user just did)."""
    return n.OutboxItem(item_id, chat, n.Help())


class Telegram:
    """Answers each send at once: up or down as `reachable` says at that moment."""

    def __init__(
        self, reachable: Callable[[n.OutboxItem | None, float], bool] = UP, rate: float = 30
    ) -> None:
        """`reachable(item, at)`: whether Telegram takes `item` then (None: a getMe probe);
        requests leave on a grid of `rate` a second, as the sender's do."""
        self.reachable = reachable
        self.grid = Grid(rate)
        self.tries: list[tuple[float, int]] = []
        self.sent: list[tuple[float, int]] = []
        self.probes: list[float] = []

    def run(self, pacing: Pacing, until: float, start: float = 0.0) -> None:
        """Drive the pacing the way the sender does, jumping the clock to each due time."""
        now = start
        while now <= until:
            step = pacing.next(now)
            if step is None:
                return
            if isinstance(step, float):
                now += step
                continue
            if isinstance(step, Probe):
                self.probes.append(now)
                pacing.probed(self.reachable(None, now), now)
                continue
            now += self.grid.until_next(now)
            self.grid.leave(now)
            self.tries.append((now, step.id))
            outcome: Outcome
            if self.reachable(step, now):
                self.sent.append((now, step.id))
                outcome = Sent()
            else:
                failure = pacing.failed(step, now)
                gone = failure is Failure.GIVE_UP
                outcome = Removed(frozenset({step.id})) if gone else Failed(failure)
            pacing.finish(step, outcome, now)


def pacing(chat_rate: float = 1, concurrency: int = 16) -> Pacing:
    return Pacing(chat_rate=chat_rate, concurrency=concurrency)


def test_a_chats_messages_go_in_order_one_gap_apart() -> None:
    plan = pacing(chat_rate=1)
    for i in range(3):
        plan.add(prompt(i, chat=7), 0.0)
    telegram = Telegram()
    telegram.run(plan, until=10)
    assert [item for _, item in telegram.sent] == [0, 1, 2]
    times = [at for at, _ in telegram.sent]
    assert all(b - a >= 1.0 - 1e-9 for a, b in itertools.pairwise(times))


def test_sends_keep_to_the_overall_rate() -> None:
    plan = pacing()
    for chat in range(50):
        plan.add(prompt(chat, chat), 0.0)
    telegram = Telegram(rate=10)
    telegram.run(plan, until=10)
    times = [at for at, _ in telegram.sent]
    assert len(times) == 50
    busiest = max(sum(1 for t in times if start <= t < start + 1) for start in times)
    assert busiest <= 11
    assert times[-1] < 5.0


def test_interactive_messages_go_ahead_of_the_wave() -> None:
    plan = pacing()
    for chat in range(20):
        plan.add(prompt(chat, chat), 0.0)
    plan.add(reply(100, chat=500), 0.0)
    telegram = Telegram(rate=10)
    telegram.run(plan, until=10)
    assert telegram.sent[0][1] == 100


def test_at_most_concurrency_sends_are_in_flight() -> None:
    plan = pacing(concurrency=3)
    for chat in range(10):
        plan.add(prompt(chat, chat), 0.0)
    started = []
    now = 0.0
    while (step := plan.next(now)) is not None:
        if isinstance(step, float):
            now += step
        else:
            assert isinstance(step, n.OutboxItem)
            started.append(step)
    assert len(started) == 3
    plan.finish(started[0], Sent(), now)
    assert isinstance(plan.next(now + 1), n.OutboxItem)


def test_retry_after_holds_one_chat_while_others_go_on() -> None:
    plan = pacing()
    plan.add(prompt(1, chat=1), 0.0)
    plan.add(prompt(2, chat=2), 0.0)
    first = plan.next(0.0)
    assert isinstance(first, n.OutboxItem) and first.chat_id == 1
    plan.finish(first, Later(3.0), 0.0)
    telegram = Telegram(rate=100)
    telegram.run(plan, until=10, start=0.01)
    assert telegram.sent[0] == (0.01, 2)
    assert telegram.sent[1][1] == 1 and telegram.sent[1][0] >= 3.0


def test_while_telegram_is_down_one_probe_goes_at_a_time_and_recovery_releases_all() -> None:
    plan = pacing()
    for chat in range(200):
        plan.add(prompt(chat, chat), 0.0)
    back_at = 300.0  # a five-minute outage

    telegram = Telegram(lambda item, at: at >= back_at, rate=30)
    telegram.run(plan, until=400)
    during = [at for at, _ in telegram.tries if at < back_at]
    # Gentle: every try after the first is a probe, PROBE_GAP apart.
    assert all(b - a >= PROBE_GAP - 1e-9 for a, b in itertools.pairwise(during))
    assert len(during) <= back_at / PROBE_GAP + 1
    # Quick: the first send is within one probe of Telegram's return, the rest at full rate.
    assert len(telegram.sent) == 200
    first, last = telegram.sent[0][0], telegram.sent[-1][0]
    assert first - back_at <= PROBE_GAP
    assert last - first <= 200 / 30 + 0.1
    assert plan.idle()


def test_no_message_is_given_up_while_telegram_is_away() -> None:
    plan = pacing()
    plan.add(prompt(1, chat=1), 0.0)
    telegram = Telegram(lambda item, at: at >= 60)
    telegram.run(plan, until=100)
    ((sent_at, item),) = telegram.sent
    assert item == 1 and 60 <= sent_at <= 60 + PROBE_GAP
    # A failed message is tried again once; then getMe asks whether Telegram is there at all.
    assert len(telegram.tries) == 3
    assert len(telegram.probes) <= 60 / PROBE_GAP


def test_failures_during_a_long_outage_are_not_held_against_a_message_afterwards() -> None:
    plan = pacing()
    for chat in range(3):
        plan.add(prompt(chat, chat), 0.0)
    hiccup_at = 300.0
    # Away for five minutes; back; then one more dropped connection for message 0.
    telegram = Telegram(
        lambda item, at: at >= 300 and not (item and item.id == 0 and at < 301), rate=100
    )
    telegram.run(plan, until=hiccup_at + 30)
    assert sorted(item for _, item in telegram.sent) == [0, 1, 2]


def test_a_message_that_keeps_failing_while_others_go_out_is_given_up() -> None:
    plan = pacing()
    plan.add(prompt(1, chat=1), 0.0)
    for chat in range(2, 40):
        plan.add(prompt(chat, chat), 0.0)
        plan.add(prompt(100 + chat, chat), 0.0)
    telegram = Telegram(lambda item, at: item is None or item.id != 1, rate=100)
    telegram.run(plan, until=120)
    # Tries that Telegram answered nothing in between do not count; the rest give up soon.
    assert GIVE_UP_AFTER <= [item for _, item in telegram.tries].count(1) <= 2 * GIVE_UP_AFTER
    assert 1 not in [item for _, item in telegram.sent]
    assert len(telegram.sent) == 2 * 38
    assert plan.idle()


def test_a_failure_while_others_go_out_backs_off_instead_of_holding_everyone() -> None:
    plan = pacing()
    plan.add(prompt(1, chat=1), 0.0)
    first = plan.next(0.0)
    assert isinstance(first, n.OutboxItem)
    assert plan.failed(first, 0.0) is Failure.HOLD
    plan.finish(first, Failed(Failure.HOLD), 0.0)
    plan.add(prompt(2, chat=2), 0.1)
    probe = plan.next(0.6)
    assert isinstance(probe, n.OutboxItem) and probe.id == 2
    plan.finish(probe, Sent(), 0.6)
    assert plan.unreachable_since is None
    again = plan.next(0.7)
    assert isinstance(again, n.OutboxItem) and again.id == 1
    assert plan.failed(again, 0.7) is Failure.BACK_OFF
    plan.finish(again, Failed(Failure.BACK_OFF), 0.7)
    assert plan.unreachable_since is None
    assert plan.next(0.8) == pytest.approx(2.0 - 0.1)


def test_requests_leave_on_the_grid_however_unevenly_they_get_ready() -> None:
    grid = Grid(rate=28)
    rng = random.Random(7)
    # Bunches: a slow picture holds a few back, then they are ready at once.
    ready = sorted(round(rng.uniform(0, 10), 1) for _ in range(400))
    leaving: list[float] = []
    for at in ready:
        # One at a time, as the sender takes turns: no earlier than the one before.
        now = max(at, leaving[-1] if leaving else at)
        now += grid.until_next(now)
        grid.leave(now)
        leaving.append(now)
    assert all(b - a >= 1 / 28 - 1e-9 for a, b in itertools.pairwise(leaving))
    busiest = max(sum(1 for t in leaving if start <= t < start + 1) for start in leaving)
    assert busiest <= 29  # rate + 1: both ends of a second


def test_a_request_that_wakes_late_does_not_let_the_next_go_at_once() -> None:
    grid = Grid(rate=10)
    grid.leave(0.0)
    assert grid.until_next(0.0) == pytest.approx(0.1)
    # A busy event loop wakes it 0.4 s late: the next waits a whole interval, no burst.
    grid.leave(0.5)
    assert grid.until_next(0.5) == pytest.approx(0.1)
    # A timer a millisecond late is made up instead of adding up.
    grid.leave(0.601)
    assert grid.until_next(0.601) == pytest.approx(0.099)


def test_a_dropped_chat_keeps_only_the_message_in_flight_and_a_held_one_is_let_go() -> None:
    plan = pacing()
    for item_id in range(3):
        plan.add(prompt(item_id, chat=7), 0.0)
    plan.add(prompt(10, chat=8), 0.0)
    head = plan.next(0.0)
    other = plan.next(0.0)
    assert isinstance(head, n.OutboxItem) and head.chat_id == 7
    assert isinstance(other, n.OutboxItem) and other.chat_id == 8
    # Telegram goes away under chat 8; then both users delete their data.
    plan.finish(other, Failed(plan.failed(other, 0.0)), 0.0)
    plan.drop(7)
    plan.drop(8)
    assert plan.held() == 0
    plan.finish(head, Sent(), 0.1)
    assert plan.idle()
    telegram = Telegram()
    telegram.run(plan, until=10, start=0.2)
    assert telegram.sent == []


def test_when_getme_answers_but_every_send_fails_nothing_is_given_up_and_tries_stay_few() -> None:
    plan = pacing()
    for chat in range(20):
        plan.add(prompt(chat, chat), 0.0)
    back_at = 120.0  # two minutes of a proxy that drops sends but lets getMe by
    telegram = Telegram(lambda item, at: item is None or at >= back_at)
    telegram.run(plan, until=200)
    assert sorted(item for _, item in telegram.sent) == list(range(20))
    calls = [at for at, _ in telegram.tries if at < back_at] + telegram.probes
    # The first try of each at the start; after that one call per probe gap.
    assert len(calls) <= 20 + back_at / PROBE_GAP + 1
    assert telegram.sent[-1][0] - back_at <= 2 * PROBE_GAP + 20 / 30


def test_a_message_on_its_way_when_its_chat_is_dropped_is_never_tried_again() -> None:
    plan = pacing()
    plan.add(prompt(1, chat=7), 0.0)
    head = plan.next(0.0)
    assert isinstance(head, n.OutboxItem)
    plan.drop(7)
    assert plan.gone(head)
    # Telegram asked it to wait: with its row gone, it is not queued again.
    plan.finish(head, Later(3.0), 0.1)
    assert plan.idle() and not plan.gone(head)
    telegram = Telegram()
    telegram.run(plan, until=10, start=0.2)
    assert telegram.tries == []


def test_a_dropped_chat_starts_afresh_without_its_old_back_off() -> None:
    plan = pacing()
    plan.add(prompt(1, chat=7), 0.0)
    head = plan.next(0.0)
    assert isinstance(head, n.OutboxItem)
    plan.finish(head, Later(300.0), 0.0)
    plan.drop(7)
    # The user comes back with /start a second later: the welcome goes at once.
    plan.add(reply(2, chat=7), 1.0)
    welcome = plan.next(1.0)
    assert isinstance(welcome, n.OutboxItem) and welcome.id == 2
