"""Steps a person takes, as the sandbox lets a test take them."""

from typing import Any

from bot.sandbox import Sandbox, SandboxUser
from bot.sandbox.waiting import wait_until
from tests.e2e.conftest import Duet, invite_code

Message = dict[str, Any]


def text_of(message: Message) -> str:
    return str(message.get("text") or message.get("caption") or "")


async def expect(user: SandboxUser, fragment: str, after: int = 0) -> Message:
    """Wait for a message to `user`, at index `after` or later, containing `fragment`."""

    def found() -> Message | None:
        for message in user.inbox[after:]:
            if fragment in text_of(message):
                return message
        return None

    def explain() -> str:
        return f"no message with {fragment!r} to {user.first_name} after #{after}: {user.texts()}"

    message = await wait_until(found, 5.0, explain)
    assert message is not None
    return message


async def press(user: SandboxUser, message: Message, label: str) -> None:
    """Tap the button whose label contains `label` on `message`."""
    for text, data in user.buttons(message):
        if label in text:
            user.press(message["message_id"], data)
            return
    raise AssertionError(f"no button {label!r} among {user.buttons(message)}")


async def onboard(user: SandboxUser, at: str = "08:00", zone: str = "UTC") -> None:
    """/start, tap a time, tap a zone."""
    mark = len(user.inbox)
    user.send("/start")
    ask = await expect(user, "When should your daily question arrive", mark)
    await press(user, ask, at)
    ask_zone = await expect(user, "Which timezone", mark)
    mark = len(user.inbox)
    await press(user, ask_zone, zone)
    await expect(user, "now comes at", mark)


async def pair_up(sandbox: Sandbox, alex: SandboxUser, sam: SandboxUser) -> None:
    """Alex invites, Sam opens the link and accepts; both are told."""
    mark_alex = len(alex.inbox)
    alex.send("/invite")
    link = await expect(alex, "invite link", mark_alex)
    code = invite_code(text_of(link))
    mark_sam = len(sam.inbox)
    sam.send(f"/start {code}")
    offer = await expect(sam, "invited you", mark_sam)
    await press(sam, offer, "Accept")
    await expect(sam, "are paired", mark_sam)
    await expect(alex, "are paired", mark_alex)


async def paired(duet: Duet) -> tuple[SandboxUser, SandboxUser]:
    """Alex (onboarded at 08:00 UTC) and Sam, paired."""
    alex, sam = duet.sandbox.user(1001, "Alex"), duet.sandbox.user(1002, "Sam")
    await onboard(alex)
    await pair_up(duet.sandbox, alex, sam)
    return alex, sam


def count(user: SandboxUser, fragment: str, after: int = 0) -> int:
    """How many messages to `user`, from index `after` on, contain `fragment`."""
    return sum(1 for message in user.inbox[after:] if fragment in text_of(message))


async def guess_rounds_off(user: SandboxUser) -> None:
    """/settings → Guess rounds → Never: for a journey that answers every round in words."""
    mark = len(user.inbox)
    user.send("/settings")
    menu = await expect(user, "Your settings", mark)
    await press(user, menu, "Guess rounds")
    ask = await expect(user, "How often should a round be a guess round", mark)
    await press(user, ask, "Never")
    await expect(user, "Guess rounds: <b>never", mark)
