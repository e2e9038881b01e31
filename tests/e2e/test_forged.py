"""A user can never act on, see or react to a round that is not theirs, whatever they send.

Alex belongs to pair A; Kim and Lee to pair B; Max's pair E has ended (see scene.py). A
modified client can put any callback data on any bot message in its own chat, and reply to or
edit any message there. Each attempt below gets a kind refusal or nothing, changes nothing,
and pair B (and everyone else) hears nothing of it.
"""

from bot.domain.appreciation import REACTIONS
from bot.sandbox import SandboxUser
from bot.tg.callbacks import Action
from tests.e2e.flows import Message, expect, text_of
from tests.e2e.scene import LogTap, Scene, Seen, must_be_clean, observe


async def forge(
    scene: Scene, log: LogTap, actor: SandboxUser, on: Message, data: str
) -> tuple[Seen, str]:
    """`actor` presses data of their choosing on a message in their own chat."""
    queries: list[str] = []

    def press() -> None:
        queries.append(actor.press(on["message_id"], data, forged=True))

    seen = await observe(scene, log, actor, press)
    answer = actor.callback_answer(queries[0])
    assert answer is not None, f"{data}: the button kept spinning"
    return seen, str(answer["text"] or "")


def tells_nothing_of_pair_b(scene: Scene, seen: Seen) -> None:
    """Whatever the actor was told names neither Kim nor Lee nor what they were asked."""
    b_question = text_of(scene.messages["prompt_b2"]).split("\n\n")[1]
    a_question = text_of(scene.messages["prompt_a2"]).split("\n\n")[1]
    for text in seen.texts():
        assert "Kim" not in text and "Lee" not in text, text
        assert b_question == a_question or b_question not in text, text


async def test_a_forged_reaction_to_another_pairs_reveal_is_refused_and_reaches_no_one(
    scene: Scene, log: LogTap
) -> None:
    for index in range(len(REACTIONS)):
        for round_id in (scene.b1, scene.b2):
            data = f"{Action.REACT}|{round_id}|{index}"
            seen, _ = await forge(scene, log, scene.alex, scene.messages["reveal_a1"], data)
            must_be_clean(seen, reply=False)
            tells_nothing_of_pair_b(scene, seen)
    assert await scene.rows("SELECT * FROM reactions") == []


async def test_a_forged_reply_button_for_another_pairs_round_relays_nothing_to_them(
    scene: Scene, log: LogTap
) -> None:
    seen, _ = await forge(
        scene, log, scene.alex, scene.messages["reveal_a1"], f"{Action.REPLY}|{scene.b1}"
    )
    must_be_clean(seen, reply=False)
    tells_nothing_of_pair_b(scene, seen)
    # What Alex writes next is his own answer again, not a reply to Kim and Lee's round.
    words = "for Kim's eyes only"
    seen = await observe(scene, log, scene.alex, lambda: scene.alex.send(words))
    must_be_clean(seen, frozenset({"answers"}))
    assert await scene.rows("SELECT * FROM follow_ups") == []
    kept = await scene.rows(
        "SELECT round_id, text FROM answers WHERE user_id = ? ORDER BY round_id", (scene.alex.id,)
    )
    assert kept[-1] == (scene.a2, words)


async def test_a_forged_swap_cannot_change_another_pairs_open_question(
    scene: Scene, log: LogTap
) -> None:
    before = await scene.rows("SELECT id, prompt_id, text FROM rounds ORDER BY id")
    for round_id in (scene.b2, scene.b1, scene.e1):
        data = f"{Action.SWAP}|{round_id}"
        seen, _ = await forge(scene, log, scene.alex, scene.messages["prompt_a2"], data)
        must_be_clean(seen)
        assert any("can't be swapped" in text for text in seen.texts()), seen.texts()
        tells_nothing_of_pair_b(scene, seen)
    assert await scene.rows("SELECT id, prompt_id, text FROM rounds ORDER BY id") == before


async def test_a_forged_reaction_to_someone_elses_appreciation_is_refused(
    scene: Scene, log: LogTap
) -> None:
    for index in range(len(REACTIONS)):
        data = f"{Action.THANKS_REACT}|{scene.kim_to_lee}|{index}"
        seen, answer = await forge(scene, log, scene.alex, scene.messages["reveal_a1"], data)
        must_be_clean(seen, reply=False)
        assert "no longer works" in answer
    assert await scene.rows("SELECT reaction FROM appreciations") == [(None,)]


async def test_buttons_of_an_ended_pair_act_on_nothing(scene: Scene, log: LogTap) -> None:
    reveal = scene.messages["reveal_e1"]
    for data in (
        f"{Action.REACT}|{scene.e1}|0",
        f"{Action.REPLY}|{scene.e1}",
        f"{Action.SWAP}|{scene.e1}",
    ):
        seen, _ = await forge(scene, log, scene.max, reveal, data)
        must_be_clean(seen)  # Jo, and everyone else, hears nothing
        assert any("ended" in t or "can't be swapped" in t for t in seen.texts()), seen.texts()


async def test_a_used_invite_code_pairs_no_one_whoever_presses_it(
    scene: Scene, log: LogTap
) -> None:
    stranger = scene.duet.sandbox.user(4242, "Stranger")
    stranger.send("/help")
    await expect(stranger, "Here's what I can do")
    for actor in (scene.max, scene.alex, stranger):
        for action in (Action.ACCEPT, Action.DECLINE):
            seen, _ = await forge(scene, log, actor, actor.inbox[-1], f"{action}|{scene.used_code}")
            # A wrong code counts towards the limit; someone new now has a row, as /start does.
            must_be_clean(seen, frozenset({"wrong_codes", "users"}))
            assert "pairs" not in seen.changed
    assert await scene.rows("SELECT COUNT(*) FROM pairs WHERE ended_at IS NULL") == [(2,)]


async def test_a_reply_to_a_message_numbered_like_another_users_prompt_answers_only_ones_own(
    scene: Scene, log: LogTap
) -> None:
    # Message ids count per chat: Alex's chat has a message with the id of Kim's prompt too.
    kims_prompt = scene.messages["prompt_b2"]["message_id"]
    assert scene.alex.chat.find(kims_prompt) is not None
    words = "an answer aimed at Kim's question"

    def reply() -> None:
        scene.alex.send(words, reply_to=kims_prompt)

    seen = await observe(scene, log, scene.alex, reply)
    must_be_clean(seen, frozenset({"answers"}))
    assert await scene.rows("SELECT * FROM answers WHERE round_id = ?", (scene.b2,)) == []
    assert (scene.a2, words) in await scene.rows(
        "SELECT round_id, text FROM answers WHERE user_id = ?", (scene.alex.id,)
    )


async def _align(scene: Scene, alex: SandboxUser, kim: SandboxUser) -> None:
    """Send what it takes for Alex's and Kim's chats to give their next messages one id."""

    def next_id(user: SandboxUser) -> int:
        return user.chat.last_message_id + 1

    while next_id(alex) != next_id(kim):
        behind, other = (alex, scene.sam) if next_id(alex) < next_id(kim) else (kim, scene.lee)
        gap = abs(next_id(alex) - next_id(kim))
        mark = len(behind.inbox)
        if gap % 2:  # an appreciation from the partner: one message, none sent
            other.send("/appreciate for being here")
            await expect(behind, "for being here", mark)
        else:  # a message and its reply
            behind.send("/help")
            await expect(behind, "Here's what I can do", mark)


async def test_an_edit_of_a_message_numbered_like_another_users_answer_changes_only_ones_own(
    scene: Scene, log: LogTap
) -> None:
    alex, kim = scene.alex, scene.kim
    await _align(scene, alex, kim)
    mark_alex, mark = len(alex.inbox), len(kim.inbox)
    mine = alex.send("/help")
    kims = kim.send("Kim's answer, for Lee alone")
    await expect(alex, "Here's what I can do", mark_alex)
    await expect(kim, "Got it", mark)
    assert mine["message_id"] == kims["message_id"]
    seen = await observe(scene, log, alex, lambda: alex.edit(mine["message_id"], "hijacked"))
    must_be_clean(seen, reply=False)
    assert not seen.to_actor, seen.texts()
    assert await scene.rows(
        "SELECT user_id, text FROM answers WHERE round_id = ?", (scene.b2,)
    ) == [(kim.id, "Kim's answer, for Lee alone")]


async def test_today_shows_only_ones_own_round(scene: Scene, log: LogTap) -> None:
    seen = await observe(scene, log, scene.alex, lambda: scene.alex.send("/today"))
    must_be_clean(seen, frozenset({"prompt_messages"}))
    tells_nothing_of_pair_b(scene, seen)
    shown = await scene.rows(
        "SELECT round_id FROM prompt_messages WHERE user_id = ? AND message_id = ?",
        (scene.alex.id, seen.to_actor[-1]["message_id"]),
    )
    assert shown == [(scene.a2,)]
