"""The document library: ingest, parse, extract, store and search CCHC directives.

This package never imports ``telegram``; the assistant lives in ``bot``.
"""
