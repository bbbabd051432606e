"""Measuring the assistant: evaluation, benchmark, synthetic corpora."""
