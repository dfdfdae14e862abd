"""The disclosure gate on one round's raw aggregates: which figures any surface may publish."""

from __future__ import annotations

import random

from bot.pulses.disclosure import WHOLE, Cell, RoundAggregates, comments, dimension_figure, disclose, item_figure
from bot.pulses.views import Visibility

MIN = 5
Q1, Q2 = "align-role-meaning", "align-leaders-consistent"


def cell(question: str, group: str, *scores: int) -> Cell:
    distribution = tuple(sorted((s, scores.count(s)) for s in set(scores)))
    return Cell(
        question, "alignment", "likert5", group, len(scores), sum(scores), min(scores), max(scores), distribution
    )


def aggregates(*cells: Cell, closed: bool = True, comments: tuple[tuple[str, str], ...] = ()) -> RoundAggregates:
    respondents: dict[str, int] = {}
    for c in cells:
        respondents[c.group] = max(respondents.get(c.group, 0), c.answers)
    people = {(group, "alignment"): n for group, n in respondents.items()}
    return RoundAggregates(1, closed, cells, respondents, people, comments)


def test_a_dimension_over_a_hidden_question_is_not_shown_though_the_shown_question_is() -> None:
    # Six answer question 1 (2,3,3,3,3,3); one answers question 2 (2). A score over both would give x = 2.
    gate = disclose(aggregates(cell(Q1, "C1", 2, 3, 3, 3, 3, 3), cell(Q2, "C1", 2)), min_size=MIN)

    figure = gate.figure(Q1)
    assert figure is not None and round(figure.mean, 2) == 2.83 and figure.answers == 6
    assert gate.figure(Q2) is None
    assert dimension_figure([gate], "alignment", None) is None
    assert dimension_figure([gate], "alignment", {"C1"}) is None
    item = item_figure([gate], Q1, None)
    assert item is not None and item.score == figure.score


def test_a_dimension_whose_cells_all_may_be_shown_is_their_combined_score() -> None:
    gate = disclose(aggregates(cell(Q1, "C1", 1, 1, 5, 5, 5), cell(Q2, "C1", 3, 3, 3, 3, 5)), min_size=MIN)

    figure = dimension_figure([gate], "alignment", None)

    assert figure is not None
    assert figure.score == 25 * ((17 + 17) / 10 - 1)
    assert figure.respondents == 5 and figure.distribution == ()


def test_a_team_score_draws_only_on_its_groups_and_only_when_each_may_be_shown() -> None:
    gate = disclose(aggregates(cell(Q1, "C1", 4, 4, 4, 5, 5), cell(Q1, "C2", 1, 2)), min_size=MIN)

    # C1 is 5 of 7; shown beside the whole, it would leave C2's two answers by subtraction.
    assert gate.figure(Q1) is not None
    assert gate.figure(Q1, "C1") is None and gate.groups(Q1) == ()
    assert dimension_figure([gate], "alignment", {"C1"}) is None


def test_a_unanimous_question_shows_its_mean_but_not_its_distribution() -> None:
    gate = disclose(aggregates(cell(Q1, "C1", 4, 4, 4, 4, 4)), min_size=MIN)

    figure = gate.figure(Q1)

    assert figure is not None and figure.mean == 4.0 and figure.distribution == ()
    split = disclose(aggregates(cell(Q1, "C1", 4, 4, 4, 4, 5)), min_size=MIN).figure(Q1)
    assert split is not None and split.distribution == ((4, 4), (5, 1))


def test_a_group_figure_never_carries_a_distribution() -> None:
    gate = disclose(aggregates(cell(Q1, "C1", 1, 2, 3, 4, 5), cell(Q1, "C2", 1, 2, 3, 4, 5)), min_size=MIN)

    assert [(g, f.distribution) for g, f in gate.groups(Q1)] == [("C1", ()), ("C2", ())]
    assert gate.cells[(Q1, WHOLE)].answers == 10


def test_an_open_round_passes_no_figure_and_no_comment() -> None:
    gate = disclose(aggregates(cell(Q1, "C1", 1, 2, 3, 4, 5), closed=False, comments=(("C1", "hi"),)), min_size=MIN)

    assert gate.visibility is Visibility.OPEN
    assert gate.figure(Q1) is None and gate.comments(None) == []


def test_comments_of_a_team_are_shown_only_when_its_groups_may_be() -> None:
    texts = (("C1", "one"), ("C1", "two"), ("C2", "three"))
    gate = disclose(aggregates(cell(Q1, "C1", 1, 2, 3, 4, 5), cell(Q1, "C2", 1, 2, 3), comments=texts), min_size=MIN)

    assert sorted(gate.comments(None)) == ["one", "three", "two"]
    assert gate.comments({"C1"}) == []  # C1 beside the round's total would leave C2's three people
    assert gate.comments({"C2"}) == []


def test_comments_come_in_the_order_of_the_shuffle_not_of_storage() -> None:
    texts = tuple(("C1", f"comment {n}") for n in range(1, 7))
    gate = disclose(aggregates(cell(Q1, "C1", 1, 2, 3, 4, 5, 5), comments=texts), min_size=MIN)

    looks = {comments([gate], None, limit=6, rng=random.Random(seed)) for seed in range(10)}

    assert len(looks) > 1
    assert all(sorted(look) == sorted(t for _, t in texts) for look in looks)
    assert len(comments([gate], None, limit=3)) == 3


def test_no_distribution_beside_a_group_that_answered_as_one() -> None:
    # Whole 4: 5, 2: 5 and C1's mean 4.0 from 5 would say that each of C1 answered 4, and everyone else 2.
    gate = disclose(aggregates(cell(Q1, "C1", 4, 4, 4, 4, 4), cell(Q1, "C2", 2, 2, 2, 2, 2)), min_size=MIN)

    figure = gate.figure(Q1)

    assert figure is not None and figure.mean == 3.0 and figure.distribution == ()
    assert [(g, f.mean) for g, f in gate.groups(Q1)] == [("C1", 4.0), ("C2", 2.0)]


def test_no_distribution_when_the_people_a_breakdown_leaves_out_answered_as_one() -> None:
    # C2 and C3 are hidden; with C1's mean and the distribution, their five answers would all be 2.
    cells = (cell(Q1, "C1", 3, 4, 4, 5, 5), cell(Q1, "C2", 2, 2, 2), cell(Q1, "C3", 2, 2))
    gate = disclose(aggregates(*cells), min_size=MIN)

    figure = gate.figure(Q1)

    assert [g for g, _ in gate.groups(Q1)] == ["C1"]
    assert figure is not None and figure.distribution == ()
    mixed = disclose(aggregates(cells[0], cell(Q1, "C2", 1, 2, 2), cells[2]), min_size=MIN).figure(Q1)
    assert mixed is not None and mixed.distribution == ((1, 1), (2, 4), (3, 1), (4, 2), (5, 2))
