"""Everything the command line prints is shown, never obeyed, by the terminal.

A note, a factor label or a file name may hold control characters: ESC sequences that
retitle the terminal or clear the screen, a carriage return that hides the start of a
line, right-to-left overrides that reorder it. `printable` shows each one escaped
(`\\u001b`, JSON-compatible), and `escaped_output` applies it to all the command prints.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

# C0 and C1 controls, DEL, and the Unicode bidirectional and line/paragraph separators.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LAYOUT = {"\n", "\t"}


def printable(text: str, *, keep_newlines: bool = True) -> str:
    """`text` with every control character written as an escape (newlines and tabs kept
    unless `keep_newlines` is False, as inside one cell of a table)."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if keep_newlines and char in _LAYOUT:
            return char
        return f"\\u{ord(char):04x}"

    return _CONTROLS.sub(escape, text)


class _Escaping:
    """A text stream that writes `printable` text to the stream it wraps."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(printable(text))
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


@contextmanager
def escaped_output() -> Iterator[None]:
    """Within the block, stdout and stderr escape control characters."""
    saved = sys.stdout, sys.stderr
    sys.stdout = _Escaping(saved[0])
    sys.stderr = _Escaping(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
