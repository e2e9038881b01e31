"""Every handler, registered in one place, in the order that decides which one sees an update."""

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.tg import keyboards as kb
from bot.tg.handlers import (
    answers,
    appreciation,
    common,
    leaving,
    pairing,
    settings,
    space,
    start,
)


def _button(action: str) -> str:
    return f"^{action}\\|"


def _command(
    name: str, callback: Callable[[Update, common.Context], Coroutine[Any, Any, None]]
) -> CommandHandler[common.Context, None]:
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
    app.add_handler(_command("ask", answers.ask))
    app.add_handler(_command("pause", space.pause))
    app.add_handler(_command("resume", space.resume))
    app.add_handler(_command("settings", settings.settings))
    app.add_handler(_command("unpair", leaving.unpair))
    app.add_handler(_command("deletemydata", leaving.delete_my_data))
    # Any other command: a short help rather than treating "/something" as an answer.
    app.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & filters.COMMAND, start.unknown_command)
    )

    app.add_handler(CallbackQueryHandler(start.time_button, pattern=_button(kb.TIME)))
    app.add_handler(CallbackQueryHandler(start.zone_button, pattern=_button(kb.ZONE)))
    app.add_handler(CallbackQueryHandler(pairing.accept_button, pattern=_button(kb.ACCEPT)))
    app.add_handler(CallbackQueryHandler(pairing.decline_button, pattern=_button(kb.DECLINE)))
    buttons = {
        kb.SWAP: answers.swap_button,
        kb.REACT: answers.react_button,
        kb.REPLY: answers.reply_button,
        kb.STARTER: appreciation.starter_button,
        kb.THANKS_REACT: appreciation.react_button,
        kb.PAUSE: space.pause_button,
        kb.SETTING: settings.setting_button,
        kb.REMINDER: settings.reminder_button,
        kb.KIND: settings.kind_button,
        kb.CADENCE: settings.cadence_button,
        kb.PACK: settings.pack_button,
        kb.UNPAIR: leaving.unpair_button,
        kb.DELETE: leaving.delete_button,
    }
    for action, callback in buttons.items():
        app.add_handler(CallbackQueryHandler(callback, pattern=_button(action)))
    # Buttons we never made, or from a version of the bot that is gone.
    app.add_handler(CallbackQueryHandler(common.stale_button))

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
