"""Use cases over the diary: take the sqlite3 connection (`db.lite.Source`), return plain
records, raise clear errors. See docs/architecture.md for where each rule lives."""
