"""Counted words: '1 check-in', '2 check-ins', '1 drink', '0.0 hours' (and in German
'1 Tag', '3 Tage').

One rule for every sentence the window, the command line, the charts and the report
print, so no place says "1 days" again. The English plural is made here; other languages
take singular and plural from the catalogue (a `msgid_plural` entry per noun), so callers
pass the English noun. Standard library only: every layer imports it.
"""

from __future__ import annotations

from collections.abc import Iterable

from twitchlog.i18n import _, format_number, ngettext

_IRREGULAR: dict[str, str] = {"day with twitches": "days with twitches", "entry": "entries"}
_UNIT_SINGULAR: dict[str, str] = {
    "drinks": "drink",
    "cups": "cup",
    "hours": "hour",
    "minutes": "minute",
    "days": "day",
    "tablets": "tablet",
}


def plural_of(word: str) -> str:
    """'day' → 'days', 'twitch' → 'twitches', 'check-in' → 'check-ins' (last word inflected)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith(("ch", "sh", "s", "x", "z")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def plural(n: float, word: str, many: str | None = None, *, number: str | None = None) -> str:
    """'1 day', '3 days', '1 twitch', '2 twitches'; `number` replaces how n is written."""
    shown = number if number is not None else _number(n)
    return f"{shown} {noun(n, word, many)}"


def noun(n: float, word: str, many: str | None = None) -> str:
    """The word alone as `n` asks for it: noun(1, 'day') == 'day', noun(2, 'day') == 'days'."""
    return ngettext(word, many or plural_of(word), 1 if _is_one(n) else 2)


def unit_for(value: float, unit: str) -> str:
    """A factor's unit as the value needs it: 1 'drinks' → 'drink'; 'mg' and 'h' stay."""
    one = _UNIT_SINGULAR.get(unit)
    if one is not None:
        return ngettext(one, unit, 1 if _is_one(value) else 2)
    return _(unit) if unit else unit


def _is_one(n: float) -> bool:
    return abs(n) == 1


def _number(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else format_number(n)


def duration_words(seconds: float) -> str:
    """'45 seconds', '12 minutes', '1 minute', '2.5 hours': the unit a person would use."""
    if round(seconds) < 60:
        return plural(round(seconds), "second")
    minutes = seconds / 60
    if minutes < 90:
        return plural(round(minutes), "minute")
    hours = round(minutes / 60, 1)
    return plural(hours, "hour")


def nearest(word: str, choices: Iterable[str], n: int = 2) -> list[str]:
    """The choices a typo most likely meant (stdlib difflib), best first; [] when none is near.

    A choice that contains the word ('eyelid' in 'upper_eyelid') counts as near too.
    """
    import difflib  # only when a typo needs a suggestion, not on every start

    options = list(dict.fromkeys(choices))
    low = word.strip().lower()
    close = difflib.get_close_matches(low, options, n=n, cutoff=0.6)
    inside = [c for c in options if low and low in c.lower() and c not in close]
    return (close + inside)[:n]


def did_you_mean(word: str, choices: Iterable[str], n: int = 2) -> str:
    """ " Did you mean 'log'?" (or "'a' or 'b'?"), with a leading space; '' when none is near."""
    found = nearest(word, choices, n)
    if not found:
        return ""
    return " " + _("Did you mean {choices}?").format(
        choices=f" {_('or')} ".join(f"'{c}'" for c in found)
    )


def upper_first(text: str) -> str:
    """'Clear link', 'Relief lasted…': only the first letter raised (German nouns keep theirs,
    which str.capitalize would lower)."""
    return text[:1].upper() + text[1:]
