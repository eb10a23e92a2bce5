"""Which day is "today" is asked one way: `diary.settings.diary_today` (issue 12).

A view or command that computes it again (`rules.today(settings.day_start_hour(...))`, or
the calendar's `date.today()`) disagrees with the diary between midnight and the diary's
own day-start hour; this scan fails when that pattern comes back.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "twitchlog"
ASKS_THE_CLOCK = {"diary/rules.py", "diary/settings.py"}  # rules.today and its one caller
CALENDAR_TODAY_ALLOWED = {
    # a form's default dates, set before the diary is read (the range is the user's to pick)
    "gui/export_dialog.py",
    # an example date inside an error sentence, not a diary day
    "diary/rules.py",
}
CHECKED = ("gui", "cli", "diary", "report")


def _calls(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, dotted name) of every call whose callee is a plain or dotted name."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            parts: list[str] = []
            f = node.func
            while isinstance(f, ast.Attribute):
                parts.append(f.attr)
                f = f.value
            if isinstance(f, ast.Name):
                parts.append(f.id)
                found.append((node.lineno, ".".join(reversed(parts))))
    return found


def _imports_rules_today(tree: ast.AST) -> bool:
    return any(
        isinstance(n, ast.ImportFrom)
        and n.module == "twitchlog.diary.rules"
        and any(a.name == "today" for a in n.names)
        for n in ast.walk(tree)
    )


def test_today_is_asked_only_through_diary_today() -> None:
    offenders = []
    for part in CHECKED:
        for path in sorted((PACKAGE / part).rglob("*.py")):
            rel = path.relative_to(PACKAGE).as_posix()
            tree = ast.parse(path.read_text(encoding="utf-8"))
            if rel not in ASKS_THE_CLOCK:
                if _imports_rules_today(tree):
                    offenders.append(f"{rel}: imports rules.today")
                for line, name in _calls(tree):
                    if name.endswith("rules.today"):
                        offenders.append(f"{rel}:{line}: {name}() — call settings.diary_today")
            if rel not in CALENDAR_TODAY_ALLOWED:
                for line, name in _calls(tree):
                    if name.endswith("date.today"):
                        offenders.append(f"{rel}:{line}: {name}() — call settings.diary_today")
    assert not offenders, "\n".join(offenders)


def test_the_scan_finds_the_pattern() -> None:
    """The scan is not blind: it sees both ways of computing today again."""
    sample = ast.parse(
        "def f(s):\n    a = rules.today(settings.day_start_hour(s))\n    return dt.date.today()\n"
    )
    names = [name for _line, name in _calls(sample)]
    assert "rules.today" in names and "dt.date.today" in names
