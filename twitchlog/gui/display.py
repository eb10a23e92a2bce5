"""Display comfort for sensitive eyes: a colour theme (system, light, dark, high contrast) and
a text size (100–200 %), applied to the whole window, its dialogs and the charts.

Kept in the window preferences (this machine, not the diary). `apply()` is called once before
the window is built and again whenever Settings change them; widgets that draw text larger or
smaller than the rest (the Log button) say so with `relative_font()` and follow along.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from twitchlog.gui import prefs

if TYPE_CHECKING:  # needed only for a chosen theme, never before the first paint otherwise
    from PySide6.QtGui import QPalette

THEMES = {  # key: what Settings shows
    "system": "Like the rest of my desktop",
    "light": "Light",
    "dark": "Dark (calm, low glare)",
    "high-contrast": "High contrast (black and white)",
}
TEXT_SIZES = (100, 200)  # percent, inclusive
_SCALE_PROPERTY = "twitchlog_font_scale"
_ERROR_PROPERTY = "twitchlog_error"


class Colours(NamedTuple):
    """One theme's palette; every text/background pair here meets WCAG AA (tested)."""

    window: str
    text: str
    base: str  # fields and lists
    alternate: str
    button: str
    highlight: str
    highlighted_text: str
    disabled_text: str
    link: str
    error: str
    frame: str  # outlines of check boxes and radio buttons (OutlinedStyle), the mid/dark roles


PALETTES: dict[str, Colours] = {
    "light": Colours(
        window="#f4f5f7",
        text="#1f2328",
        base="#ffffff",
        alternate="#eef0f3",
        button="#e9ebef",
        highlight="#1f5fa8",
        highlighted_text="#ffffff",
        disabled_text="#5f6670",
        link="#1d5fa6",
        error="#b3261e",
        frame="#70777f",  # ≥ 3:1 on window, fields and buttons (WCAG non-text contrast)
    ),
    "dark": Colours(
        window="#1e1f22",
        text="#e6e6e6",
        base="#30333a",
        alternate="#383c43",
        button="#2d3035",
        highlight="#8cc8ff",  # light on dark: a selection stands out by lightness, not hue
        highlighted_text="#000000",
        disabled_text="#9aa0a6",
        link="#8cc8ff",
        error="#ff8a80",
        frame="#868c95",  # ≥ 3:1 on window, fields and buttons (WCAG non-text contrast)
    ),
    "high-contrast": Colours(
        window="#000000",
        text="#ffffff",
        base="#000000",
        alternate="#141414",
        button="#000000",
        highlight="#ffff00",
        highlighted_text="#000000",
        disabled_text="#c8c8c8",
        link="#00ffff",
        error="#ff9e9e",
        frame="#ffffff",
    ),
}
SYSTEM_ERROR = "#c0392b"  # with the desktop's own palette: readable on light, bold anyway


class _Saved:
    """What the desktop gave the application, to go back to for 'system'. Plain values only:
    a QPalette or QFont kept here would outlive the QApplication (a crash at exit)."""

    style: str = ""
    point_size: float = 0.0
    applied: tuple[str, int] | None = None  # what is on the application now


def theme() -> str:
    value = str(prefs.get("display/theme"))
    return value if value in THEMES else "system"


def chart_height(base: int) -> int:
    """A chart's least height at the chosen text size: its titles, legends and ticks grow
    with the text, so the plot keeps room (the view scrolls rather than the plot vanishing)."""
    return round(base * max(100, text_scale()) / 100)


def text_scale() -> int:
    try:
        value = int(prefs.get("display/text_scale"))
    except (TypeError, ValueError):
        return 100
    return max(TEXT_SIZES[0], min(TEXT_SIZES[1], value))


def colours() -> Colours | None:
    """The chosen theme's colours, None for the desktop's own."""
    return PALETTES.get(theme())


def palette_for(c: Colours) -> QPalette:
    from PySide6.QtGui import QColor, QPalette

    pal = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    for r, value in (
        (role.Window, c.window),
        (role.WindowText, c.text),
        (role.Base, c.base),
        (role.AlternateBase, c.alternate),
        (role.ToolTipBase, c.base),
        (role.ToolTipText, c.text),
        (role.PlaceholderText, c.disabled_text),
        (role.Text, c.text),
        (role.Button, c.button),
        (role.ButtonText, c.text),
        (role.BrightText, c.error),
        (role.Highlight, c.highlight),
        (role.HighlightedText, c.highlighted_text),
        (role.Link, c.link),
        (role.LinkVisited, c.link),
        (role.Light, c.frame),
        (role.Midlight, c.frame),
        (role.Mid, c.frame),
        (role.Dark, c.frame),
        (role.Shadow, c.frame),
    ):
        pal.setColor(r, QColor(value))
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(group.Disabled, r, QColor(c.disabled_text))
    return pal


def apply(app: QApplication | None = None) -> bool:
    """Put the chosen theme and text size on the application (and every open widget);
    False when they were on already."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    wanted = (theme(), text_scale())
    if not isinstance(app, QApplication) or _Saved.applied == wanted:
        return False
    first, _Saved.applied = _Saved.applied is None, wanted
    if first and wanted == ("system", 100):
        # The desktop's own look is on already. Touching app.style() here would build
        # the style's Python side (~12 ms) before the first paint, for nothing.
        return True
    if not _Saved.style:  # what the desktop gave, before we change any of it
        _Saved.style = app.style().name()
        _Saved.point_size = app.font().pointSizeF() if app.font().pointSizeF() > 0 else 9.0
    chosen = PALETTES.get(wanted[0])
    if chosen is None:
        if app.style().name() != _Saved.style:
            app.setStyle(_Saved.style)
        from PySide6.QtGui import QPalette

        app.setPalette(QPalette())  # an empty palette: the platform's own again
    else:
        if not isinstance(app.style(), _outlined_style()):
            # Fusion, the one style that draws everything from the palette, with outlines
            # and a selection frame that do not rest on colour alone.
            app.setStyle(_outlined_style()("Fusion"))
        app.setPalette(palette_for(chosen))
    font = QFont(app.font())
    font.setPointSizeF(_Saved.point_size * wanted[1] / 100)
    app.setFont(font)
    for widget in app.allWidgets():
        scale = widget.property(_SCALE_PROPERTY)
        if scale:
            _set_relative(widget, float(scale))
        if widget.property(_ERROR_PROPERTY):
            widget.setStyleSheet(error_style())
    return True


class _Style:
    outlined: type | None = None


def _outlined_style() -> type:
    """Fusion, plus: check box and radio button outlines in the theme's frame colour (Fusion
    draws them a shade darker than the window: on a dark window nearly invisible), and a
    selected item framed in its text colour, so a selection shows by more than lightness.
    Made on first use: start-up with the desktop's own look never needs it."""
    if _Style.outlined is not None:
        return _Style.outlined
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QPainter, QPalette, QPen
    from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QStyleOptionViewItem

    element = QStyle.PrimitiveElement

    class OutlinedStyle(QProxyStyle):
        def drawPrimitive(
            self,
            pe: QStyle.PrimitiveElement,
            opt: QStyleOption,
            p: QPainter,
            w: QWidget | None = None,
        ) -> None:
            super().drawPrimitive(pe, opt, p, w)
            if pe in (element.PE_IndicatorCheckBox, element.PE_IndicatorRadioButton):
                p.save()
                p.setRenderHint(QPainter.RenderHint.Antialiasing)
                p.setPen(QPen(opt.palette.color(QPalette.ColorRole.Mid), 1.2))
                p.setBrush(QColor(0, 0, 0, 0))
                box = QRectF(opt.rect).adjusted(0.6, 0.6, -0.6, -0.6)
                if pe == element.PE_IndicatorRadioButton:
                    p.drawEllipse(box)
                else:
                    p.drawRoundedRect(box, 2, 2)
                p.restore()
            elif (
                pe == element.PE_PanelItemViewItem
                and isinstance(opt, QStyleOptionViewItem)
                and opt.state & QStyle.StateFlag.State_Selected
            ):
                _frame_selection(p, opt)

    _Style.outlined = OutlinedStyle
    return OutlinedStyle


def _frame_selection(p: Any, opt: Any) -> None:
    """A 2 px frame in the text colour (≥ 4.5:1 on the fields' background, tested) along the
    top and bottom of a selected item (a whole row in a table), closed at the row's first and
    last cell: the selection's edge shows against its surroundings, not only its fill."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QPalette

    r: QRect = opt.rect
    colour = opt.palette.color(QPalette.ColorRole.Text)
    p.save()
    p.fillRect(QRect(r.left(), r.top(), r.width(), 2), colour)
    p.fillRect(QRect(r.left(), r.bottom() - 1, r.width(), 2), colour)
    index = opt.index
    first = not index.isValid() or index.column() == 0
    last = not index.isValid() or not index.siblingAtColumn(index.column() + 1).isValid()
    if first:
        p.fillRect(QRect(r.left(), r.top(), 2, r.height()), colour)
    if last:
        p.fillRect(QRect(r.right() - 1, r.top(), 2, r.height()), colour)
    p.restore()


def relative_font(
    widget: QWidget, factor: float, *, bold: bool = False, italic: bool = False
) -> None:
    """Text `factor` times the chosen size (kept in step when the size changes)."""
    widget.setProperty(_SCALE_PROPERTY, factor)
    widget.setProperty("twitchlog_font_style", f"{'b' if bold else ''}{'i' if italic else ''}")
    _set_relative(widget, factor)


def _set_relative(widget: QWidget, factor: float) -> None:
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    style = str(widget.property("twitchlog_font_style") or "")
    font.setBold("b" in style)
    font.setItalic("i" in style)
    widget.setFont(font)


def error_style() -> str:
    chosen = colours()
    return f"color: {chosen.error if chosen else SYSTEM_ERROR}; font-weight: 600;"


def mark_error(widget: QWidget) -> None:
    """An error sentence: bold and in the theme's error colour (readable on its background)."""
    widget.setProperty(_ERROR_PROPERTY, True)
    widget.setStyleSheet(error_style())


def chart_colours(widget: QWidget) -> tuple[str, str, float]:
    """Background, text colour and font size (pt) for a chart drawn inside `widget`."""
    pal = widget.palette()
    return (
        pal.window().color().name(),
        pal.windowText().color().name(),
        9.0 * text_scale() / 100,
    )


def describe() -> str:
    from twitchlog.i18n import _

    return _("{theme}, text {scale} %").format(theme=_(THEMES[theme()]), scale=text_scale())
