"""The desktop launcher, icon and "start at login" entry (freedesktop.org), for this install.

`pip install` leaves no launcher a desktop can see; `twitchlog desktop install` writes one into
the user's folders ($XDG_DATA_HOME/applications, the hicolor icon theme, and on request
$XDG_CONFIG_HOME/autostart) naming this installation's own command by absolute path, so a
venv or pipx install starts without being on PATH. Qt-free: PNG icon sizes are drawn by a
function the caller passes in (the window's QSvgRenderer).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

APP_ID = "io.github.twitchlog.Twitchlog"  # reverse-DNS: desktop file, icon and Wayland app id
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
AUTOSTART_ARGS = ("gui", "--minimized")  # at login: the reminder runs, the window waits

RenderPng = Callable[[bytes, int], bytes]  # (svg, size) -> PNG bytes


def _xdg(var: str, fallback: str) -> Path:
    value = os.environ.get(var, "").strip()
    return Path(value) if value and os.path.isabs(value) else Path.home() / fallback


def data_home() -> Path:
    return _xdg("XDG_DATA_HOME", ".local/share")


def config_home() -> Path:
    return _xdg("XDG_CONFIG_HOME", ".config")


def entry_path() -> Path:
    return data_home() / "applications" / f"{APP_ID}.desktop"


def autostart_path() -> Path:
    return config_home() / "autostart" / f"{APP_ID}.desktop"


def icon_paths() -> dict[int | None, Path]:
    """Where each icon goes: None is the scalable SVG, a number a PNG of that size."""
    theme = data_home() / "icons" / "hicolor"
    paths: dict[int | None, Path] = {None: theme / "scalable" / "apps" / f"{APP_ID}.svg"}
    for n in ICON_SIZES:
        paths[n] = theme / f"{n}x{n}" / "apps" / f"{APP_ID}.png"
    return paths


def icon_svg() -> bytes:
    """The application icon as shipped (next to the source in a checkout, else the package)."""
    beside = Path(__file__).resolve().parents[1] / "resources" / "twitchlog.svg"
    if beside.is_file():
        return beside.read_bytes()
    from importlib.resources import files

    return (files("twitchlog.resources") / "twitchlog.svg").read_bytes()


def command() -> list[str]:
    """This installation's command, absolute: the console script beside the running Python
    (a venv's or pipx's bin/), else that Python with `-m twitchlog`."""
    python = Path(sys.executable).absolute()  # not resolve(): a venv's python is a symlink
    script = python.parent / "twitchlog"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [str(python), "-m", "twitchlog"]


_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def exec_quote(arg: str) -> str:
    """One Exec argument per the Desktop Entry spec: double-quoted when it holds a reserved
    character, with `"`, `` ` ``, `$` and `\\` backslash-escaped inside the quotes; `%` doubled."""
    arg = arg.replace("%", "%%")
    if not (set(arg) & _EXEC_RESERVED):
        return arg
    inner = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return f'"{inner}"'


def _escape_value(text: str) -> str:
    """A string value in a .desktop file: backslashes (and line breaks) escaped once more."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def entry_text(argv: Sequence[str], *, autostart: bool = False) -> str:
    """The [Desktop Entry] for `argv` (the command and its arguments)."""
    exec_line = _escape_value(" ".join(exec_quote(a) for a in argv))
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        "Name=twitchlog",
        "GenericName=Twitch diary",
        "GenericName[de]=Zucken-Tagebuch",
        "Comment=A private diary for facial twitching: log episodes, check in triggers",
        "Comment[de]=Ein privates Tagebuch für Gesichtszucken: Episoden und Auslöser festhalten",
        f"Exec={exec_line}",
        f"TryExec={_escape_value(argv[0])}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "Categories=Utility;Qt;",
        "Keywords=twitch;eyelid;spasm;blepharospasm;diary;health;",
        "StartupNotify=true",
        "StartupWMClass=twitchlog",  # X11 WM_CLASS: Qt takes it from the application name
    ]
    if autostart:
        lines += ["X-GNOME-Autostart-enabled=true", "NoDisplay=true"]
    return "\n".join(lines) + "\n"


class Installed(NamedTuple):
    """What `install` wrote, for the command line to list."""

    entry: Path
    icons: list[Path]
    autostart: Path | None


def _write(path: Path, data: bytes | str, mode: int = 0o644) -> None:
    """Written whole (temp file, fsync, rename). Launchers and icons are read by the desktop
    session as this user, and they hold no diary data: ordinary 0644, like any app's."""
    from twitchlog.safefile import atomic_write

    with atomic_write(path, binary=True) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
    os.chmod(path, mode)


def install(render_png: RenderPng | None, *, autostart: bool = False) -> Installed:
    """Write the launcher and the icons (SVG, and PNG sizes when `render_png` is given);
    with `autostart`, also the start-at-login entry. Returns what was written."""
    argv = command()
    svg = icon_svg()
    icons: list[Path] = []
    for size, path in icon_paths().items():
        if size is None:
            _write(path, svg)
        elif render_png is not None:
            _write(path, render_png(svg, size))
        else:
            continue
        icons.append(path)
    _touch(data_home() / "icons" / "hicolor")  # icon caches look at the theme folder's time
    _write(entry_path(), entry_text(argv))
    started = set_autostart(True) if autostart else None
    return Installed(entry_path(), icons, started)


def set_autostart(on: bool) -> Path | None:
    """Write (on) or remove (off) the XDG autostart entry; returns its path when written."""
    path = autostart_path()
    if not on:
        path.unlink(missing_ok=True)
        return None
    _write(path, entry_text([*command(), *AUTOSTART_ARGS], autostart=True))
    return path


def autostart_enabled() -> bool:
    return autostart_path().is_file()


def remove() -> list[Path]:
    """Delete the launcher, the icons and the autostart entry written by install()."""
    removed = []
    for path in [entry_path(), autostart_path(), *icon_paths().values()]:
        if path.is_file():
            path.unlink()
            removed.append(path)
    _touch(data_home() / "icons" / "hicolor")
    return removed


def _touch(folder: Path) -> None:
    if folder.is_dir():
        os.utime(folder)
