"""The domain vocabulary: built-in factors, face regions, warning signs, severity anchors.

Pure data with no imports beyond the standard library (and the stdlib-only `i18n`), so the
database layer, the diary services, the analysis and the GUI all read the same single
definition. Every word a person reads is marked `N_()` and stays English here (it is also the
key the diary stores and the command line accepts); whoever SHOWS one calls `_()` on it.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from twitchlog.i18n import N_

FactorKind = Literal["number", "scale", "yesno"]
FactorCategory = Literal["trigger", "relief", "custom"]
FACTOR_KINDS: tuple[str, ...] = ("number", "scale", "yesno")

MG_PER_CUP = 95.0
"""A cup of brewed coffee holds about 95 mg of caffeine (the `--cups` helper)."""


class FactorDef(NamedTuple):
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
        N_("Caffeine"),
        "number",
        "mg",
        0,
        2000,
        high_from=300,
        evening=True,
        help=N_("Coffee, tea, cola, energy drinks. A cup of brewed coffee is about 95 mg."),
    ),
    FactorDef(
        "alcohol_units",
        N_("Alcohol"),
        "number",
        "drinks",
        0,
        40,
        high_from=2,
        evening=True,
        help=N_("Standard drinks (a small glass of wine, a bottle of beer)."),
    ),
    FactorDef(
        "sleep_h",
        N_("Sleep"),
        "number",
        "h",
        0,
        24,
        high_below=6,
        evening=True,
        help=N_("Hours slept last night."),
    ),
    FactorDef(
        "sleep_quality",
        N_("Sleep quality"),
        "scale",
        "0–10",
        0,
        10,
        help=N_("0 = awful, 10 = perfect."),
    ),
    FactorDef("fatigue", N_("Fatigue"), "scale", "0–10", 0, 10, help=N_("How tired you felt.")),
    FactorDef(
        "stress",
        N_("Stress / anxiety"),
        "scale",
        "0–10",
        0,
        10,
        slow=True,
        help=N_("0 = calm, 10 = the worst stress."),
    ),
    FactorDef(
        "screen_h",
        N_("Screen time"),
        "number",
        "h",
        0,
        24,
        help=N_("Hours looking at screens (eye strain)."),
    ),
    FactorDef(
        "water_l",
        N_("Water"),
        "number",
        "L",
        0,
        15,
        high_below=1.5,
        help=N_("Litres drunk (dehydration)."),
    ),
    FactorDef("magnesium_mg", N_("Magnesium supplement"), "number", "mg", 0, 5000, slow=True),
    FactorDef("potassium_mg", N_("Potassium supplement"), "number", "mg", 0, 10000, slow=True),
    FactorDef("b12", N_("Vitamin B12 taken"), "yesno", "", 0, 1, slow=True),
    FactorDef("vitamin_d", N_("Vitamin D taken"), "yesno", "", 0, 1, slow=True),
    FactorDef("warm_compress", N_("Warm compress"), "number", "min", 0, 1440, category="relief"),
    FactorDef(
        "facial_exercises",
        N_("Facial exercises"),
        "number",
        "min",
        0,
        1440,
        category="relief",
        help=N_("Eye squeezes, cheek stretches, jaw relaxation, massage."),
    ),
    FactorDef(
        "relaxation",
        N_("Relaxation"),
        "number",
        "min",
        0,
        1440,
        category="relief",
        help=N_("Deep breathing, meditation, yoga."),
    ),
    FactorDef(
        "screen_breaks", N_("Screen breaks / eye care"), "yesno", "", 0, 1, category="relief"
    ),
)
BUILTIN_BY_KEY: dict[str, FactorDef] = {f.key: f for f in BUILTIN_FACTORS}

# Face regions in top-to-bottom order, with the words a person reads.
REGIONS: dict[str, str] = {
    "eyebrow": N_("eyebrow / forehead"),
    "upper_eyelid": N_("upper eyelid"),
    "lower_eyelid": N_("lower eyelid"),
    "nose": N_("nose"),
    "cheek": N_("cheek"),
    "mouth": N_("mouth corner / lip"),
    "chin": N_("chin"),
    "jaw": N_("jaw"),
    "neck": N_("neck"),
}
SIDES: tuple[str, ...] = (N_("left"), N_("right"), N_("both"))

SIGNS: dict[str, str] = {
    "weakness": N_("weakness of the face"),
    "numbness": N_("numbness"),
    "drooping": N_("drooping eyelid or mouth"),
    "vision": N_("change in vision"),
    "pain": N_("pain"),
    "function": N_("trouble eating, speaking or seeing"),
}

# Severity anchors after the Jankovic blepharospasm rating scale, in plain words.
SEVERITY: dict[int, str] = {
    1: N_("barely — only I notice"),
    2: N_("mild — visible, not disabling"),
    3: N_("moderate — gets in the way"),
    4: N_("severe — can't see, speak or eat through it"),
}

TREATMENT_KINDS: dict[str, str] = {
    "medication": N_("medication"),
    "injection": N_("botulinum toxin injection"),
    "therapy": N_("therapy (physical therapy, acupuncture…)"),
    "procedure": N_("procedure (surgery)"),
}

# Botulinum toxin products (generic names; the units of one are not the units of another).
INJECTION_PRODUCTS: dict[str, str] = {
    "onabotulinumtoxinA": N_("onabotulinumtoxinA (Botox)"),
    "incobotulinumtoxinA": N_("incobotulinumtoxinA (Xeomin)"),
    "abobotulinumtoxinA": N_("abobotulinumtoxinA (Dysport)"),
    "other": N_("other"),
}
# Side effects asked about for each injection cycle, and how bad each was.
SIDE_EFFECTS: dict[str, str] = {
    "ptosis": N_("drooping eyelid"),
    "dry_eye": N_("dry eye"),
    "tearing": N_("tearing"),
    "double_vision": N_("double vision"),
    "eye_closure": N_("trouble closing the eye"),
    "bruising": N_("bruising"),
}
SIDE_EFFECT_GRADES: tuple[str, ...] = (N_("none"), N_("mild"), N_("moderate"), N_("severe"))
DEFAULT_INJECTION_INTERVAL_DAYS = 84  # 12 weeks, until the person's own cycles say otherwise
DEFAULT_INJECTION_REMINDER_DAYS = 7

DEFAULT_DAY_START_HOUR = 4
OUTCOME_PER_DAY: dict[str, str] = {  # shown through _(): axis labels, experiment results
    "count": N_("twitches a day"),
    "severity": N_("severity points a day"),
    "duration": N_("minutes of twitching a day"),
}
OUTCOMES: tuple[str, ...] = tuple(OUTCOME_PER_DAY)
"""What a day's twitching is measured by: episodes, total severity or minutes."""
MAX_DURATION_S = 24 * 3600
MAX_COUNT = 100_000
MAX_CUSTOM_FACTORS = 100
"""Factors of one's own a diary may hold: every view, chart and export must stay usable
with all of them (a 200,000-column import once brought the window down)."""
