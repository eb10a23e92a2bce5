"""The domain vocabulary: built-in factors, face regions, warning signs, severity anchors.

Pure data with no imports beyond the standard library, so the database layer, the
diary services, the analysis and the GUI all read the same single definition.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FactorKind = Literal["number", "scale", "yesno"]
FactorCategory = Literal["trigger", "relief", "custom"]
FACTOR_KINDS: tuple[str, ...] = ("number", "scale", "yesno")

MG_PER_CUP = 95.0
"""A cup of brewed coffee holds about 95 mg of caffeine (the `--cups` helper)."""


@dataclass(frozen=True)
class FactorDef:
    """One trackable factor; `high_*` describe the catalog's "high" (risky) days for analysis."""

    key: str
    label: str
    kind: FactorKind
    unit: str = ""
    minimum: float = 0.0
    maximum: float = 10.0
    category: FactorCategory = "trigger"
    high_below: float | None = None  # high-risk day when value < this (e.g. short sleep)
    high_from: float | None = None  # high-risk day when value >= this (e.g. 300 mg caffeine)
    slow: bool = False  # slow-acting: the analysis also looks two days back
    evening: bool = False  # taken in the evening: the analysis also pairs the evening before
    help: str = ""


BUILTIN_FACTORS: tuple[FactorDef, ...] = (
    FactorDef(
        "caffeine_mg",
        "Caffeine",
        "number",
        "mg",
        0,
        2000,
        high_from=300,
        evening=True,
        help="Coffee, tea, cola, energy drinks. A cup of brewed coffee is about 95 mg.",
    ),
    FactorDef(
        "alcohol_units",
        "Alcohol",
        "number",
        "drinks",
        0,
        40,
        high_from=2,
        evening=True,
        help="Standard drinks (a small glass of wine, a bottle of beer).",
    ),
    FactorDef(
        "sleep_h",
        "Sleep",
        "number",
        "h",
        0,
        24,
        high_below=6,
        evening=True,
        help="Hours slept last night.",
    ),
    FactorDef(
        "sleep_quality", "Sleep quality", "scale", "0–10", 0, 10, help="0 = awful, 10 = perfect."
    ),
    FactorDef("fatigue", "Fatigue", "scale", "0–10", 0, 10, help="How tired you felt."),
    FactorDef(
        "stress",
        "Stress / anxiety",
        "scale",
        "0–10",
        0,
        10,
        slow=True,
        help="0 = calm, 10 = the worst stress.",
    ),
    FactorDef(
        "screen_h",
        "Screen time",
        "number",
        "h",
        0,
        24,
        help="Hours looking at screens (eye strain).",
    ),
    FactorDef(
        "water_l", "Water", "number", "L", 0, 15, high_below=1.5, help="Litres drunk (dehydration)."
    ),
    FactorDef("magnesium_mg", "Magnesium supplement", "number", "mg", 0, 5000, slow=True),
    FactorDef("potassium_mg", "Potassium supplement", "number", "mg", 0, 10000, slow=True),
    FactorDef("b12", "Vitamin B12 taken", "yesno", "", 0, 1, slow=True),
    FactorDef("vitamin_d", "Vitamin D taken", "yesno", "", 0, 1, slow=True),
    FactorDef("warm_compress", "Warm compress", "number", "min", 0, 1440, category="relief"),
    FactorDef(
        "facial_exercises",
        "Facial exercises",
        "number",
        "min",
        0,
        1440,
        category="relief",
        help="Eye squeezes, cheek stretches, jaw relaxation, massage.",
    ),
    FactorDef(
        "relaxation",
        "Relaxation",
        "number",
        "min",
        0,
        1440,
        category="relief",
        help="Deep breathing, meditation, yoga.",
    ),
    FactorDef("screen_breaks", "Screen breaks / eye care", "yesno", "", 0, 1, category="relief"),
)
BUILTIN_BY_KEY: dict[str, FactorDef] = {f.key: f for f in BUILTIN_FACTORS}

# Face regions in top-to-bottom order, with the words a person reads.
REGIONS: dict[str, str] = {
    "eyebrow": "eyebrow / forehead",
    "upper_eyelid": "upper eyelid",
    "lower_eyelid": "lower eyelid",
    "nose": "nose",
    "cheek": "cheek",
    "mouth": "mouth corner / lip",
    "chin": "chin",
    "jaw": "jaw",
    "neck": "neck",
}
SIDES: tuple[str, ...] = ("left", "right", "both")

SIGNS: dict[str, str] = {
    "weakness": "weakness of the face",
    "numbness": "numbness",
    "drooping": "drooping eyelid or mouth",
    "vision": "change in vision",
    "pain": "pain",
    "function": "trouble eating, speaking or seeing",
}

# Severity anchors after the Jankovic blepharospasm rating scale, in plain words.
SEVERITY: dict[int, str] = {
    1: "barely — only I notice",
    2: "mild — visible, not disabling",
    3: "moderate — gets in the way",
    4: "severe — can't see, speak or eat through it",
}

TREATMENT_KINDS: dict[str, str] = {
    "medication": "medication",
    "injection": "botulinum toxin injection",
    "therapy": "therapy (physical therapy, acupuncture…)",
    "procedure": "procedure (surgery)",
}

# Botulinum toxin products (generic names; the units of one are not the units of another).
INJECTION_PRODUCTS: dict[str, str] = {
    "onabotulinumtoxinA": "onabotulinumtoxinA (Botox)",
    "incobotulinumtoxinA": "incobotulinumtoxinA (Xeomin)",
    "abobotulinumtoxinA": "abobotulinumtoxinA (Dysport)",
    "other": "other",
}
# Side effects asked about for each injection cycle, and how bad each was.
SIDE_EFFECTS: dict[str, str] = {
    "ptosis": "drooping eyelid",
    "dry_eye": "dry eye",
    "tearing": "tearing",
    "double_vision": "double vision",
    "eye_closure": "trouble closing the eye",
    "bruising": "bruising",
}
SIDE_EFFECT_GRADES: tuple[str, ...] = ("none", "mild", "moderate", "severe")
DEFAULT_INJECTION_INTERVAL_DAYS = 84  # 12 weeks, until the person's own cycles say otherwise
DEFAULT_INJECTION_REMINDER_DAYS = 7

DEFAULT_DAY_START_HOUR = 4
MAX_DURATION_S = 24 * 3600
MAX_COUNT = 100_000
MAX_CUSTOM_FACTORS = 100
"""Factors of one's own a diary may hold: every view, chart and export must stay usable
with all of them (a 200,000-column import once brought the window down)."""
