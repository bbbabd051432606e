"""The Telegram bot: app factory, handlers, rendering."""
