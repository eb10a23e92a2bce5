"""Display comfort: the theme and text size chosen in Settings reach every widget, the larger
Log button, error sentences and the charts; 'system' gives the desktop's own look back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from gui_helpers import wait_idle
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from twitchlog.gui import display, prefs


@pytest.fixture
def restore_display(qapp: QApplication) -> Iterator[None]:
    desktop_palette = QPalette(qapp.palette())
    desktop_size = qapp.font().pointSizeF()
    yield
    prefs.put("display/theme", "system")
    prefs.put("display/text_scale", 100)
    display.apply(qapp)
    assert qapp.palette().color(QPalette.ColorRole.Window) == desktop_palette.color(
        QPalette.ColorRole.Window
    )
    assert qapp.font().pointSizeF() == pytest.approx(desktop_size)


def _choose(qtbot: Any, window: Any, theme: str, size: int) -> None:
    view = window.views["settings"]
    view.open_settings()
    dialog = view.dialog
    dialog.theme.setCurrentIndex(dialog.theme.findData(theme))
    dialog.text_size.setValue(size)
    dialog.submit()
    wait_idle(qtbot, window.runner)


def test_dark_theme_and_larger_text_reach_window_buttons_errors_and_charts(
    qtbot: Any, window: Any, restore_display: None
) -> None:
    app = QApplication.instance()
    base = app.font().pointSizeF()
    charts = window.views["charts"]  # built, not shown: its chart colours follow all the same
    _choose(qtbot, window, "dark", 150)

    dark = display.PALETTES["dark"]
    assert app.palette().color(QPalette.ColorRole.Window).name() == dark.window
    assert window.palette().color(QPalette.ColorRole.Base).name() == dark.base
    assert app.font().pointSizeF() == pytest.approx(base * 1.5)
    log = window.views["today"].log_button
    assert log.font().pointSizeF() == pytest.approx(base * 1.5 * 1.8)
    assert log.font().bold()
    theme = charts._chart_theme()
    assert theme.dark and theme.background == dark.window
    assert theme.font_size == pytest.approx(13.5)
    checkin = window.views["checkin"]
    wait_idle(qtbot, window.runner)
    assert dark.error in checkin.form.general_error.styleSheet()
    assert "Display: Dark (calm, low glare), text 150 %" in window.views["settings"].summary.text()


def test_high_contrast_and_back_to_the_desktops_own_look(
    qtbot: Any, window: Any, restore_display: None
) -> None:
    _choose(qtbot, window, "high-contrast", 200)
    app = QApplication.instance()
    assert app.palette().color(QPalette.ColorRole.Window).name() == "#000000"
    assert app.palette().color(QPalette.ColorRole.Highlight).name() == "#ffff00"
    assert app.style().name().lower() == "fusion"
    _choose(qtbot, window, "system", 100)
    assert display.theme() == "system" and display.text_scale() == 100


def test_text_size_outside_100_to_200_is_kept_inside() -> None:
    prefs.put("display/text_scale", 400)
    assert display.text_scale() == 200
    prefs.put("display/text_scale", "big")
    assert display.text_scale() == 100
    prefs.put("display/theme", "neon")
    assert display.theme() == "system"
