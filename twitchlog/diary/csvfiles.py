"""Reading CSV files that people and spreadsheets make, without ever crashing on them.

Every problem becomes a sentence with a line number: invalid UTF-8, UTF-16, NUL bytes,
unmatched quotes, giant cells, ragged rows, semicolon-separated files from Excel.
"""

from __future__ import annotations

import codecs
import csv
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from twitchlog.errors import DiaryError, ImportFailed
from twitchlog.i18n import _, format_count
from twitchlog.words import plural

MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_ROWS = 500_000
MAX_CELL = 131_072
MAX_COLUMNS = 300
"""A diary file has one column per factor (at most catalog.MAX_CUSTOM_FACTORS of one's
own plus the built-ins) and a few more; a wider file is not one of ours."""


class CsvRows:
    """A checked file's data rows as (line number where the row starts, cells).

    Read again from the file each time they are walked, so a file of hundreds of
    thousands of rows is never held in memory as a whole.
    """

    def __init__(self, file: Path, encoding: str) -> None:
        self.file, self.encoding = file, encoding

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        problems: list[str] = []
        records = _records(self.file, self.encoding, problems)
        next(records, None)  # the header
        yield from records
        if problems:  # the file was changed since it was checked
            raise ImportFailed(problems)


def at_line(line: int, problem: str) -> str:
    """One problem of a file, with the line a person finds it on."""
    return _("line {line}: {problem}").format(line=line, problem=problem)


class CsvTable(NamedTuple):
    header: list[str]
    rows: CsvRows


def format_number(value: float | None) -> str:
    """Shortest exact text for a number: 300, 6.5, 0.1 (never 6.500000 or 1e+02)."""
    if value is None:
        return ""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _encoding(file: Path) -> str:
    with file.open("rb") as fh:
        head = fh.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8"


def _bad_utf8_line(file: Path) -> int:
    """The first line that is not UTF-8 (a streaming scan: never the whole file at once)."""
    with file.open("rb") as fh:
        for number, raw in enumerate(fh, 1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return 1


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _records(file: Path, encoding: str, problems: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Yield (line, cells) for each non-blank row, the header first; streams the file.

    Ragged rows are added to `problems` and skipped; anything that stops reading (bad
    text encoding, NUL bytes, unmatched quotes, giant cells) raises a readable error.
    """
    try:
        with file.open(encoding=encoding, errors="strict", newline="") as fh:
            first = fh.readline()
            fh.seek(0)
            reader = csv.reader(fh, delimiter=_delimiter(first), strict=True)
            width: int | None = None
            start = 1
            for cells in reader:
                line, start = start, reader.line_num + 1
                if any("\x00" in c for c in cells):
                    raise ImportFailed(
                        [
                            at_line(
                                line,
                                _(
                                    "contains a NUL character; this looks like a binary file, "
                                    "not CSV text."
                                ),
                            )
                        ]
                    )
                if width is None:
                    width = len(cells)
                elif not any(c.strip() for c in cells):
                    continue
                elif len(cells) != width:
                    problems.append(
                        at_line(
                            line,
                            _(
                                "has {cells} but the header has {width}; check for a missing or "
                                "extra separator."
                            ).format(cells=plural(len(cells), "cell"), width=width),
                        )
                    )
                    if len(problems) > 100:
                        raise ImportFailed(problems)
                    continue
                yield line, cells
    except UnicodeDecodeError:
        if encoding == "utf-16":
            raise DiaryError(
                _(
                    "{file} claims to be UTF-16 text but is damaged; save it again as "
                    "'CSV UTF-8' and retry."
                ).format(file=file.name)
            ) from None
        raise ImportFailed(
            [
                at_line(
                    _bad_utf8_line(file),
                    _(
                        "this line is not UTF-8 text. Save the file as 'CSV UTF-8' (Excel) or "
                        "'Unicode (UTF-8)' (LibreOffice)."
                    ),
                )
            ]
        ) from None
    except csv.Error as exc:
        msg = str(exc)
        if "field larger" in msg:
            msg = _("a cell is longer than {limit} characters").format(limit=format_count(MAX_CELL))
        elif "EOF" in msg or "end of data" in msg:
            msg = _('a quote (") is opened but never closed')
        raise ImportFailed(
            [
                *problems,
                at_line(start, _("{problem}; fix the quoting and retry.").format(problem=msg)),
            ]
        ) from None


def _unreadable(file: Path) -> DiaryError:
    return DiaryError(
        _("You may not read {file}; check its permissions or copy it somewhere of yours.").format(
            file=file
        )
    )


def read_csv(path: str | Path) -> CsvTable:
    """Read a CSV file into checked rows, or raise a readable error.

    A first streaming pass checks every row and counts them, keeping nothing, so a
    huge or broken file is refused in little memory; only a good file is then loaded.
    """
    file = Path(path).expanduser()
    if file.is_dir():
        raise DiaryError(_("{file} is a folder; give the CSV file inside it.").format(file=file))
    if file.exists() and not file.is_file():
        raise DiaryError(
            _("{file} is not a regular file (a device, pipe or socket); give a CSV file.").format(
                file=file
            )
        )
    if not file.is_file():
        raise DiaryError(_("There is no file {file}; check the name and folder.").format(file=file))
    if not os.access(file, os.R_OK):
        raise _unreadable(file)
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DiaryError(
            _("{file} is {size} MB; a diary export is far smaller. Is this the right file?").format(
                file=file.name, size=round(size / 2**20)
            )
        )
    try:
        encoding = _encoding(file)
    except PermissionError:
        raise _unreadable(file) from None
    problems: list[str] = []
    rows = 0
    for line, cells in _records(file, encoding, problems):
        rows += 1
        if rows == 1:
            check_header(cells)  # before reading on: a 200,000-column header is refused now
        if rows > MAX_ROWS + 1:
            raise ImportFailed(
                [
                    at_line(
                        line,
                        _(
                            "the file has more than {limit} rows; split it into smaller files."
                        ).format(limit=format_count(MAX_ROWS)),
                    )
                ]
            )
    if problems:
        raise ImportFailed(problems)
    if rows == 0:
        raise DiaryError(_("{file} is empty; there is nothing to import.").format(file=file.name))
    _line, header = next(_records(file, encoding, problems))
    return CsvTable(check_header(header), CsvRows(file, encoding))


def check_header(cells: list[str]) -> list[str]:
    """The column names, refusing a file too wide to be ours or naming a column twice
    (the last one silently won)."""
    if len(cells) > MAX_COLUMNS:
        raise ImportFailed(
            [
                at_line(
                    1,
                    _(
                        "the file has {columns} columns; a diary file has at most {limit}. Is "
                        "this the right file?"
                    ).format(columns=format_count(len(cells)), limit=MAX_COLUMNS),
                )
            ]
        )
    names = [c.strip().lstrip("\ufeff") for c in cells]
    seen: dict[str, int] = {}
    for i, name in enumerate(names, 1):
        key = plain_text(name).strip().casefold()
        if key and key in seen:
            raise ImportFailed(
                [
                    at_line(
                        1,
                        _(
                            "the column '{name}' appears twice (columns {first} and {second}); "
                            "keep one and delete the other."
                        ).format(name=name, first=seen[key], second=i),
                    )
                ]
            )
        seen[key] = i
    return names


def cells_by_name(header: list[str], cells: list[str]) -> dict[str, str]:
    return {name: value.strip() for name, value in zip(header, cells, strict=True)}


def iter_split(value: str) -> Iterator[str]:
    """Items of a ';'-joined cell such as 'left:upper_eyelid;right:cheek'."""
    return (part.strip() for part in value.split(";") if part.strip())


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_RE = re.compile(r"'*[=+\-@\t\r\x00]")
_ESCAPED_RE = re.compile(r"'+[=+\-@\t\r\x00]")


def safe_text(text: str) -> str:
    """A text cell a spreadsheet shows as text: prefix ' when it could run as a formula.

    Text that already starts with apostrophes before a formula character gets one more,
    so `plain_text` can always undo exactly this (the export/import round trip is lossless).
    """
    return "'" + text if _FORMULA_RE.match(text) else text


def plain_text(text: str) -> str:
    """Undo `safe_text`: drop the one ' it added, leave every other text as it is."""
    return text[1:] if _ESCAPED_RE.match(text) else text
