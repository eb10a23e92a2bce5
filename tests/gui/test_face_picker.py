"""The face drawing: a click at a region's centre picks it, the person's left on the right."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from twitchlog import catalog
from twitchlog.gui.face_picker import FacePicker, PlacePicker


@pytest.fixture
def picker(qtbot: Any) -> PlacePicker:
    w = PlacePicker()
    w.resize(240, 420)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("region", list(catalog.REGIONS))
def test_click_at_centre_selects_that_region(
    qtbot: Any, picker: PlacePicker, side: str, region: str
) -> None:
    face = picker.face
    point = face.centre_of(side, region).toPoint()
    with qtbot.waitSignal(face.placeChanged) as signal:
        qtbot.mouseClick(face, Qt.MouseButton.LeftButton, pos=point)
    assert signal.args == [side, region]
    assert picker.code() == f"{side}:{region}"
    assert picker.region.currentData() == region


def test_persons_left_is_drawn_on_the_viewers_right(picker: PlacePicker) -> None:
    face = picker.face
    middle = face.width() / 2
    assert face.centre_of("left", "upper_eyelid").x() > middle
    assert face.centre_of("right", "upper_eyelid").x() < middle


def test_keyboard_route_lists_and_arrow_keys(qtbot: Any, picker: PlacePicker) -> None:
    picker.side.setCurrentIndex(picker.side.findData("both"))
    picker.region.setCurrentIndex(picker.region.findData("cheek"))
    assert picker.code() == "both:cheek"
    assert picker.face.selected == ("both", "cheek")
    face: FacePicker = picker.face
    face.setFocus()
    qtbot.keyClick(face, Qt.Key.Key_Right)
    with qtbot.waitSignal(face.placeChanged):
        qtbot.keyClick(face, Qt.Key.Key_Space)
    assert picker.code() is not None and picker.code() != "both:cheek"


def test_outside_the_face_selects_nothing(qtbot: Any, picker: PlacePicker) -> None:
    qtbot.mouseClick(picker.face, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert picker.code() is None


def test_every_region_is_at_least_24_px_high_at_the_smallest_size(qtbot: Any) -> None:
    face = FacePicker()
    qtbot.addWidget(face)
    face.resize(face.minimumSize())
    face.show()
    qtbot.waitExposed(face)
    short = {
        key: round(face._transform().mapRect(path.boundingRect()).height(), 1)
        for key, path in face.regions.items()
        if face._transform().mapRect(path.boundingRect()).height() < 24
    }
    assert short == {}


def test_hover_highlights_and_a_missed_click_leaves_no_frame(
    qtbot: Any, picker: PlacePicker
) -> None:
    face = picker.face
    qtbot.mouseMove(face, face.centre_of("left", "upper_eyelid").toPoint())
    qtbot.waitUntil(lambda: face._hover == ("left", "upper_eyelid"))
    qtbot.mouseClick(face, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))  # outside the face
    assert face.hasFocus() and not face.keyboard_frame and picker.code() is None
    before = face.grab().toImage()
    qtbot.keyClick(face, Qt.Key.Key_Right)  # the keyboard route shows its dotted frame
    assert face.keyboard_frame
    assert face.grab().toImage() != before
    assert picker.code() is None  # moving the frame chooses nothing
