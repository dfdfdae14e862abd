"""`python -m bot export`: CSV files of what the programme holds, for the organisation's own analysis or a
subject-access request. Shout-outs are exported as given; pulses only as aggregates that pass the same privacy
rules as every other surface (closed rounds, at least the minimum reporting size, no subtraction between groups).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from sqlmodel import Session

from bot.keymessages import occurrence_reach
from bot.platform.runtime import Runtime
from bot.pulses import cell_visible, publishable
from storage import export as store

ALL_GROUPS = "all"
FILES = {
    "shoutouts.csv": ("id", "created_at", "giver", "recipients", "behaviour", "message", "source"),
    "pulse_results.csv": (
        "round",
        "closed_at",
        "question",
        "dimension",
        "scale",
        "group",
        "respondents",
        "mean",
        "distribution",
    ),
    "pulse_participation.csv": ("round", "opens_at", "closes_at", "state", "invited", "answered"),
    "key_message_reach.csv": (
        "schedule",
        "title",
        "occurs_at",
        "state",
        "recipients",
        "delivered",
        "failed",
        "pending",
        "got_it",
        "discussed",
    ),
}


def export_csv(runtime: Runtime, out_dir: Path) -> dict[str, int]:
    """Write the CSV files into `out_dir` (created if needed); returns the number of data rows in each."""
    out_dir.mkdir(parents=True, exist_ok=True)
    min_size = runtime.settings.min_group_size
    written: dict[str, int] = {}
    with runtime.session() as session:
        rows = {
            "shoutouts.csv": _shoutouts(session),
            "pulse_results.csv": _pulse_results(session, min_size),
            "pulse_participation.csv": (
                [*row[:1], *(_iso(v) for v in row[1:3]), *row[3:]] for row in store.round_turnout(session)
            ),
            "key_message_reach.csv": _reach(session),
        }
        for name, data in rows.items():
            written[name] = _write(out_dir / name, FILES[name], data)
    return written


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    count = 0
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _iso(moment: object) -> str:
    return moment.isoformat() if hasattr(moment, "isoformat") else str(moment)


def _shoutouts(session: Session) -> Iterable[Sequence[object]]:
    for row in store.shoutouts(session):
        recipients = " ".join(row.recipients)
        yield (row.id, _iso(row.created_at), row.giver, recipients, row.behaviour_key, row.message, row.source)


def _pulse_results(session: Session, min_size: int) -> list[Sequence[object]]:
    """Per closed round and question: the whole round's figures, then the groups that may be shown beside them."""
    by_question: dict[tuple[int, str], list[store.QuestionCell]] = defaultdict(list)
    for cell in store.closed_question_cells(session):
        by_question[(cell.round_id, cell.question_id)].append(cell)
    rows: list[Sequence[object]] = []
    for (round_id, question_id), cells in sorted(by_question.items()):
        total = sum(c.respondents for c in cells)
        if not cell_visible(total, min_size):
            continue
        first = cells[0]
        distribution: dict[int, int] = defaultdict(int)
        for cell in cells:
            for score, n in cell.distribution.items():
                distribution[score] += n
        answers = sum(distribution.values())
        mean = sum(score * n for score, n in distribution.items()) / answers
        spread = " ".join(f"{score}:{n}" for score, n in sorted(distribution.items()))
        head = (round_id, _iso(first.closes_at), question_id, first.dimension, first.scale)
        rows.append((*head, ALL_GROUPS, total, f"{mean:.2f}", spread))
        shown = publishable({c.group: c.respondents for c in cells}, min_size)
        rows += [(*head, c.group, c.respondents, f"{c.mean:.2f}", "") for c in cells if c.group in shown]
    return rows


def _reach(session: Session) -> Iterable[Sequence[object]]:
    for schedule, occurrence in store.key_message_occurrences(session):
        got = occurrence_reach(session, schedule.id or 0, occurrence.occurs_at)
        yield (
            schedule.id,
            schedule.title,
            _iso(occurrence.occurs_at),
            occurrence.state,
            occurrence.recipients,
            got.delivered,
            got.failed,
            got.pending,
            got.acknowledged,
            got.discussed,
        )
