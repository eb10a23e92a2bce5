"""The translation catalogues: every marked message has its German, each .mo is compiled from
its .po, no message is translated two ways, and no sentence is marked in a way that cannot
be looked up (an f-string inside `_()`)."""

from __future__ import annotations

import ast
import gettext
import re
from collections.abc import Iterator
from pathlib import Path

from twitchlog import i18n
from twitchlog.words import plural_of

PACKAGE = Path(i18n.__file__).resolve().parent
GERMAN = i18n.locale_dir() / "de" / "LC_MESSAGES"

_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _unquote(parts: list[str]) -> str:
    text = "".join(parts)
    return text.replace("\\n", "\n").replace("\\t", "\t").replace('\\"', '"').replace("\\\\", "\\")


def read_po(path: Path) -> dict[tuple[str, str | None], list[str]]:
    """{(msgid, msgid_plural or None): [msgstr, ...]} of a .po file (header left out)."""
    entries: dict[tuple[str, str | None], list[str]] = {}
    fields: dict[str, list[str]] = {}
    current = ""

    def flush() -> None:
        if "msgid" in fields:
            msgid = _unquote(fields["msgid"])
            many = _unquote(fields["msgid_plural"]) if "msgid_plural" in fields else None
            strs = [_unquote(v) for k, v in sorted(fields.items()) if k.startswith("msgstr")]
            if msgid:
                entries[(msgid, many)] = strs
        fields.clear()

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line or line.startswith("#"):
            if not line:
                flush()
            continue
        if line.startswith('"'):
            fields[current].append(_STRING.match(line).group(1))  # type: ignore[union-attr]
            continue
        key, _, rest = line.partition(" ")
        if key == "msgid" and "msgid" in fields:
            flush()
        current = key
        fields[key] = [_STRING.match(rest).group(1)]  # type: ignore[union-attr]
    return entries


def catalogues() -> list[Path]:
    return sorted(GERMAN.glob("*.po"))


def german() -> dict[tuple[str, str | None], list[str]]:
    out: dict[tuple[str, str | None], list[str]] = {}
    for po in catalogues():
        out.update(read_po(po))
    return out


def marked_messages() -> Iterator[tuple[str, int, str, str | None]]:
    """(file, line, msgid, plural) of every literal given to _(), N_(), ngettext(), and of
    the English nouns given to words.plural()/noun() (their German comes from ngettext)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rel = str(path.relative_to(PACKAGE))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            args = node.args
            if name in ("_", "N_") and args:
                if isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                    yield rel, node.lineno, args[0].value, None
                elif isinstance(args[0], ast.JoinedStr):
                    yield rel, node.lineno, "<f-string>", None
            elif name == "ngettext" and len(args) >= 2:
                if all(isinstance(a, ast.Constant) for a in args[:2]):
                    one, many = args[0].value, args[1].value  # type: ignore[attr-defined]
                    yield rel, node.lineno, one, many
                elif isinstance(args[0], ast.JoinedStr):
                    yield rel, node.lineno, "<f-string>", None
            elif name in ("plural", "noun") and len(args) >= 2 and rel != "words.py":
                word = args[1]
                if isinstance(word, ast.Constant) and isinstance(word.value, str):
                    many = args[2] if len(args) > 2 else None
                    explicit = many.value if isinstance(many, ast.Constant) else None
                    yield rel, node.lineno, word.value, explicit or plural_of(word.value)


def test_each_shipped_mo_is_compiled_from_its_po() -> None:
    pos = catalogues()
    assert pos, "no German catalogue"
    for po in pos:
        mo = po.with_suffix(".mo")
        assert mo.exists(), f"compile {po.name}: msgfmt -o {mo.name} {po.name}"
        with open(mo, "rb") as fh:
            compiled = gettext.GNUTranslations(fh)
        stale = []
        for (msgid, many), strs in read_po(po).items():
            if many is None:
                if compiled.gettext(msgid) != strs[0]:
                    stale.append(msgid)
            elif [compiled.ngettext(msgid, many, n) for n in (1, 2)] != strs[:2]:
                stale.append(msgid)
        assert not stale, f"recompile {po.name} with msgfmt: {stale[:5]}"


def test_no_message_is_translated_two_ways() -> None:
    seen: dict[tuple[str, str | None], tuple[str, list[str]]] = {}
    clashes = []
    for po in catalogues():
        for key, strs in read_po(po).items():
            if key in seen and seen[key][1] != strs:
                clashes.append(f"{key[0]!r}: {seen[key][0]} vs {po.name}")
            seen.setdefault(key, (po.name, strs))
    assert not clashes, clashes[:10]


def test_every_marked_message_has_its_german() -> None:
    catalogue = german()
    singular = {k[0] for k in catalogue if k[1] is None}
    plurals = {k[0] for k in catalogue if k[1] is not None}
    missing, fstrings = [], []
    for rel, line, msgid, many in marked_messages():
        if msgid == "<f-string>":
            fstrings.append(f"{rel}:{line}")
        elif many is None and msgid not in singular:
            missing.append(f"{rel}:{line} {msgid!r}")
        elif many is not None and msgid not in plurals:
            missing.append(f"{rel}:{line} plural of {msgid!r}")
    assert not fstrings, f"_() of an f-string can never be found; use .format(): {fstrings}"
    assert not missing, f"{len(missing)} without German, e.g. {missing[:8]}"
    empty = [k[0] for k, v in catalogue.items() if not all(v)]
    assert not empty, f"empty German for {empty[:5]}"


def test_counted_words_numbers_and_dates_follow_the_language(in_german: None) -> None:
    import datetime as dt

    from twitchlog.words import did_you_mean, plural

    assert plural(1, "day") == "1 Tag" and plural(3, "day") == "3 Tage"
    assert plural(2.5, "hour") == "2,5 Stunden"
    assert i18n.format_number(6.5) == "6,5" and i18n.format_number(7, 1) == "7,0"
    assert i18n.format_date(dt.date(2026, 3, 9)) == "09.03.2026"
    assert did_you_mean("lgo", ["log", "list"]) == " Meinten Sie 'log'?"
    i18n.set_language("en")
    assert plural(2.5, "hour") == "2.5 hours" and i18n.format_date(dt.date(2026, 3, 9)) == (
        "2026-03-09"
    )
