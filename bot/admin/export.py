"""`python -m bot export`: CSV files of what the programme holds, for the organisation's own analysis or a
subject-access request. Shout-outs are exported as given (words a spreadsheet would run as a formula are written so
it shows them as text, by `bot.platform.spreadsheet`); pulses only as the figures the disclosure gate passes, as on
every other surface (closed rounds, at least the minimum reporting size, no subtraction between groups, no
unanimous distribution).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from sqlmodel import Session

from bot.keymessages import occurrence_reach, occurrence_understood
from bot.platform import spreadsheet
from bot.platform.runtime import Runtime
from bot.pulses import WHOLE, round_disclosures
from storage import actions as actions_store
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
        "clarity_answers",
        "clarity_mean",
    ),
    "actions.csv": ("id", "channel", "item", "action", "owner", "due_on", "status", "created_at", "done_at"),
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
            "key_message_reach.csv": _reach(session, runtime.clock.now(), min_size),
            "actions.csv": _actions(session),
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
            writer.writerow(spreadsheet.row(row))
            count += 1
    return count


def _iso(moment: object) -> str:
    return moment.isoformat() if hasattr(moment, "isoformat") else str(moment)


def _shoutouts(session: Session) -> Iterable[Sequence[object]]:
    for row in store.shoutouts(session):
        recipients = " ".join(row.recipients)
        yield (row.id, _iso(row.created_at), row.giver, recipients, row.behaviour_key, row.message, row.source)


def _pulse_results(session: Session, min_size: int) -> list[Sequence[object]]:
    """Per closed round and question, as the disclosure gate passed them: the whole round's figures, then the
    groups that may be shown beside them (means only)."""
    rounds = store.closed_rounds(session)
    closed = {r.id: True for r in rounds if r.id is not None}
    disclosures = round_disclosures(session, closed, min_size=min_size, spreads=True)
    rows: list[Sequence[object]] = []
    for pulse_round, disclosure in zip(rounds, disclosures, strict=True):
        for question_id in sorted(q for q, group in disclosure.cells if group == WHOLE):
            figure, cell = disclosure.figure(question_id), disclosure.cells[(question_id, WHOLE)]
            if figure is None:
                continue
            spread = " ".join(f"{score}:{n}" for score, n in figure.distribution)
            head = (disclosure.round_id, _iso(pulse_round.closes_at), question_id, cell.dimension, cell.scale)
            rows.append((*head, ALL_GROUPS, figure.answers, f"{figure.mean:.2f}", spread))
            rows += [(*head, g, f.answers, f"{f.mean:.2f}", "") for g, f in disclosure.groups(question_id)]
    return rows


def _reach(session: Session, now: datetime, min_size: int) -> Iterable[Sequence[object]]:
    """Each occurrence's reach; for one with the clarity check, how many answered and the mean the gate allows."""
    for schedule, occurrence in store.key_message_occurrences(session):
        got = occurrence_reach(session, schedule.id or 0, occurrence.occurs_at)
        clear = occurrence_understood(session, schedule, occurrence.occurs_at, now=now, min_size=min_size)
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
            clear.answered if schedule.clarity else "",
            "" if clear.mean is None else f"{clear.mean:.2f}",
        )


def _actions(session: Session) -> Iterable[Sequence[object]]:
    for a in actions_store.listed(session):
        done = _iso(a.done_at) if a.done_at else ""
        yield (
            a.id,
            a.channel,
            a.question_id,
            a.text,
            a.owner,
            a.due_on.isoformat(),
            a.status,
            _iso(a.created_at),
            done,
        )
