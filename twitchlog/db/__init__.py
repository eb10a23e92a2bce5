"""Storage: SQLAlchemy models, the engine with its pragmas, and migrate-at-open."""

from twitchlog.db.engine import Database
from twitchlog.db.models import Base

__all__ = ["Base", "Database"]
