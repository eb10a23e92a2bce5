"""Use cases over the diary: take a Session, return plain records, raise clear errors."""
