"""The numbers behind the pages' figures, as their text alternatives and tables say them
(without a browser: the browser test checks that the pages show them)."""
from __future__ import annotations

from collections import Counter

from sim.web.common.figure_text import class_rows, class_words, curve_rows, curve_words, heatmap_rows


def test_a_step_curve_keeps_only_the_dates_where_it_changes():
    dates = ["2023-03-01", "2023-03-02", "2023-03-03", "2023-03-04"]
    rows = curve_rows(dates, [0.0, 0.0, 0.25, 0.25], [0.0, 0.1, 0.1, 0.1])
    assert [r["date"] for r in rows] == ["2023-03-01", "2023-03-02", "2023-03-03"]
    assert rows[-1] == {"date": "2023-03-03", "whatif": "0.250", "base": "0.100"}
    assert "what-if reaches 0.250, the unchanged scenario 0.100" in \
        curve_words(dates, [0.0, 0.0, 0.25, 0.25], [0.0, 0.1, 0.1, 0.1])


def test_the_class_figure_says_each_share_and_each_game():
    model, played = Counter({0: 150, 1: 50}), [("ABC123", 1), ("XYZ789", 2)]
    rows = class_rows(model, played)
    assert rows == [{"held": "0", "model": "75% (150)", "games": "none"},
                    {"held": "1", "model": "25% (50)", "games": "ABC123"},
                    {"held": "2", "model": "0% (0)", "games": "XYZ789"}]
    words = class_words("Meetings by day 30", model, played)
    assert "200 replications: 0 meetings in 75%; 1 meeting in 25%" in words
    assert "game ABC123: 1; game XYZ789: 2" in words


def test_the_heatmap_table_has_a_row_per_venue_and_a_cell_per_mediation():
    cells = {("Baku", "none"): "possible", ("Baku", "ru"): "blocked by Baku"}
    assert heatmap_rows(["Baku"], ["none", "ru"], cells) == [
        {"venue": "Baku", "c0": "possible", "c1": "blocked by Baku"}]
