"""Quick appreciations and reactions: the starters, the emoji, the daily limit."""

from datetime import timedelta

STARTERS = ("Thank you for", "I loved it when you", "I'm proud of you for")
REACTIONS = ("❤️", "😂", "🥹", "🤗", "🙏")
DAILY_LIMIT = 10
LIMIT_WINDOW = timedelta(hours=24)
# Cadence choices for appreciation rounds, in days (0: never).
CADENCES = (3, 7, 14, 0)


def compose(starter_index: int | None, text: str | None) -> str | None:
    """The appreciation as the partner reads it: the chosen starter, then the user's words."""
    if starter_index is None or not 0 <= starter_index < len(STARTERS):
        return text
    starter = STARTERS[starter_index]
    return f"{starter} {text}" if text else starter
