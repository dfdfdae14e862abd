"""What the demo's people do, drawn from a seeded model: who answers a pulse and how, who clicks, who recognises whom.

Each person has a lasting sense of alignment and of empowerment. Pulse answers follow them with some noise, and the
outcome item (how likely they are to recommend us) follows empowerment far more than alignment, so key-driver
analysis has something true to find. Empowerment grows a little each week as the programme takes hold, and more
people answer as the habit forms (the reminder brings in some of the rest).
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from bot.demo.organisation import Organisation

ALIGNMENT_ITEMS = ("align-role-meaning",)
EMPOWERMENT_ITEMS = ("empower-fix-without-approval",)
OUTCOME_ITEM = "outcome-recommend"
QUESTIONS = (*ALIGNMENT_ITEMS, *EMPOWERMENT_ITEMS, OUTCOME_ITEM)

COMMENTS = {
    "low": (
        "I still need a manager's sign-off for a refund over £20, and the customer waits a day for it.",
        "The new returns process takes longer than the old one. Customers notice.",
        "We are told to own it, then asked why we didn't escalate.",
        "I'd fix more on the first call if I could see the customer's order history.",
    ),
    "high": (
        "Being allowed to waive the delivery fee myself has changed my calls.",
        "The Tuesday messages are short enough to actually read. Keep them that way.",
        "Our team huddle about the promise was the best ten minutes of the week.",
        "Good to see leaders talking about customers and not only targets.",
    ),
}
CUSTOMER_WINS = (
    "Customer called back to say thank you: her replacement arrived before the weekend.",
    "Fixed a billing loop that had charged a family twice since March. Refund is on its way.",
    "Walked a customer through the app in Tagalog; he finally got his loyalty points.",
    "A wheelchair user could not book online, so I booked it with her and logged the form bug.",
    "Rerouted a delivery to a hospital ward so the customer's father got his parcel.",
    "Spotted three complaints about the same courier and raised it with logistics before it spread.",
)
SHOUTOUT_WORDS = (
    "stayed on the line until the refund cleared",
    "turned an angry complaint into a five-star review",
    "rewrote the returns email so customers actually understand it",
    "called the customer back on her day off to close the loop",
    "shared the story of the lost wedding dress with the whole team",
    "fixed the broken postcode lookup that had been annoying customers for months",
    "took over a tricky case from a colleague and saw it through",
    "went to the depot herself to find the missing parcel",
)
BEHAVIOURS = ("own-it", "put-it-right", "closed-the-loop", "fixed-the-process", "extra-mile", "shared-a-story")


@dataclass(frozen=True)
class Person:
    user_id: str
    alignment: float
    empowerment: float
    diligence: float


@dataclass(frozen=True)
class PulseReply:
    user_id: str
    scores: dict[str, int]
    comment: str | None
    after_reminder: bool


@dataclass(frozen=True)
class Shoutout:
    giver: str
    recipients: tuple[str, ...]
    behaviour: str
    words: str


class PeopleModel:
    def __init__(self, org: Organisation, seed: int) -> None:
        self.org = org
        self.rng = random.Random(seed * 7919 + 17)
        self.people = {
            user_id: Person(
                user_id,
                alignment=self.rng.gauss(0.3, 0.7),
                empowerment=self.rng.gauss(-0.4, 0.8),
                diligence=self.rng.uniform(0.55, 1.0),
            )
            for user_id in org.frontline
        }
        self._wins = itertools.cycle(self.rng.sample(CUSTOMER_WINS, len(CUSTOMER_WINS)))
        self._words = itertools.cycle(self.rng.sample(SHOUTOUT_WORDS, len(SHOUTOUT_WORDS)))

    def pulse_replies(self, week: int) -> list[PulseReply]:
        """Who answers this week's pulse (in the order they do), and what they answer."""
        habit = min(0.78, 0.52 + 0.06 * week)
        replies = []
        for person in self.people.values():
            if self.rng.random() < habit * person.diligence + 0.12:
                replies.append(self._reply(person, week, after_reminder=False))
            elif self.rng.random() < 0.35:
                replies.append(self._reply(person, week, after_reminder=True))
        return sorted(replies, key=lambda r: r.after_reminder)

    def _reply(self, person: Person, week: int, *, after_reminder: bool) -> PulseReply:
        empowerment = person.empowerment + 0.12 * week + self.rng.gauss(0, 0.35)
        alignment = person.alignment + 0.04 * week + self.rng.gauss(0, 0.35)
        scores = {item: _likert(alignment + self.rng.gauss(0, 0.5)) for item in ALIGNMENT_ITEMS}
        scores |= {item: _likert(empowerment + self.rng.gauss(0, 0.4)) for item in EMPOWERMENT_ITEMS}
        outcome = 6.2 + 2.0 * empowerment + 0.3 * alignment + self.rng.gauss(0, 0.8)
        scores[OUTCOME_ITEM] = max(0, min(10, round(outcome)))
        comment = None
        if self.rng.random() < 0.18:
            comment = self.rng.choice(COMMENTS["low" if empowerment < 0 else "high"])
        return PulseReply(person.user_id, scores, comment, after_reminder)

    def acknowledges(self, user_id: str) -> tuple[bool, bool]:
        """Whether `user_id` clicks "Got it", and whether they click "Discussed with my team", on a key message."""
        diligence = self.people[user_id].diligence if user_id in self.people else 0.5
        got_it = self.rng.random() < diligence * 0.75
        discussed = user_id in self.org.champions or (got_it and self.rng.random() < 0.15)
        return got_it, discussed

    def shoutouts(self, count: int) -> list[Shoutout]:
        """`count` shout-outs between teammates: usually one recipient, sometimes two."""
        found = []
        for _ in range(count):
            team = self.rng.choice(self.org.teams).members
            giver, *others = self.rng.sample(team, min(3, len(team)))
            recipients = tuple(others[: 2 if self.rng.random() < 0.2 else 1])
            words = next(self._words).capitalize()
            found.append(Shoutout(giver, recipients, self.rng.choice(BEHAVIOURS), words))
        return found

    def customer_win(self) -> str:
        return next(self._wins)


def _likert(latent: float) -> int:
    return max(1, min(5, round(3 + latent)))
