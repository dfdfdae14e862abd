"""`make demo`: a fictional organisation plays weeks of a Cadence programme against the bundled Slack stand-in."""
