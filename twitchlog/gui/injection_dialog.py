"""Add or change an injection: date, product, units, sites on the face, side effects, note."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from twitchlog import catalog
from twitchlog.diary import injections as inj
from twitchlog.errors import DiaryError
from twitchlog.gui.face_picker import PlacePicker
from twitchlog.gui.factor_fields import error_label
from twitchlog.gui.operations import WriteOp
from twitchlog.gui.tasks import TaskRunner
from twitchlog.gui.translate import date_pattern
from twitchlog.gui.wheel import guard_wheel
from twitchlog.i18n import _

NOT_RATED = -1


class InjectionDialog(QDialog):
    """One form for a new injection and for changing one (`injection` given)."""

    def __init__(
        self,
        runner: TaskRunner,
        injection: inj.Injection | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.injection = injection
        self.setWindowTitle(_("Change the injection") if injection else _("Add an injection"))
        self.date = QDateEdit(QDate.currentDate(), self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(date_pattern())
        self.product = QComboBox(self)
        for key, words in catalog.INJECTION_PRODUCTS.items():
            self.product.addItem(_(words), key)
        self.units = QLineEdit(self)
        self.units.setPlaceholderText("total units, e.g. 50")
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("brand or name (optional)")
        self.note = QLineEdit(self)
        self.place = PlacePicker(self)
        self.add_site = QPushButton("Add this site", self)
        self.sites = QListWidget(self)
        self.sites.setMaximumHeight(90)
        self.remove_site = QPushButton("Remove selected site", self)
        self.effects: dict[str, QComboBox] = {}
        for w, name in (
            (self.date, "Injection date"),
            (self.product, "Product"),
            (self.units, "Total units"),
            (self.name, "Product name"),
            (self.note, "Note"),
            (self.add_site, "Add this site"),
            (self.sites, "Injected sites"),
            (self.remove_site, "Remove selected site"),
        ):
            w.setAccessibleName(name)
            w.setToolTip(name)
        self.error = error_label(self)
        form = QFormLayout()
        form.addRow("Date", self.date)
        form.addRow("Product", self.product)
        form.addRow("Units", self.units)
        form.addRow("Name", self.name)
        form.addRow("Note", self.note)
        sites_box = QGroupBox("Sites (pick on the face, then Add)", self)
        sl = QVBoxLayout(sites_box)
        sl.addWidget(self.place, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_site)
        row.addWidget(self.remove_site)
        sl.addLayout(row)
        sl.addWidget(self.sites)
        fx_box = QGroupBox("Side effects this cycle", self)
        grid = QGridLayout(fx_box)
        for i, (key, effect) in enumerate(catalog.SIDE_EFFECTS.items()):
            words = _(effect)
            combo = QComboBox(fx_box)
            combo.addItem(_("not rated"), NOT_RATED)
            for g, grade in enumerate(catalog.SIDE_EFFECT_GRADES):
                combo.addItem(_(grade), g)
            combo.setAccessibleName(words)
            combo.setToolTip(_("How bad was the {effect}?").format(effect=words))
            self.effects[key] = combo
            grid.addWidget(QLabel(words, fx_box), i, 0)
            grid.addWidget(combo, i, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(fx_box)
        left.addStretch(1)
        cols = QHBoxLayout()
        cols.addLayout(left, 1)
        cols.addWidget(sites_box, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(cols, 1)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.add_site.clicked.connect(self._add_site)
        self.remove_site.clicked.connect(self._remove_site)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        guard_wheel(self)  # the wheel scrolls; it changes no field
        self._codes: list[str] = []
        if injection is not None:
            self._fill(injection)

    def _fill(self, i: inj.Injection) -> None:
        self.date.setDate(QDate(i.date.year, i.date.month, i.date.day))
        self.product.setCurrentIndex(max(0, self.product.findData(i.product)))
        self.units.setText(f"{i.units:g}" if i.units is not None else "")
        self.name.setText(i.name)
        self.note.setText(i.note)
        for p in i.sites:
            self._codes.append(p.code)
            self.sites.addItem(p.words)
        for key, grade in i.side_effects.items():
            combo = self.effects[key]
            combo.setCurrentIndex(max(0, combo.findData(grade)))

    def _add_site(self) -> None:
        code = self.place.code()
        if code is None:
            self._say(_("Pick a place on the face (or in the lists) first."))
            return
        if code not in self._codes:
            from twitchlog.diary.records import Place

            self._codes.append(code)
            self.sites.addItem(Place.parse(code).words)
        self.error.hide()

    def _remove_site(self) -> None:
        row = self.sites.currentRow()
        if row >= 0:
            self.sites.takeItem(row)
            del self._codes[row]

    def values(self) -> inj.InjectionForm:
        effects = {
            k: int(c.currentData()) for k, c in self.effects.items() if c.currentData() != NOT_RATED
        }
        return inj.InjectionForm(
            day=dt.date.fromisoformat(self.date.date().toString("yyyy-MM-dd")),
            product=str(self.product.currentData()),
            units=self.units.text(),
            sites=tuple(self._codes),
            note=self.note.text(),
            name=self.name.text(),
            side_effects=effects,
        )

    def save(self) -> None:
        form = self.values()
        ident = self.injection.id if self.injection is not None else None
        WriteOp(self.runner, lambda c: inj.save_injection(c, form, ident)).success(
            lambda _r: self.accept()
        ).failure(self._failed).run()

    def _failed(self, error: DiaryError) -> None:
        self._say(str(error))

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
