"""/ideas over HTTP: the pair's list of ideas both said yes to, when, and which were done;
paged in place, only the pair's own, and buttons that are not the tapper's refused kindly."""

from datetime import UTC, datetime

from bot.sandbox import SandboxUser
from bot.tg.callbacks import Action
from tests.e2e.conftest import Duet
from tests.e2e.flows import Message, count, expect, onboard, pair_up, paired, press, text_of
from tests.e2e.test_ideas import HOW, INVITATION, NEXT_EVENING, OFFER, share, tap

LIST = "Your list with"


async def accept_idea(inviter: SandboxUser, partner: SandboxUser, answer: str = "I'm in") -> str:
    """`inviter` sends an idea, `partner` answers it; the idea as the invitation shows it."""
    mark_i, mark_p = len(inviter.inbox), len(partner.inbox)
    inviter.send("/idea")
    offer = await expect(inviter, OFFER, mark_i)
    await press(inviter, offer, f"Send to {partner.first_name}")
    invitation = await expect(partner, INVITATION, mark_p)
    mark_i = len(inviter.inbox)
    await press(partner, invitation, answer)
    told = f"{partner.first_name} is in for" if answer == "I'm in" else "would rather keep"
    await expect(inviter, told, mark_i)
    return text_of(invitation).split("\n\n")[1]


async def open_list(user: SandboxUser) -> Message:
    mark = len(user.inbox)
    user.send("/ideas")
    return await expect(user, LIST, mark)


async def turn(duet: Duet, user: SandboxUser, page: Message, label: str, fragment: str) -> None:
    """Tap a button of the page and wait until the page (the same message) shows `fragment`."""
    sent = len(user.inbox)
    await press(user, page, label)
    await duet.sandbox.wait_for(lambda: fragment in text_of(page), 5, f"no {fragment!r}")
    assert len(user.inbox) == sent, "the page turned in place, no new message"


def labels(user: SandboxUser, page: Message) -> list[str]:
    return [label for label, _ in user.buttons(page)]


async def test_an_empty_list_invites_the_first_idea_warmly(duet: Duet) -> None:
    alex, _ = await paired(duet)
    await accept_idea(alex, duet.sandbox.user(1002, "Sam"), "Another time")
    mark = len(alex.inbox)
    alex.send("/ideas")
    empty = text_of(await expect(alex, "is empty for now", mark))
    assert "Your list with Sam" in empty and "/idea" in empty
    assert alex.buttons(alex.inbox[-1]) == []


async def test_the_list_shows_each_accepted_idea_its_day_and_whether_it_was_done(
    duet: Duet,
) -> None:
    alex, sam = await paired(duet)
    first = await accept_idea(alex, sam)  # Tue 24 Nov
    declined = await accept_idea(sam, alex, "Another time")
    # The next evening "how was it?" comes; both share, so the first idea is done.
    await duet.move_clock(NEXT_EVENING)
    await share(alex, await expect(alex, HOW), "Lovely")
    mark = len(alex.inbox)
    await share(sam, await expect(sam, HOW), "So good")
    await expect(alex, "So good", mark)
    await duet.move_clock(datetime(2026, 11, 27, 10, 0, tzinfo=UTC))
    later = [await accept_idea(*((alex, sam) if i % 2 else (sam, alex))) for i in range(7)]

    page = await open_list(alex)
    text = text_of(page)
    assert "8 ideas you both said yes to" in text
    for idea in reversed(later[1:]):  # the newest six, newest first
        assert f"💡 {idea}\nSaid yes on 27 Nov 2026 · still to do" in text
    assert text.index(later[-1]) < text.index(later[1])
    assert first not in text and later[0] not in text and declined not in text
    assert labels(alex, page) == ["◀ Older"]

    await turn(duet, alex, page, "Older", first)
    text = text_of(page)
    assert f"💡 {first}\nSaid yes on 24 Nov 2026 · done ✅" in text
    assert f"💡 {later[0]}\nSaid yes on 27 Nov 2026 · still to do" in text
    assert later[1] not in text and declined not in text
    assert labels(alex, page) == ["Newer ▶"]
    await turn(duet, alex, page, "Newer", later[-1])
    assert labels(alex, page) == ["◀ Older"]
    # Sam reads the same list.
    assert text_of(await open_list(sam)).replace("with Alex", "with Sam") == text_of(page)


async def test_only_the_pairs_own_ideas_and_list_buttons_not_theirs_change_nothing(
    duet: Duet,
) -> None:
    alex, sam = await paired(duet)
    kim, lee = duet.sandbox.user(1003, "Kim"), duet.sandbox.user(1004, "Lee")
    await onboard(kim)
    await pair_up(duet.sandbox, kim, lee)
    ours = await accept_idea(alex, sam)
    theirs = await accept_idea(kim, lee)
    declined = await accept_idea(alex, sam, "Another time")
    ids = dict(await duet.rows("SELECT answer || pair_id, id FROM pair_ideas"))
    page = await open_list(kim)
    assert theirs in text_of(page) and ours not in text_of(page)
    assert "1 idea you both said yes to" in text_of(page)
    shown = text_of(page)
    before = await duet.rows("SELECT * FROM pair_ideas")
    gone = "isn't on your list"
    # Alex's pair's idea, one never accepted, one that never was, and a garbled one.
    for data in (
        f"{Action.IDEA_PAGE}|{ids['in1']}",
        f"{Action.IDEA_PAGE}|{ids['later1']}",
        f"{Action.IDEA_PAGE}|999",
    ):
        assert gone in await tap(kim, page, data), data
    assert "no longer works" in await tap(kim, page, f"{Action.IDEA_PAGE}|x")
    assert text_of(page) == shown and count(lee, ours) == 0
    mine = await open_list(alex)
    assert ours in text_of(mine) and theirs not in text_of(mine) and declined not in text_of(mine)
    # After the pair ends, its list buttons say so; /ideas says they are not paired.
    mark = len(sam.inbox)
    alex.send("/unpair")
    await press(alex, await expect(alex, "End your pair with Sam"), "Yes, end it")
    await expect(sam, "Alex has ended your pair", mark)
    assert "has ended" in await tap(alex, mine, f"{Action.IDEA_PAGE}|{ids['in1']}")
    mark = len(alex.inbox)
    alex.send("/ideas")
    await expect(alex, "not paired", mark)
    assert await duet.rows("SELECT * FROM pair_ideas") == before
