"""Answering a question from the indexed directives."""
