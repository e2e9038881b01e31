"""Everything that knows Telegram: handlers, keyboards, rendering, the sender and the tick."""
