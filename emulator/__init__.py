"""A local stand-in for the Slack Web API, for Cadence's end-to-end tests and demo.

It answers the methods Cadence uses with Slack's shapes and errors, records every call, and injects
faults (429 with Retry-After, 5xx, `ok: false`, slow answers, connections dropped before a call is applied,
and answers lost after it was) on demand.
"""

from emulator.emulator import SlackEmulator
from emulator.faults import Fault, FaultKind
from emulator.records import Call, Ephemeral, Message, ResponsePost, UploadedFile
from emulator.workspace import Channel, User, Usergroup, Workspace

__all__ = [
    "Call",
    "Channel",
    "Ephemeral",
    "Fault",
    "FaultKind",
    "Message",
    "ResponsePost",
    "SlackEmulator",
    "UploadedFile",
    "User",
    "Usergroup",
    "Workspace",
]
