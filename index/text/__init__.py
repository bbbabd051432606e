"""Text of the genre: normalisation, legacy encodings, dates as shown."""
