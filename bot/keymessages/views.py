"""Key messages as plain values for the builders: the compose modal's draft and field names, and a schedule with
its reach for `/promise list` and App Home."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

LOCAL = "local"
"""The zone of a schedule delivered at each recipient's own local time."""
CHANNEL_MODE, DM_MODE, CASCADE_MODE = "channel", "dm", "cascade"
"""Post in each channel; DM every member; DM each manager first and their members the next working day."""
EVERYONE, MANAGER, MEMBER = "everyone", "manager", "member"
"""Which version of a message a person gets: both buttons (no teams known, a channel, or a manager in a DM to
everyone); a manager's in a cascade (talking points, "Discussed"); a member's ("Got it")."""


class F:
    """Field (and block) names of the compose modal."""

    LIBRARY, TEXT, PROMPT = "library", "text", "prompt"
    SERIES, TRACK, CYCLE = "series", "track", "cycle"
    CHANNELS, GROUPS, MODE = "channels", "groups", "mode"
    CLARITY = "clarity"
    KIND, DATE, TIME, WEEKDAYS, INTERVAL, UNTIL, ZONE, PREVIEW = (
        "kind",
        "date",
        "time",
        "weekdays",
        "interval",
        "until",
        "zone",
        "preview",
    )


SERIES_BREAK = "---"
"""A line on its own in a written message that starts the next message of a series."""


@dataclass(frozen=True)
class SeriesMessage:
    """One message of a schedule's series: a library key with its title, or written text (no key, no title)."""

    key: str
    title: str
    text: str


@dataclass(frozen=True)
class Draft:
    """The compose modal's fields as a leader left them (or as a stored schedule fills them in for an edit)."""

    library_key: str = ""
    text: str = ""
    prompt_key: str = ""
    series_keys: tuple[str, ...] = ()
    track_key: str = ""
    cycle: bool = True
    channels: tuple[str, ...] = ()
    groups: str = ""
    mode: str = DM_MODE
    kind: str = "once"
    start: date | None = None
    at: time | None = None
    weekdays: tuple[int, ...] = ()
    interval: str = ""
    until: date | None = None
    zone: str = "UTC"
    preview: bool = False
    clarity: bool = True


@dataclass(frozen=True)
class Reach:
    delivered: int = 0
    failed: int = 0
    pending: int = 0
    acknowledged: int = 0
    discussed: int = 0


@dataclass(frozen=True)
class Understood:
    """How clear one occurrence was to its recipients, as far as the disclosure gate lets it be shown: how many
    answered (always), the mean once the check has closed and at least the minimum answered, the distribution
    where it may be shown, and the reporting groups (channels or user groups) whose own mean may be."""

    occurs_at: datetime
    zone: str
    answered: int = 0
    closes_at: datetime | None = None
    """While the check is open, when it closes; None once closed."""
    mean: float | None = None
    distribution: tuple[tuple[int, int], ...] = ()
    groups: tuple[tuple[str, float, int], ...] = ()
    """(group id, mean, answers), largest first."""
    min_size: int = 5


@dataclass(frozen=True)
class Schedule:
    """A stored schedule as its list shows it. `zone` is an IANA zone or `LOCAL`; `state` active, paused or
    cancelled."""

    id: int
    owner: str
    title: str
    text: str
    kind: str
    start_date: date
    at_time: time
    weekdays: tuple[int, ...]
    interval_weeks: int
    until_date: date | None
    zone: str
    state: str


@dataclass(frozen=True)
class LineReach:
    """One manager's line for one occurrence sent through managers: whether the manager discussed it, and how
    many of their members it reached and who said "Got it"."""

    manager: str
    discussed: bool
    members: int
    delivered: int
    acknowledged: int


@dataclass(frozen=True)
class CascadeReach:
    """An occurrence sent through managers, line by line.

    Covered: a member (someone who got the members' version) whose manager clicked "Discussed with my team" for
    that occurrence; the managers themselves are counted apart. `people` is every member the occurrence reached or
    is to reach, those with no manager included, so `covered / people` is the share of the organisation the
    discussions covered."""

    lines: tuple[LineReach, ...] = ()
    covered: int = 0
    people: int = 0

    @property
    def managers(self) -> int:
        return len(self.lines)

    @property
    def discussed(self) -> int:
        return sum(1 for line in self.lines if line.discussed)


@dataclass(frozen=True)
class ScheduleSummary:
    schedule: Schedule
    next_at: datetime | None
    last_at: datetime | None
    last_state: str
    last_reach: Reach
    total: Reach
    next_message: str = ""
    """For a series, the title (or text) of the message that goes next, and its place in the list."""
    next_number: int = 0
    series_length: int = 1
    cascade: CascadeReach | None = None
    """For a schedule sent through managers, its last occurrence line by line."""
    understood: tuple[Understood, ...] = ()
    """For a schedule with the clarity check, its latest occurrences' answers, newest first."""


@dataclass(frozen=True)
class Arrival:
    """When one group of recipients (people, or channels, in one time zone and timed alike) gets an occurrence."""

    place: str
    """The time zone's city, as `Manila`."""
    at: datetime
    """The arrival, in that zone."""
    count: int
    reason: str = ""
    """Why it arrives later than scheduled ("after the holiday"); empty when on time."""
