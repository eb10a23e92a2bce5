"""Display comfort: the theme and text size chosen in Settings reach every widget, the larger
Log button, error sentences and the charts; 'system' gives the desktop's own look back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from gui_helpers import wait_idle
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle

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
    style = app.style()  # Fusion, drawing outlines and selection frames of its own
    assert isinstance(style, QProxyStyle) and style.baseStyle().name().lower() == "fusion"
    _choose(qtbot, window, "system", 100)
    assert display.theme() == "system" and display.text_scale() == 100


def test_text_size_outside_100_to_200_is_kept_inside() -> None:
    prefs.put("display/text_scale", 400)
    assert display.text_scale() == 200
    prefs.put("display/text_scale", "big")
    assert display.text_scale() == 100
    prefs.put("display/theme", "neon")
    assert display.theme() == "system"


def test_outlines_meet_non_text_contrast_in_every_theme() -> None:
    """WCAG 1.4.11: a check box's or radio button's outline needs 3:1 against what is
    around it (the window) and inside it (the field colour)."""
    from twitchlog.charts.theme import contrast_ratio

    for name, c in display.PALETTES.items():
        for background in (c.window, c.base, c.button):
            assert contrast_ratio(c.frame, background) >= 3, (name, c.frame, background)


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_check_boxes_are_outlined_and_a_selection_is_framed_not_only_filled(
    qapp: QApplication, restore_display: None, theme: str
) -> None:
    """Drawn pixels, not settings: the check box's edge reads at 3:1 on the window, and a
    selected row carries a frame in the text colour along its edge."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QCheckBox, QListWidget, QStyle, QStyleOptionButton

    from twitchlog.charts.theme import contrast_ratio

    prefs.put("display/theme", theme)
    display.apply(qapp)
    c = display.PALETTES[theme]
    box = QCheckBox("Vitamin D taken")
    box.resize(200, 40)
    image = box.grab().toImage()
    opt = QStyleOptionButton()
    box.initStyleOption(opt)
    edge = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, opt, box)
    y = edge.center().y()
    ring = [image.pixelColor(QPoint(x, y)).name() for x in range(edge.left(), edge.left() + 3)]
    assert max(contrast_ratio(p, c.window) for p in ring) >= 3, (theme, ring)

    items = QListWidget()
    items.addItems(["one", "two", "three"])
    items.resize(200, 120)
    items.setCurrentRow(1)
    shot = items.grab().toImage()
    rect = items.visualItemRect(items.item(1)).translated(items.viewport().pos())
    top = shot.pixelColor(QPoint(rect.center().x(), rect.top())).name()
    middle = shot.pixelColor(QPoint(rect.left() + rect.width() * 3 // 4, rect.center().y()))
    assert top == QColor(c.text).name()  # the frame
    assert middle.name() == QColor(c.highlight).name()  # the fill inside it


def test_at_large_text_a_view_scrolls_instead_of_squashing_its_controls(
    qtbot: Any, window: Any, restore_display: None, recwarn: pytest.WarningsRecorder
) -> None:
    """200% text, the log panel open, the default 1000×720 window: every control keeps the
    height it needs to be read (the view scrolls up and down), and nothing needs a sideways
    scroll at 150%."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QScrollArea, QWidget

    from twitchlog.gui.main_window import VIEWS

    window.resize(1000, 720)
    for size, sideways in ((150, False), (200, None)):
        _choose(qtbot, window, "dark", size)
        today = window.views["today"]
        today.log_now()
        wait_idle(qtbot, window.runner)
        for name, _title, _target in VIEWS:
            window.show_view(name)
            wait_idle(qtbot, window.runner)
            view = window.views[name]
            qtbot.waitUntil(lambda v=view: v.isVisible())
            QApplication.processEvents()
            squashed = [
                (type(w).__name__, getattr(w, "text", lambda: "")()[:30])
                for w in view.findChildren(QWidget)
                if isinstance(w, QAbstractButton | QLabel)
                and w.isVisibleTo(view)
                and w.height() < w.minimumSizeHint().height()
            ]
            assert not squashed, f"{name} at {size}%: {squashed}"
            # the window the person chose keeps its size: the view scrolls inside it
            assert (window.width(), window.height()) == (1000, 720), f"{name} grew the window"
            scroller = view.parentWidget().parentWidget()
            assert isinstance(scroller, QScrollArea)
            if sideways is False:
                assert scroller.horizontalScrollBar().maximum() == 0, f"{name} scrolls sideways"
    # every chart kept room to draw its plot (matplotlib warns when the axes collapse)
    collapsed = [str(w.message) for w in recwarn if "collapsed" in str(w.message)]
    assert not collapsed, collapsed[:1]


def test_at_large_text_the_doctor_notice_keeps_its_headline_and_folds_its_reasons(
    qtbot: Any, window: Any, diary: Any, restore_display: None
) -> None:
    """A long 'talk to a doctor' notice took ~45% of the window at 200% text. It now keeps
    the headline, the not-advice line and Dismiss in view and folds the reasons behind
    "Show why" while the whole would take over a third of the window; at 100% they show."""
    from twitchlog.diary import episodes

    window.resize(1000, 600)  # a small laptop screen
    with diary.write() as s:
        for place in ("left:upper_eyelid", "left:cheek", "left:mouth", "left:eyebrow"):
            episodes.log_episode(s, places=[place], signs=["drooping", "function"])
    notice = window.notice

    def shown(size: int) -> str:
        _choose(qtbot, window, "system", size)
        window.check_notice()
        wait_idle(qtbot, window.runner)
        qtbot.waitUntil(notice.isVisible)
        for _pass in range(3):
            QApplication.processEvents()
        return notice.text.text()

    text = shown(100)
    assert "drooping" in text and not notice.more.isVisible()
    text = shown(200)
    assert "doctor" in text and "drooping" not in text
    assert notice.more.isVisible() and notice.close_button.isVisible()
    assert notice.height() <= window.height() // 3
    assert notice.text.height() >= notice.text.heightForWidth(notice.text.width())  # not cut
    notice.more.click()
    for _pass in range(3):
        QApplication.processEvents()
    assert "drooping" in notice.text.text()  # asked for: all of it, however tall
    notice.more.click()
    for _pass in range(3):
        QApplication.processEvents()
    assert "drooping" not in notice.text.text()
