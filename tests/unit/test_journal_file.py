"""The journal file on its own: names and words are escaped, the page needs nothing else, and the
zip holds the page, the data and the media it points at."""

import io
import json
import zipfile
from datetime import UTC, datetime, timedelta

from bot.domain.journal import Journal, JournalAppreciation, JournalRound, Words
from bot.domain.prompts import PairKind, PromptKind
from bot.tg.journal import NO_MEDIA, Media, build_html, build_json, build_zip

AT = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
HOSTILE = '<script>alert("x")</script> & <img src=x>'


def journal(partner: str | None = HOSTILE) -> Journal:
    voice = Words(False, AT, None, "voice", "FILE-1")
    return Journal(
        pair_id=1,
        kind=PairKind.COUPLE,
        since=AT - timedelta(days=3),
        ended=None,
        reader_name="Al <b>",
        partner_name=partner,
        timezone="Asia/Tokyo",
        made_at=AT + timedelta(days=1),
        rounds=(
            JournalRound(
                id=7,
                kind=PromptKind.QUESTION,
                theme="Trust",
                question="What did {partner} teach you?",
                revealed_at=AT,
                mine=Words(True, AT, HOSTILE, None),
                theirs=voice,
                reactions=((True, "❤️"),),
                follow_ups=(Words(False, AT, "</p><p>more", None),),
            ),
        ),
        appreciations=(JournalAppreciation(3, Words(True, AT, "thanks <3", None), "🙏"),),
    )


def test_every_word_and_name_is_escaped_and_nothing_comes_from_elsewhere() -> None:
    page = build_html(journal(), NO_MEDIA)
    assert "<script" not in page and "<img src=x>" not in page and "<b>" not in page
    assert "&lt;script&gt;" in page and "</p><p>more" not in page
    assert "http" not in page and "@import" not in page


def test_dates_are_the_readers_and_the_question_reads_as_they_saw_it() -> None:
    data = build_json(journal("Sam"), NO_MEDIA)
    assert data["rounds"][0]["date"] == "2026-11-24"  # 18:00 in Tokyo
    assert data["rounds"][0]["question"] == "What did Sam teach you?"
    assert data["appreciations"][0]["reaction"] == "🙏"


def test_a_media_answer_not_fetched_is_listed_with_its_note() -> None:
    data = build_json(journal(), Media({}, {"FILE-1": "too big"}))
    assert data["rounds"][0]["answers"][1]["media"] == {
        "kind": "voice",
        "file": None,
        "note": "too big",
    }
    assert "too big" in build_html(journal(), Media({}, {"FILE-1": "too big"}))


def test_the_zip_holds_the_page_the_data_and_each_fetched_file() -> None:
    media = Media({"FILE-1": ("media/round-7-partner.oga", b"OggS voice")}, {})
    with zipfile.ZipFile(io.BytesIO(build_zip(journal(), media))) as archive:
        names = archive.namelist()
        assert names == [
            "duet-journal-2026-11-25/journal.html",
            "duet-journal-2026-11-25/journal.json",
            "duet-journal-2026-11-25/media/round-7-partner.oga",
        ]
        data = json.loads(archive.read(names[1]))
        assert data["rounds"][0]["answers"][1]["media"]["file"] == "media/round-7-partner.oga"
        assert archive.read(names[2]) == b"OggS voice"
