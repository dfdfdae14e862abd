"""Recognition shout-outs: the parser, the rules for giving one, reactions, and what a person gave and received.
Other features read recognition only through these names."""

from bot.recognition.shoutouts import recognition_summary

__all__ = ["recognition_summary"]
