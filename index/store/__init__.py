"""The structured corpus in SQLite: documents, clauses, dates, and the deadlines they make."""
