"""Every handler, registered in one place, in the order that decides which one sees an update."""

from collections.abc import Callable, Coroutine
from typing import Any, get_args

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.tg import callbacks as cb
from bot.tg.handlers import (
    answers,
    appreciation,
    common,
    guess,
    history,
    ideas,
    journal,
    leaving,
    pairing,
    settings,
    space,
    start,
)

Callback = Callable[[Update, common.Context], Coroutine[Any, Any, None]]


def _button(
    kind: type[cb.Button], callback: Callback
) -> CallbackQueryHandler[common.Context, None]:
    """A button handler for one kind of button, as the codec reads its data."""
    return CallbackQueryHandler(callback, pattern=lambda data: isinstance(cb.unpack(data), kind))


def _command(name: str, callback: Callback) -> CommandHandler[common.Context, None]:
    """A command acts when it is sent, never when an old message is edited into one."""
    return CommandHandler(name, callback, filters=filters.UpdateType.MESSAGE)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Order matters: the gate, then commands, buttons, and last the catch-alls for answers."""
    # Group -1 runs before everything: outside private chats nothing else may act.
    app.add_handler(TypeHandler(Update, common.gate), group=-1)

    app.add_handler(_command("start", start.start))
    app.add_handler(_command("help", start.help_command))
    app.add_handler(_command("time", start.time_command))
    app.add_handler(_command("timezone", start.timezone_command))
    app.add_handler(_command("invite", pairing.invite))
    app.add_handler(_command("today", answers.today))
    app.add_handler(_command("appreciate", appreciation.appreciate))
    app.add_handler(_command("idea", ideas.idea))
    app.add_handler(_command("ideas", ideas.idea_list))
    app.add_handler(_command("ask", answers.ask))
    app.add_handler(_command("history", history.history))
    app.add_handler(_command("stats", history.stats))
    app.add_handler(_command("pause", space.pause))
    app.add_handler(_command("resume", space.resume))
    app.add_handler(_command("settings", settings.settings))
    app.add_handler(_command("export", journal.export))
    app.add_handler(_command("unpair", leaving.unpair))
    app.add_handler(_command("deletemydata", leaving.delete_my_data))
    # Any other command: a short help rather than treating "/something" as an answer.
    app.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & filters.COMMAND, start.unknown_command)
    )

    # The gate has turned away every button the codec cannot read.
    buttons: dict[type[cb.Button], Callback] = {
        cb.Time: start.time_button,
        cb.Zone: start.zone_button,
        cb.Accept: pairing.accept_button,
        cb.Decline: pairing.decline_button,
        cb.Swap: answers.swap_button,
        cb.React: answers.react_button,
        cb.Reply: answers.reply_button,
        cb.Starter: appreciation.starter_button,
        cb.ThanksReact: appreciation.react_button,
        cb.Pause: space.pause_button,
        cb.Setting: settings.setting_button,
        cb.Reminder: settings.reminder_button,
        cb.Recap: settings.recap_button,
        cb.Kind: settings.kind_button,
        cb.Cadence: settings.cadence_button,
        cb.Pack: settings.pack_button,
        cb.Unpair: leaving.unpair_button,
        cb.Delete: leaving.delete_button,
        cb.Page: history.page_button,
        cb.Resend: history.resend_button,
        cb.Export: journal.export_button,
        # -- guess rounds (issue 12)
        cb.GuessTap: guess.guess_button,
        cb.GuessCadence: settings.guess_cadence_button,
        # -- ideas for time together (issue 12)
        cb.IdeaMore: ideas.more_button,
        cb.IdeaSend: ideas.send_button,
        cb.IdeaAnswer: ideas.answer_button,
        cb.IdeaStory: ideas.story_button,
        cb.IdeaPage: ideas.list_page_button,
    }
    # A kind with no handler would pass the gate and leave the button spinning.
    assert set(buttons) == set(get_args(cb.Button)), "every kind of button needs a handler"
    for kind, callback in buttons.items():
        app.add_handler(_button(kind, callback))

    # Edits before new messages: an edited answer replaces the kept one.
    app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE, answers.edited))
    app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT, answers.text))
    app.add_handler(
        MessageHandler(
            filters.UpdateType.MESSAGE
            & (filters.VOICE | filters.VIDEO_NOTE | filters.PHOTO | filters.VIDEO),
            answers.media,
        )
    )
    # Stickers, GIFs, locations and the rest: a kind word on what an answer can be.
    app.add_handler(MessageHandler(filters.UpdateType.MESSAGE, answers.unsupported))
