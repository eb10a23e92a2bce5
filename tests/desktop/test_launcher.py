"""`twitchlog desktop install|remove`: a launcher, icons and autostart entry that validate,
in the user's own XDG folders (each test has its own, from tests/conftest.py)."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from twitchlog import __version__, launcher

VALIDATOR = shutil.which("desktop-file-validate")


def _run(*args: str) -> tuple[int, str, str]:
    import contextlib
    import io

    from twitchlog.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def _entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line)


def _exec_args(value: str) -> list[str]:
    """Read an Exec value back as the spec says: string unescaping (\\\\ -> \\), then
    arguments split at spaces, double quotes grouping, backslash escaping inside them,
    and %% meaning %."""
    value = value.replace("\\\\", "\\")
    args, current, quoted, i, started = [], "", False, 0, False
    while i < len(value):
        c = value[i]
        if quoted and c == "\\":
            current += value[i + 1]
            i += 1
        elif c == '"':
            quoted, started = not quoted, True
        elif c == " " and not quoted:
            if started or current:
                args.append(current)
            current, started = "", False
        else:
            current += c
        i += 1
    if started or current:
        args.append(current)
    return [a.replace("%%", "%") for a in args]


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def _validate(*paths: Path) -> None:
    if VALIDATOR is None:
        pytest.skip("desktop-file-validate is not installed (.ci/run installs it)")
    result = subprocess.run([VALIDATOR, *map(str, paths)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_install_writes_a_valid_launcher_that_starts_this_installation() -> None:
    code, out, err = _run("desktop", "install")
    assert code == 0, err
    data = Path(os.environ["XDG_DATA_HOME"])
    entry = data / "applications" / "io.github.twitchlog.Twitchlog.desktop"
    assert f"Launcher: {entry}" in out
    fields = _entry(entry)
    assert fields["Icon"] == "io.github.twitchlog.Twitchlog"
    assert fields["Type"] == "Application" and fields["Terminal"] == "false"
    argv = _exec_args(fields["Exec"])
    assert Path(argv[0]).is_absolute() and Path(argv[0]).parent == Path(sys.executable).parent
    _validate(entry)
    # The launcher's command really is this twitchlog.
    ran = subprocess.run([*argv, "--version"], capture_output=True, text=True, timeout=60)
    assert ran.stdout.strip() == f"twitchlog {__version__}"
    assert not (Path(os.environ["XDG_CONFIG_HOME"]) / "autostart").exists()  # off by default


def test_install_puts_svg_and_png_sizes_into_the_hicolor_theme() -> None:
    assert _run("desktop", "install")[0] == 0
    theme = Path(os.environ["XDG_DATA_HOME"]) / "icons" / "hicolor"
    svg = theme / "scalable" / "apps" / "io.github.twitchlog.Twitchlog.svg"
    assert svg.read_bytes() == launcher.icon_svg()
    for n in launcher.ICON_SIZES:
        png = theme / f"{n}x{n}" / "apps" / "io.github.twitchlog.Twitchlog.png"
        assert _png_size(png) == (n, n)
    big = (theme / "256x256" / "apps" / "io.github.twitchlog.Twitchlog.png").stat().st_size
    assert big > 2000  # a drawing, not an empty square


def test_remove_takes_away_everything_install_wrote_and_nothing_else() -> None:
    data = Path(os.environ["XDG_DATA_HOME"])
    other = data / "applications" / "org.example.Other.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\n")
    assert _run("desktop", "install", "--autostart")[0] == 0
    code, out, _ = _run("desktop", "remove")
    assert code == 0
    assert out.count("Removed ") == 2 + 1 + len(launcher.ICON_SIZES)
    left = [p for p in data.rglob("*") if p.is_file()]
    assert left == [other]
    assert not launcher.autostart_path().exists()
    assert _run("desktop", "remove")[1].strip() == "There was no twitchlog launcher to remove."


def test_autostart_entry_starts_minimised_and_validates() -> None:
    code, out, _ = _run("desktop", "install", "--autostart")
    assert code == 0
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "autostart" / f"{launcher.APP_ID}.desktop"
    assert f"Starts at login: {path}" in out
    argv = _exec_args(_entry(path)["Exec"])
    assert argv[-2:] == ["gui", "--minimized"]
    _validate(path)
    assert launcher.autostart_enabled()
    launcher.set_autostart(False)
    assert not path.exists()


def test_without_xdg_variables_it_uses_the_home_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/is/ignored")  # the spec: absolute only
    assert launcher.entry_path() == (
        tmp_path / ".local/share/applications/io.github.twitchlog.Twitchlog.desktop"
    )
    assert launcher.autostart_path().parent == tmp_path / ".config" / "autostart"


def test_a_command_path_with_spaces_and_dollars_is_quoted_as_the_spec_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "my venv $HOME 100%" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").symlink_to(sys.executable)
    script = bin_dir / "twitchlog"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(bin_dir / "python"))
    assert launcher.command() == [str(script)]
    launcher.install(None)
    exec_value = _entry(launcher.entry_path())["Exec"]
    assert "\\\\$" in exec_value  # escaped for the Exec quoting, then for the file
    assert _exec_args(exec_value) == [str(script)]
    _validate(launcher.entry_path())


def test_without_the_console_script_it_runs_python_dash_m(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python3"))
    assert launcher.command() == [str(tmp_path / "python3"), "-m", "twitchlog"]
