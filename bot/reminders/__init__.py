"""Subscriptions and deadline reminders: what is due, and sending it exactly once."""
