"""The schema revision this code expects, known without importing alembic.

Start-up compares the diary's stored revision with HEAD_REVISION (one cheap query);
alembic's machinery is imported only when an upgrade is actually needed.
A test checks that this equals the head of migrations/versions.
"""

HEAD_REVISION = "20261130_02"
