"""The assistant: answering, Telegram handlers, reminders, admin and the CLI."""
