"""The power sentence from the stored, measured table."""

from __future__ import annotations

from twitchlog.analysis import power


def test_power_sentence_for_diary_lengths(monkeypatch):
    table = {("overdispersed", 1.5): {90: 0.05, 180: 0.5, 365: 0.8}}
    monkeypatch.setattr(power, "POWER_TABLE", table)
    # Shorter than anything simulated: what there is first, not "with about three months".
    assert power.power_sentence(2) == (
        "With 2 checked-in days so far, links are rarely found yet; with about three months, "
        "an effect of 1.5× is found rarely (measured in simulated diaries)."
    )
    assert power.power_sentence(120) == (
        "With about three months, an effect of 1.5× is found rarely; with about six months, "
        "about half the time (measured in simulated diaries)."
    )
    s = power.power_sentence(330)
    assert s.startswith("With about a year, an effect of 1.5× is found about three times in four")
    assert "; " not in s


def test_stored_table_is_plausible():
    for key, row in power.POWER_TABLE.items():
        assert sorted(row) == list(power.POWER_DAYS), key
        shares = [row[d] for d in power.POWER_DAYS]
        assert shares == sorted(shares), key  # more days, more power
    for scenario in ("poisson", "overdispersed"):
        for d in power.POWER_DAYS:
            assert power.POWER_TABLE[(scenario, 1.5)][d] <= power.POWER_TABLE[(scenario, 2.0)][d]
            assert (
                power.POWER_TABLE[("overdispersed", 1.5)][d]
                <= power.POWER_TABLE[("poisson", 1.5)][d]
            )
