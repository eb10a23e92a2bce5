"""Errors a person can read: each message says what is wrong and what to do."""

from __future__ import annotations

from twitchlog.i18n import _


class DiaryError(Exception):
    """Base for every error shown to the user as a sentence (exit status 2 on the CLI)."""


class ValidationError(DiaryError):
    """A value the user typed or imported is not acceptable; nothing was changed."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class ImportFailed(DiaryError):
    """An import file had bad rows; the diary was left exactly as it was."""

    def __init__(self, problems: list[str]) -> None:
        shown = problems[:20]
        more = (
            "\n" + _("… and {n} more.").format(n=len(problems) - len(shown))
            if len(problems) > len(shown)
            else ""
        )
        super().__init__(
            _("Nothing was imported; fix these rows and try again:")
            + "\n  "
            + "\n  ".join(shown)
            + more
        )
        self.problems = problems


class DiaryUnavailable(DiaryError):
    """The diary file cannot be opened as it is (too new, damaged, not a diary)."""


class NotFound(DiaryError):
    """The entry asked for does not exist (any more)."""
