"""Duet: a Telegram bot for two people who want to stay close."""
