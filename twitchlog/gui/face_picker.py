"""A front-view face drawing whose regions can be clicked (or chosen from the keyboard).

Front view: the person's right side is drawn on the viewer's left, so the drawing is
labelled "R" and "L" from the person's point of view.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from twitchlog import catalog
from twitchlog.i18n import _

W, H = 200.0, 270.0  # the drawing's own coordinates; scaled to the widget
ACCENT = QColor(64, 150, 220)  # a blue readable on light and dark backgrounds


def _rect(x: float, y: float, w: float, h: float) -> QPainterPath:
    p = QPainterPath()
    p.addRoundedRect(QRectF(x, y, w, h), 6, 6)
    return p


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> QPainterPath:
    p = QPainterPath()
    p.addEllipse(QPointF(cx, cy), rx, ry)
    return p


EYELID_H = 29.0  # drawing units: ≥ 24 px on screen even at the picker's smallest size


def _half_eye(upper: bool) -> QPainterPath:
    """An eyelid around the eye at (70, 100): a rounded box above or below it, tall
    enough to hit with a mouse (the thin almond halves it replaced were 8 px high)."""
    top = 100 - EYELID_H if upper else 100
    return _rect(48, top, 44, EYELID_H)


def _viewer_left_regions() -> dict[str, QPainterPath]:
    """Regions of the person's RIGHT side (the viewer's left half of the drawing)."""
    jaw = QPainterPath(QPointF(36, 150))
    jaw.quadTo(QPointF(44, 200), QPointF(84, 222))
    jaw.lineTo(QPointF(86, 206))
    jaw.quadTo(QPointF(58, 190), QPointF(50, 150))
    jaw.closeSubpath()
    return {
        "eyebrow": _rect(40, 40, 56, 30),
        "upper_eyelid": _half_eye(True),
        "lower_eyelid": _half_eye(False),
        "nose": _rect(93, 90, 7, 62),
        "cheek": _rect(44, 131, 44, 30),
        "mouth": _ellipse(80, 176, 10, 15),
        "chin": _rect(86, 192, 14, 30),
        "jaw": jaw,
        "neck": _rect(68, 232, 32, 34),
    }


def build_regions() -> dict[tuple[str, str], QPainterPath]:
    """(side, region) -> path; the person's left is the mirror image on the viewer's right."""
    mirror = QTransform(-1, 0, 0, 1, W, 0)
    out: dict[tuple[str, str], QPainterPath] = {}
    for region, path in _viewer_left_regions().items():
        out[("right", region)] = path
        out[("left", region)] = mirror.map(path)
    return out


ORDER: list[tuple[str, str]] = [(s, r) for r in catalog.REGIONS for s in ("right", "left")]


class FacePicker(QWidget):
    """Click a region (or use the arrow keys and Space) to choose where the twitch is."""

    placeChanged = Signal(str, str)  # side, region

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.regions = build_regions()
        self.selected: tuple[str, str] | None = None
        self._cursor = 0
        self._hover: tuple[str, str] | None = None
        self.keyboard_frame = False  # the dotted frame of the keyboard cursor is shown
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(QSize(170, 230))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Face drawing: where the twitch is")
        self.setToolTip(
            "Click where the twitch is. Front view: your right is on the left (R), "
            "your left on the right (L). Arrow keys move, Space chooses."
        )

    def sizeHint(self) -> QSize:
        return QSize(210, 280)

    # -- geometry -------------------------------------------------------------------------
    def _transform(self) -> QTransform:
        scale = min(self.width() / W, self.height() / H)
        dx = (self.width() - W * scale) / 2
        dy = (self.height() - H * scale) / 2
        return QTransform(scale, 0, 0, scale, dx, dy)

    def region_at(self, pos: QPointF) -> tuple[str, str] | None:
        inv, ok = self._transform().inverted()
        if not ok:
            return None
        point = inv.map(pos)
        for key in sorted(self.regions, key=lambda k: k[1] in ("cheek", "jaw", "eyebrow")):
            if self.regions[key].contains(point):
                return key
        return None

    def centre_of(self, side: str, region: str) -> QPointF:
        """Where a region sits on screen (tests and accessibility helpers click here)."""
        return self._transform().map(self.regions[(side, region)].boundingRect().center())

    def set_place(self, side: str, region: str, *, notify: bool = False) -> None:
        key = (side, region) if (side in ("left", "right", "both") and region) else None
        self.selected = key
        if key in ORDER:
            self._cursor = ORDER.index(key)
        self.update()
        if notify and key:
            self.placeChanged.emit(*key)

    # -- events ---------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        # The mouse is in use: no keyboard frame (a missed click once left one that looked
        # like a choice).
        self.keyboard_frame = False
        key = self.region_at(event.position())
        if key and event.button() == Qt.MouseButton.LeftButton:
            self.set_place(*key, notify=True)
        self.update()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self.keyboard_frame = True
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.keyboard_frame = False
        self.update()

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        if self._hover is not None:
            self._hover = None
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        key = self.region_at(event.position())
        if key != self._hover:
            self._hover = key
            self.setToolTip(self._words(key) if key else self.toolTip())
            self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Down: 2,
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Up: -2,
        }.get(Qt.Key(event.key()))
        if step:
            self._cursor = (self._cursor + step) % len(ORDER)
            self.keyboard_frame = True
            self.update()
        elif event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.set_place(*ORDER[self._cursor], notify=True)
        else:
            super().keyPressEvent(event)

    @staticmethod
    def _words(key: tuple[str, str]) -> str:
        return _("your {side} {place}").format(side=_(key[0]), place=_(catalog.REGIONS[key[1]]))

    def paintEvent(self, _event: object) -> None:
        pal = self.palette()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setTransform(self._transform())
        line = QPen(pal.color(QPalette.ColorRole.WindowText), 1.6)
        # Outline: head and neck.
        p.setPen(line)
        p.setBrush(pal.color(QPalette.ColorRole.Base))
        p.drawRect(QRectF(68, 214, 64, 56))
        p.drawEllipse(QRectF(30, 20, 140, 210))
        faint = QColor(pal.color(QPalette.ColorRole.WindowText))
        faint.setAlpha(60)
        for key, path in self.regions.items():
            fill = QColor(faint)
            fill.setAlpha(25)
            hovered = key == self._hover
            if hovered:
                fill = QColor(ACCENT)
                fill.setAlpha(70)
            outline = QPen(ACCENT, 1.5) if hovered else QPen(faint, 1)
            if (
                self.selected
                and key[1] == self.selected[1]
                and self.selected[0] in (key[0], "both")
            ):
                fill = QColor(ACCENT)
                fill.setAlpha(200)
                outline = QPen(pal.color(QPalette.ColorRole.WindowText), 2.5)  # not colour alone
            p.setPen(outline)
            p.setBrush(fill)
            p.drawPath(path)
        if self.hasFocus() and self.keyboard_frame:
            # The keyboard cursor: a dotted frame in the text colour, never the accent fill
            # that marks the choice.
            p.setPen(QPen(pal.color(QPalette.ColorRole.WindowText), 1.6, Qt.PenStyle.DotLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(self.regions[ORDER[self._cursor]])
        # Eyes and mouth lines on top, so the drawing reads as a face.
        p.setPen(line)
        for cx in (70, 130):
            p.drawEllipse(QPointF(cx, 100), 4, 4)
        p.drawLine(QPointF(86, 176), QPointF(114, 176))
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(11)
        p.setFont(font)
        p.drawText(QRectF(4, 4, 40, 20), Qt.AlignmentFlag.AlignLeft, "R")
        p.drawText(QRectF(W - 44, 4, 40, 20), Qt.AlignmentFlag.AlignRight, "L")
        p.end()


class PlacePicker(QWidget):
    """The face drawing plus side and region lists that stay in step (keyboard route)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.face = FacePicker(self)
        self.side = QComboBox(self)
        side_words = {"left": _("your left"), "right": _("your right"), "both": _("both sides")}
        for side in catalog.SIDES:
            self.side.addItem(side_words[side], side)
        self.region = QComboBox(self)
        self.region.addItem(_("not said"), "")
        for key, words in catalog.REGIONS.items():
            self.region.addItem(_(words), key)
        self.side.setAccessibleName("Side of the face")
        self.side.setToolTip("Which side: your left, your right, or both")
        self.region.setAccessibleName("Place on the face")
        self.region.setToolTip("Where on the face the twitch is")
        row = QHBoxLayout()
        row.addWidget(self.side)
        row.addWidget(self.region, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.face, 1)
        box.addLayout(row)
        self.face.placeChanged.connect(self._from_face)
        self.side.currentIndexChanged.connect(self._from_lists)
        self.region.currentIndexChanged.connect(self._from_lists)

    def code(self) -> str | None:
        """'left:upper_eyelid', or None when no place was chosen."""
        region = self.region.currentData()
        return f"{self.side.currentData()}:{region}" if region else None

    def set_code(self, code: str | None) -> None:
        side, _sep, region = (code or "left:").partition(":")
        self.side.blockSignals(True)
        self.region.blockSignals(True)
        self.side.setCurrentIndex(max(0, self.side.findData(side)))
        self.region.setCurrentIndex(max(0, self.region.findData(region)))
        self.side.blockSignals(False)
        self.region.blockSignals(False)
        self.face.set_place(side, region)

    def _from_face(self, side: str, region: str) -> None:
        self.set_code(f"{side}:{region}")
        self.changed.emit()

    def _from_lists(self) -> None:
        self.face.set_place(self.side.currentData(), self.region.currentData())
        self.changed.emit()
