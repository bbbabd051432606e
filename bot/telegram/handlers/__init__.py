"""Telegram handlers by feature: small async functions, one module per feature."""
