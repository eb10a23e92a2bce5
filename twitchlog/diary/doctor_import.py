"""Read a doctor CSV back: its checked-in days, factor values and notes (not its episodes).

The doctor CSV (twitchlog.report.doctor_csv) names factors by "Label (unit)"; here those
headings are matched to the diary's factors, and unknown ones become new custom factors
with their unit, so moving to a new laptop with an export loses nothing. Episode columns
are per-day summaries and are not turned back into episodes: the episodes CSV carries them.
The column names are the DOCTOR table of csvheaders, read in any of our languages; a
factor's heading may be in any of them too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from twitchlog.db.lite import Source
from twitchlog.diary import days as days_mod
from twitchlog.diary import factors as factors_mod
from twitchlog.diary import rules
from twitchlog.diary.csvfiles import CsvTable, at_line, plain_text
from twitchlog.diary.csvheaders import DOCTOR, cell_name, column_key, column_keys, spellings
from twitchlog.diary.records import Factor, ImportSummary
from twitchlog.diary.settings import day_start_hour
from twitchlog.errors import DiaryError, ImportFailed
from twitchlog.i18n import _
from twitchlog.words import plural

_HEADING_RE = re.compile(r"^(?P<label>.*?)\s*\((?P<unit>[^()]*)\)$")


def is_doctor_header(header: list[str]) -> bool:
    """A doctor CSV has Date, Checked in and Episodes columns (in any of our languages)."""
    return {"date", "checked", "episodes"} <= {column_key(DOCTOR, h) for h in header}


@dataclass(frozen=True)
class DoctorImportSummary(ImportSummary):
    summarised_episodes: int = 0

    def sentence(self) -> str:
        text = _(
            "Read {rows} from the doctor CSV: {added} added, {changed} updated, {skipped} "
            "already in the diary."
        ).format(
            rows=plural(self.rows, "checked-in day"),
            added=self.added,
            changed=self.changed,
            skipped=self.skipped,
        )
        text += self.merge_notes()
        return (
            text
            + " "
            + _(
                "Its {episodes} are daily summaries and were not re-created; import the "
                "episodes CSV to bring them back."
            ).format(episodes=plural(self.summarised_episodes, "episode"))
        )


def _known_factor(heading: str, factors: list[Factor]) -> Factor | None:
    """The diary's factor a column heading names: its heading as this diary writes it, or
    its label in any of our languages ('Schlaf (h)' finds Sleep in an English diary)."""
    name = cell_name(heading)
    for factor in factors:
        if cell_name(factor.heading) == name:
            return factor
    label = _split_heading(heading)[0].casefold()
    for factor in factors:
        if label in spellings(factor.label):
            return factor
    return None


def _split_heading(heading: str) -> tuple[str, str]:
    match = _HEADING_RE.match(heading)
    if match and match["label"].strip():
        return match["label"].strip(), match["unit"].strip()
    return heading.strip(), ""


def _new_key(label: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", label.casefold()).strip("_")[:32] or "custom_factor"
    if not base[0].isalpha():
        base = f"f_{base}"[:32]
    if len(base) < 2:
        base = f"{base}_factor"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def _create_factor(source: Source, heading: str, cells: list[str], taken: set[str]) -> Factor:
    """A custom factor from 'Label (unit)' and the values in its column."""
    label, unit = _split_heading(heading)
    values = {c.strip().casefold() for c in cells} - {""}
    key = _new_key(label, taken)
    taken.add(key)
    if unit.replace("-", "–") == "0–10":
        return factors_mod.add_factor(source, key, label=label, kind="scale")
    if rules.is_yes_no_column(cells):
        return factors_mod.add_factor(source, key, label=label, kind="yesno")
    numbers = []
    for v in values:
        try:
            numbers.append(rules.parse_number(v, what=label))
        except DiaryError:
            continue  # reported with its line number when the rows are checked
    lo = min([0.0, *numbers])
    hi = max([1_000_000.0, *numbers])
    return factors_mod.add_factor(
        source, key, label=label, kind="number", unit=unit, minimum=lo, maximum=hi
    )


def import_doctor(source: Source, table: CsvTable, *, replace: bool = False) -> DoctorImportSummary:
    """Check every row, then merge the checked-in days in one go (all rows or none)."""
    header = [plain_text(h).strip() for h in table.header]
    keys = column_keys(DOCTOR, header)
    col = {key: i for i, key in reversed(list(enumerate(keys))) if key is not None}
    factors = factors_mod.list_factors(source)
    taken = {f.key for f in factors}
    factor_cols: list[tuple[int, Factor]] = []
    created: list[Factor] = []
    by_heading: dict[str, Factor] = {}
    for i, name in enumerate(header):
        if not name or keys[i] is not None:
            continue
        factor = by_heading.get(cell_name(name)) or _known_factor(name, factors)
        if factor is None:
            observed_cells = [cells[i] for _, cells in table.rows if _says_checked(cells, col)]
            factor = _create_factor(source, name, observed_cells, taken)
            by_heading[cell_name(name)] = factor
            created.append(factor)
        factor_cols.append((i, factor))
    by_key = {f.key: f for _, f in factor_cols}
    hour = day_start_hour(source)
    drafts: list[tuple[int, days_mod.DayDraft]] = []
    problems: list[str] = []
    first_line: dict[dt.date, int] = {}
    episodes = 0
    for line, cells in table.rows:
        try:
            date = rules.parse_date(cells[col["date"]], day_start_hour=hour)
            episodes += _count(cells[col["episodes"]])
            if date in first_line:
                raise DiaryError(
                    _("{date} is also on line {line}; keep one row per day.").format(
                        date=date.isoformat(), line=first_line[date]
                    )
                )
            first_line[date] = line
            if not _checked(cells, col):
                continue
            raw = {f.key: cells[i].strip() for i, f in factor_cols}
            note = plain_text(cells[col["note"]].strip()) if "note" in col else None
            drafts.append((line, days_mod.make_draft(by_key, date, raw, note=note)))
        except DiaryError as exc:
            problems.append(at_line(line, str(exc)))
    if problems:
        raise ImportFailed(problems)
    merged = days_mod.merge_imported(source, drafts, [f.key for f in created], replace=replace)
    return DoctorImportSummary(**vars(merged), summarised_episodes=episodes)


def _checked(cells: list[str], col: dict[str, int]) -> bool:
    """'yes', 'no' or 'no (only episodes logged)': the yes/no words before any remark."""
    said = plain_text(cells[col["checked"]]).partition("(")[0]
    what = "'" + _(DOCTOR["checked"]) + "'"
    return bool(rules.parse_yes_no(said, what=what, field=DOCTOR["checked"]))


def _says_checked(cells: list[str], col: dict[str, int]) -> bool:
    """_checked for choosing a new factor's kind; a bad cell is reported with its line later."""
    try:
        return _checked(cells, col)
    except DiaryError:
        return False


def _count(cell: str) -> int:
    try:
        return max(0, int(float(cell.strip() or 0)))
    except ValueError:
        return 0
