"""The power sentence, and (slow) the stored power table against a fresh simulation."""

from __future__ import annotations

import pytest

from twitchlog.analysis import power


def test_power_sentence_for_diary_lengths(monkeypatch):
    monkeypatch.setattr(power, "POWER_TABLE", {90: 0.05, 180: 0.5, 365: 0.8})
    # Shorter than anything simulated: what there is first, not "with about three months".
    assert power.power_sentence(2) == (
        "With 2 checked-in days so far, links are rarely found yet; with about three months, "
        "an effect of 1.5× is found rarely (estimated by simulation)."
    )
    assert power.power_sentence(120) == (
        "With about three months, an effect of 1.5× is found rarely; with about six months, "
        "about half the time (estimated by simulation)."
    )
    s = power.power_sentence(330)
    assert s.startswith("With about a year, an effect of 1.5× is found about three times in four")
    assert "; " not in s


def test_stored_table_is_plausible():
    days = sorted(power.POWER_TABLE)
    assert days == [90, 180, 365]
    shares = [power.POWER_TABLE[d] for d in days]
    assert shares == sorted(shares)  # more days, more power
    assert all(power.POWER_TABLE[d] <= power.POWER_P05[d] for d in days)


@pytest.mark.slow
@pytest.mark.parametrize("days", [90, 180, 365])
def test_power_table_matches_simulation(days):
    est = power.estimate_power(power.POWER_RATIO, days)
    print(f"\n{days} days: {est}")
    assert est.found == pytest.approx(power.POWER_TABLE[days], abs=0.03)
    assert est.p05 == pytest.approx(power.POWER_P05[days], abs=0.03)
