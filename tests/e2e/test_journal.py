"""Our journal through the sandbox: /export's zip (HTML, JSON, media), its limit, and its privacy
and retention rules around /unpair and /deletemydata."""

import io
import json
import zipfile
from datetime import timedelta
from html.parser import HTMLParser
from typing import Any

from bot.sandbox import SandboxUser
from tests.e2e.conftest import Duet
from tests.e2e.flows import Message, expect, onboard, pair_up, paired, press, text_of

PROMPT = "Reply here"
DOCUMENT = "Our journal 📖"


class _Page(HTMLParser):
    """The words a reader sees on the page, and the files it points at."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.sources: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.sources += [value for name, value in attrs if name == "src" and value]

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.words.append(data.strip())


class Export:
    """An exported zip, opened: the page, the data and every file in it."""

    def __init__(self, data: bytes) -> None:
        self.raw = data
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.files = {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}
        self.html = self.files["journal.html"].decode()
        self.page = _Page()
        self.page.feed(self.html)
        self.data: dict[str, Any] = json.loads(self.files["journal.json"])

    @property
    def text(self) -> str:
        return "\n".join(self.page.words)


async def export(duet: Duet, user: SandboxUser) -> Export:
    """/export, and the zip the user got."""
    mark = len(user.inbox)
    user.send("/export")
    message = await expect(user, DOCUMENT, mark)
    return opened(duet, message)


def opened(duet: Duet, message: Message) -> Export:
    assert message["document"]["file_name"].endswith(".zip")
    return Export(duet.sandbox.document_bytes(message["document"]["file_id"]))


async def open_today(*people: SandboxUser) -> None:
    for person in people:
        mark = len(person.inbox)
        person.send("/today")
        await expect(person, PROMPT, mark)


async def next_morning(duet: Duet, *people: SandboxUser) -> None:
    marks = [len(p.inbox) for p in people]
    await duet.move_clock(duet.clock.now().replace(hour=8, minute=0, second=5) + timedelta(days=1))
    for person, mark in zip(people, marks, strict=True):
        await expect(person, PROMPT, mark)


async def test_export_holds_every_revealed_round_appreciation_and_media_file(duet: Duet) -> None:
    alex, sam = await paired(duet)
    # Day one: words with markup-like characters and a voice note; a reaction and a reply.
    await open_today(alex, sam)
    alex.send('Alex one: <b>tea</b> & "toast"\non two lines')
    await expect(alex, "Got it")
    mark = len(alex.inbox)
    voice = sam.send_voice(duration=4)
    reveal = await expect(alex, "</b> answered", mark)
    mark_sam = len(sam.inbox)
    await press(alex, reveal, "❤️")
    await expect(sam, "reacted ❤️", mark_sam)
    await press(alex, reveal, "Reply")
    await expect(alex, "What would you like to tell")
    alex.send("Alex follows up about the voice")
    await expect(sam, "Alex follows up", mark_sam)
    alex.send("/appreciate for the soup on Sunday")
    await expect(sam, "soup on Sunday", mark_sam)
    # Day two: a photo with a caption, and words.
    await next_morning(duet, alex, sam)
    photo = alex.send_photo(caption="Alex two: our window")
    await expect(alex, "Got it")
    mark = len(alex.inbox)
    sam.send("Sam two: the rain on it")
    await expect(alex, "</b> answered", mark)
    mark_alex = len(alex.inbox)
    sam.send("/appreciate you listened")
    await expect(alex, "you listened", mark_alex)
    # Day three: Alex answers alone; that answer is nobody's to read yet.
    await next_morning(duet, alex, sam)
    alex.send("Alex three: a secret still hidden")
    await expect(alex, "Got it")

    journal = await export(duet, alex)

    assert journal.data["format"] == "duet-journal" and journal.data["version"] == 1
    assert journal.data["people"] == {"you": "Alex", "partner": "Sam"}
    rounds = journal.data["rounds"]
    assert len(rounds) == 2
    first, second = rounds
    assert first["answers"][0]["text"] == 'Alex one: <b>tea</b> & "toast"\non two lines'
    assert first["answers"][1]["media"]["kind"] == "voice"
    assert first["reactions"] == [{"by": "you", "emoji": "❤️"}]
    assert first["follow_ups"][0]["text"] == "Alex follows up about the voice"
    assert second["answers"][0]["text"] == "Alex two: our window"
    assert second["answers"][0]["media"]["kind"] == "photo"
    assert second["answers"][1]["text"] == "Sam two: the rain on it"
    assert [a["text"] for a in journal.data["appreciations"]] == [
        "for the soup on Sunday",
        "you listened",
    ]
    assert [a["by"] for a in journal.data["appreciations"]] == ["you", "partner"]
    # Both media answers are in the zip, byte for byte, and the page shows them.
    voice_file = first["answers"][1]["media"]["file"]
    photo_file = second["answers"][0]["media"]["file"]
    sandbox = duet.sandbox
    assert journal.files[voice_file] == sandbox.document_bytes(voice["voice"]["file_id"])
    assert journal.files[photo_file] == sandbox.document_bytes(photo["photo"][-1]["file_id"])
    assert set(journal.page.sources) == {voice_file, photo_file}
    assert {"audio", "img"} <= journal.page.tags
    assert "script" not in journal.page.tags and "http" not in journal.html
    # The page: every question as Alex saw it, every answer with its name, escaped.
    text = journal.text
    for rnd in rounds:
        assert rnd["question"] in text
    for fragment in (
        'Alex one: <b>tea</b> & "toast"\non two lines',
        "Sam two: the rain on it",
        "Alex reacted ❤️",
        "Alex replied",
        "Alex follows up about the voice",
        "for the soup on Sunday",
        "you listened",
        "💌 Appreciation from Sam to Alex",
    ):
        assert fragment in text, fragment
    assert "<b>tea</b>" not in journal.html  # escaped, not markup
    assert "@media print" in journal.html
    # Never the unrevealed answer, anywhere in the file.
    for content in journal.files.values():
        assert b"a secret still hidden" not in content


async def test_export_is_limited_to_three_a_day_with_a_kind_answer(duet: Duet) -> None:
    alex, _ = await paired(duet)
    for _ in range(3):
        await export(duet, alex)
    mark = len(alex.inbox)
    alex.send("/export")
    await expect(alex, "That's 3 journals today", mark)
    assert await duet.rows("SELECT COUNT(*) FROM exports WHERE user_id = ?", (alex.id,)) == [(3,)]
    await duet.move_clock(duet.clock.now() + timedelta(hours=24, minutes=1))
    await export(duet, alex)


async def test_unpair_offers_the_journal_which_either_can_export_for_30_days(duet: Duet) -> None:
    alex, sam = await paired(duet)
    await open_today(alex, sam)
    alex.send("Alex: kept for a month")
    await expect(alex, "Got it")
    sam.send("Sam: and then let go")
    await expect(sam, "</b> answered")
    mark = len(alex.inbox)
    alex.send("/unpair")
    confirm = await expect(alex, "End your pair", mark)
    [journal_button] = [data for label, data in alex.buttons(confirm) if "journal" in label]
    await press(alex, confirm, "Get our journal first")
    offered = opened(duet, await expect(alex, DOCUMENT, mark))
    assert "Alex: kept for a month" in offered.text
    await press(alex, confirm, "Yes, end it")  # the journal button left the others in place
    await expect(alex, "no longer paired", mark)

    # 29 days on, both may still export the ended pair's journal.
    ended = duet.clock.now()
    await duet.move_clock(ended + timedelta(days=29))
    assert "Sam: and then let go" in (await export(duet, sam)).text
    assert (await export(duet, alex)).data["pair"]["ended"] is not None

    # Past 30 days the tick deletes the pair's rounds, and nothing is left to export.
    await duet.move_clock(ended + timedelta(days=30, minutes=1))
    assert await duet.rows("SELECT COUNT(*) FROM rounds") == [(0,)]
    assert await duet.rows("SELECT COUNT(*) FROM answers") == [(0,)]
    assert await duet.rows("SELECT COUNT(*) FROM pairs") == [(0,)]
    mark = len(sam.inbox)
    sam.send("/export")
    await expect(sam, "no journal to export", mark)
    # The old button (a client may still show it) changes nothing now, and says why.
    exports_before = await duet.rows("SELECT COUNT(*) FROM exports")
    mark = len(alex.inbox)
    alex.press(confirm["message_id"], journal_button, forged=True)
    await expect(alex, "no journal to export", mark)
    assert await duet.rows("SELECT COUNT(*) FROM exports") == exports_before


async def test_forged_journal_buttons_change_nothing_and_say_so(duet: Duet) -> None:
    alex, _ = await paired(duet)
    kim, lee = duet.sandbox.user(1003, "Kim"), duet.sandbox.user(1004, "Lee")
    await onboard(kim)
    await pair_up(duet.sandbox, kim, lee)
    [(kims_pair,)] = await duet.rows("SELECT pair_id FROM users WHERE id = ?", (kim.id,))
    mark = len(alex.inbox)
    alex.press(alex.inbox[-1]["message_id"], f"ex|{kims_pair}", forged=True)
    await expect(alex, "no journal to export", mark)
    query = alex.press(alex.inbox[-1]["message_id"], "ex|kim", forged=True)
    await duet.sandbox.wait_for(lambda: alex.callback_answer(query) is not None)
    assert "no longer works" in str(alex.callback_answer(query))
    assert await duet.rows("SELECT COUNT(*) FROM exports") == [(0,)]
    assert not any("document" in message for message in alex.inbox)


async def test_deleted_answers_read_answer_deleted_in_the_partners_journal(duet: Duet) -> None:
    alex, sam = await paired(duet)
    await open_today(alex, sam)
    alex.send("Alex: my half stays")
    await expect(alex, "Got it")
    sam.send("Sam: my half goes")
    await expect(sam, "</b> answered")
    mark = len(sam.inbox)
    sam.send("/deletemydata")
    confirm = await expect(sam, "Delete everything", mark)
    await press(sam, confirm, "Yes, delete")
    await expect(alex, "has left Duet")

    journal = await export(duet, alex)
    [rnd] = journal.data["rounds"]
    assert rnd["answers"][0]["text"] == "Alex: my half stays"
    assert rnd["answers"][1] == {
        "by": "partner",
        "deleted": True,
        "at": None,
        "text": None,
        "media": None,
        "guess": None,
    }
    assert journal.data["people"]["partner"] is None
    assert "answer deleted" in journal.text
    assert all(b"my half goes" not in content for content in journal.files.values())
    assert "Sam" not in journal.text
    assert "Sam" not in text_of(await expect(alex, DOCUMENT))
