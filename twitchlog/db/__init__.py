"""Storage: SQLAlchemy models, the engine with its pragmas, migrate-at-open, and `lite`,
the stdlib-only way in for the fast paths (so importing this package imports nothing)."""
