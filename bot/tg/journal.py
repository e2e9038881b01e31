"""Our journal as a file: a zip of one offline HTML page, the same as JSON, and media answers.

The JSON (`journal.json`) has this shape; `version` grows when a field changes meaning or
goes, not when one is added:

    {"format": "duet-journal", "version": 1,
     "made_at": ISO instant (UTC), "timezone": the reader's zone, in which every "date" is,
     "pair": {"kind": "couple" | "friends", "since": ISO instant, "ended": ISO instant | null},
     "people": {"you": name, "partner": name | null (they deleted their data)},
     "rounds": [{"id": int, "date": "YYYY-MM-DD", "revealed_at": ISO instant,
                 "kind": "question" | "appreciation" | "reflection", "theme": str,
                 "question": as you saw it,
                 "answers": [{"by": "you" | "partner", "deleted": bool, "at": ISO | null,
                              "text": str | null, "media": MEDIA | null,
                              "guess": GUESS | null}],
                 "reactions": [{"by": "you" | "partner", "emoji": str}],
                 "follow_ups": [{"by": ..., "at": ISO, "text": str | null,
                                 "media": MEDIA | null}]}],   (oldest first)
     "appreciations": [{"id": int, "date": ..., "at": ISO, "by": "you" | "partner",
                        "text": str | null, "media": MEDIA | null,
                        "reaction": str | null}]}              (oldest first)
    MEDIA = {"kind": "voice" | "video_note" | "photo" | "video",
             "file": path in the zip | null, "note": why it is not in the zip | null}
    GUESS = {"option": the option they guessed the other picked (guess rounds only),
             "right": bool | null (null: the other's answer was deleted)}
"""

import asyncio
import io
import json
import logging
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from pathlib import PurePosixPath
from typing import Any

from telegram import Bot
from telegram.error import BadRequest

from bot.domain.journal import (
    UPLOAD_LIMIT,
    Journal,
    JournalAppreciation,
    JournalGuess,
    JournalRound,
    Words,
)
from bot.domain.zones import zone
from bot.services.delivery import Delivery
from bot.tg import texts
from bot.tg.render import Document, JournalRequest, Text

log = logging.getLogger(__name__)

FORMAT = "duet-journal"
VERSION = 1
# Room kept in the 50 MB for the zip's own bookkeeping and for the notes about left-out media.
ZIP_SLACK = 64 * 1024
NOTE_ROOM = 256


@dataclass(frozen=True)
class Media:
    """Media answers for the zip: file_id → (path in the zip, bytes); and file_id → why not."""

    files: dict[str, tuple[str, bytes]]
    notes: dict[str, str]


NO_MEDIA = Media({}, {})


def _e(text: str) -> str:
    return escape(text, quote=True)


class _Names:
    def __init__(self, journal: Journal) -> None:
        self.you = journal.reader_name
        self.partner = journal.partner_name or texts.FORMER_PARTNER
        self._zone = zone(journal.timezone)

    def of(self, words: Words) -> str:
        return self.you if words.by_reader else self.partner

    def by(self, by_reader: bool) -> str:
        return self.you if by_reader else self.partner

    def day(self, instant: datetime) -> date:
        return instant.astimezone(self._zone).date()


def _question(rnd: JournalRound, names: _Names) -> str:
    """The question as the reader saw it: their partner's name where the pack names them."""
    return rnd.question.replace("{partner}", names.partner)


# -- HTML -------------------------------------------------------------------------------------

_STYLE = """
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; max-width: 42em; margin: 2em auto;
       padding: 0 1em; color: #222; background: #fffdf8; }
h1 { font-weight: normal; margin-bottom: 0; }
h2 { font-size: 1em; color: #8a6d3b; border-bottom: 1px solid #eadfc8; margin-top: 2em; }
article { margin: 1em 0 1.5em; break-inside: avoid; page-break-inside: avoid; }
.label { font-size: .85em; color: #8a6d3b; margin: 0; }
.question { font-style: italic; font-size: 1.1em; margin: .2em 0 .6em; }
.who { font-weight: bold; margin: .6em 0 0; }
.text { white-space: pre-wrap; margin: .1em 0; }
.note, .deleted, .guess { color: #777; font-style: italic; margin: .1em 0; }
.reply { margin-left: 1.5em; }
img, video { max-width: 100%; height: auto; }
.print-only { display: none; }
@media print {
  body { background: none; color: #000; font-size: 11pt; margin: 0; max-width: none; }
  audio, video { display: none; }
  .print-only { display: block; }
  h2 { break-after: avoid; page-break-after: avoid; }
}
"""


def _media_html(words: Words, media: Media) -> str:
    assert words.media is not None
    kind = texts.MEDIA_NAMES.get(words.media, "message")
    found = media.files.get(words.file_id) if words.file_id else None
    if found is None:
        why = media.notes.get(words.file_id or "", texts.IN_CHAT_ONLY)
        return f'<p class="note">[{_e(kind)}: {_e(why)}]</p>'
    src = _e(found[0])
    printed = f'<p class="note print-only">[{_e(kind)}: {src}]</p>'
    if words.media == "photo":
        return f'<p><img src="{src}" alt="{_e(kind)}"></p>'
    if words.media == "voice":
        return f'<p><audio controls src="{src}"></audio></p>{printed}'
    return f'<p><video controls src="{src}"></video></p>{printed}'


def _words_html(words: Words | None, who: str, media: Media, css: str = "") -> str:
    head = f'<p class="who">{_e(who)}</p>'
    if words is None:
        return f'<div class="{css}">{head}<p class="deleted">({_e(texts.ANSWER_DELETED)})</p></div>'
    body = _media_html(words, media) if words.media else ""
    if words.text:
        body += f'<p class="text">{_e(words.text)}</p>'
    return f'<div class="{css}">{head}{body}</div>'


def _guess_html(guess: JournalGuess | None, other: str) -> list[str]:
    if guess is None:
        return []
    return [f'<p class="guess">{_e(texts.journal_guess(other, guess.option, guess.right))}</p>']


def _round_html(rnd: JournalRound, names: _Names, media: Media) -> str:
    label = f"{texts.KIND_LABELS.get(rnd.kind, rnd.kind)} · {rnd.theme}"
    parts = [
        f'<article class="round" id="round-{rnd.id}">',
        f'<p class="label">{_e(label)}</p>',
        f'<p class="question">{_e(_question(rnd, names))}</p>',
        _words_html(rnd.mine, names.you, media),
        *_guess_html(rnd.my_guess, names.partner),
        _words_html(rnd.theirs, names.partner, media),
        *_guess_html(rnd.their_guess, names.you),
    ]
    for by_reader, emoji in rnd.reactions:
        reacted = texts.REACTED.format(name=names.by(by_reader), emoji=emoji)
        parts.append(f'<p class="note">{_e(reacted)}</p>')
    for reply in rnd.follow_ups:
        who = texts.REPLIED.format(name=names.of(reply))
        parts.append(_words_html(reply, who, media, "reply"))
    parts.append("</article>")
    return "\n".join(parts)


def _appreciation_html(item: JournalAppreciation, names: _Names) -> str:
    words = item.words
    head = texts.APPRECIATION_HEAD.format(
        sender=names.of(words), recipient=names.by(not words.by_reader)
    )
    parts = [
        f'<article class="appreciation" id="appreciation-{item.id}">',
        f'<p class="label">{_e(head)}</p>',
    ]
    if words.media:
        parts.append(_media_html(words, NO_MEDIA))
    if words.text:
        parts.append(f'<p class="text">{_e(words.text)}</p>')
    if item.reaction:
        reacted = texts.REACTED.format(name=names.by(not words.by_reader), emoji=item.reaction)
        parts.append(f'<p class="note">{_e(reacted)}</p>')
    parts.append("</article>")
    return "\n".join(parts)


def build_html(journal: Journal, media: Media) -> str:
    """One page that needs nothing else: no scripts, no fonts or styles from elsewhere."""
    names = _Names(journal)
    entries: list[tuple[datetime, int, str]] = [
        (rnd.revealed_at, 0, _round_html(rnd, names, media)) for rnd in journal.rounds
    ]
    entries += [(a.words.at, 1, _appreciation_html(a, names)) for a in journal.appreciations]
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    pair_names = f"{names.you} & {names.partner}"
    subtitle = texts.journal_since(
        pair_names,
        names.day(journal.since),
        names.day(journal.ended) if journal.ended else None,
        names.day(journal.made_at),
    )
    body: list[str] = []
    shown_day: date | None = None
    for instant, _, html_part in entries:
        day = names.day(instant)
        if day != shown_day:
            body.append(f"<h2>{_e(f'{day:%A %d %B %Y}')}</h2>")
            shown_day = day
        body.append(html_part)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_e(texts.JOURNAL_TITLE)} · {_e(pair_names)}</title>",
            f"<style>{_STYLE}</style>",
            "</head>",
            "<body>",
            f"<h1>{_e(texts.JOURNAL_TITLE)}</h1>",
            f'<p class="label">{_e(subtitle)}</p>',
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


# -- JSON -------------------------------------------------------------------------------------


def _by(by_reader: bool) -> str:
    return "you" if by_reader else "partner"


def _media_json(words: Words, media: Media) -> dict[str, Any] | None:
    if words.media is None:
        return None
    found = media.files.get(words.file_id) if words.file_id else None
    note = None if found else media.notes.get(words.file_id or "", texts.IN_CHAT_ONLY)
    return {"kind": words.media, "file": found[0] if found else None, "note": note}


def _words_json(words: Words, media: Media) -> dict[str, Any]:
    return {
        "by": _by(words.by_reader),
        "at": words.at.isoformat(),
        "text": words.text,
        "media": _media_json(words, media),
    }


def _answer_json(
    words: Words | None, by_reader: bool, media: Media, guess: JournalGuess | None
) -> dict[str, Any]:
    if words is None:
        return {
            "by": _by(by_reader),
            "deleted": True,
            "at": None,
            "text": None,
            "media": None,
            "guess": None,
        }
    guessed = {"option": guess.option, "right": guess.right} if guess else None
    return {"deleted": False, **_words_json(words, media), "guess": guessed}


def build_json(journal: Journal, media: Media) -> dict[str, Any]:
    """The journal as data: the shape in this module's docstring."""
    names = _Names(journal)
    return {
        "format": FORMAT,
        "version": VERSION,
        "made_at": journal.made_at.isoformat(),
        "timezone": journal.timezone,
        "pair": {
            "kind": journal.kind.value,
            "since": journal.since.isoformat(),
            "ended": journal.ended.isoformat() if journal.ended else None,
        },
        "people": {"you": journal.reader_name, "partner": journal.partner_name},
        "rounds": [
            {
                "id": rnd.id,
                "date": names.day(rnd.revealed_at).isoformat(),
                "revealed_at": rnd.revealed_at.isoformat(),
                "kind": rnd.kind.value,
                "theme": rnd.theme,
                "question": _question(rnd, names),
                "answers": [
                    _answer_json(rnd.mine, True, media, rnd.my_guess),
                    _answer_json(rnd.theirs, False, media, rnd.their_guess),
                ],
                "reactions": [{"by": _by(mine), "emoji": emoji} for mine, emoji in rnd.reactions],
                "follow_ups": [_words_json(reply, media) for reply in rnd.follow_ups],
            }
            for rnd in journal.rounds
        ],
        "appreciations": [
            {
                "id": item.id,
                "date": names.day(item.words.at).isoformat(),
                **_words_json(item.words, NO_MEDIA),
                "reaction": item.reaction,
            }
            for item in journal.appreciations
        ],
    }


# -- the zip ----------------------------------------------------------------------------------


def folder_name(journal: Journal) -> str:
    return f"duet-journal-{journal.made_at:%Y-%m-%d}"


def build_zip(journal: Journal, media: Media) -> bytes:
    """journal.html, journal.json and media/…, in one folder inside the zip."""
    folder = folder_name(journal)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{folder}/journal.html", build_html(journal, media))
        data = json.dumps(build_json(journal, media), ensure_ascii=False, indent=1)
        archive.writestr(f"{folder}/journal.json", data)
        for path, content in media.files.values():
            # Voice, photos and video are compressed already: stored as they are.
            archive.writestr(f"{folder}/{path}", content, compress_type=zipfile.ZIP_STORED)
    return out.getvalue()


def _text_size(journal: Journal) -> int:
    """Bytes of the journal's HTML and JSON without media (a year's takes ~0.1 s: off the loop)."""
    return len(build_html(journal, NO_MEDIA).encode()) + len(
        json.dumps(build_json(journal, NO_MEDIA), ensure_ascii=False, indent=1).encode()
    )


async def fetch_media(bot: Bot, journal: Journal) -> Media:
    """Download media answers through getFile while they fit in one upload, oldest first."""
    text_size = await asyncio.to_thread(_text_size, journal)
    wanted = journal.media()
    room = UPLOAD_LIMIT - ZIP_SLACK - text_size - NOTE_ROOM * len(wanted)
    files: dict[str, tuple[str, bytes]] = {}
    notes: dict[str, str] = {}
    for rnd, words in wanted:
        file_id = words.file_id
        assert file_id is not None
        try:
            found = await bot.get_file(file_id)
        except BadRequest:
            # Gone from Telegram, or over the 20 MB a bot may download: listed, not included.
            notes[file_id] = texts.NOT_FETCHED
            continue
        if (found.file_size or 0) > room:
            notes[file_id] = texts.TOO_BIG
            continue
        data = bytes(await found.download_as_bytearray())
        if len(data) > room:
            notes[file_id] = texts.TOO_BIG
            continue
        room -= len(data)
        suffix = PurePosixPath(found.file_path or "").suffix
        files[file_id] = (f"media/round-{rnd.id}-{_by(words.by_reader)}{suffix}", data)
    return Media(files, notes)


async def make_journal(bot: Bot, delivery: Delivery, request: JournalRequest) -> Document | Text:
    """The journal as a zip from what is kept now, or a note if it is no longer kept."""
    journal = await delivery.journal(request.pair_id, request.reader_id)
    if journal is None:
        # The pair was forgotten (or its reader left) after the export was asked for.
        return Text(texts.JOURNAL_GONE)
    media = await fetch_media(bot, journal)
    # A year of rounds takes a tenth of a second, and tens of MB of media longer: off the loop
    # that sends everyone else's messages.
    data = await asyncio.to_thread(build_zip, journal, media)
    log.info(
        "journal of pair %s made for user %s: %d rounds, %d files, %d bytes",
        request.pair_id,
        request.reader_id,
        len(journal.rounds),
        len(media.files),
        len(data),
    )
    caption = texts.journal_caption(
        len(journal.rounds), len(journal.appreciations), len(media.notes)
    )
    return Document(f"{folder_name(journal)}.zip", data, caption)
