"""Block Kit builders: pure functions from Cadence's data to Slack's blocks, tested without Slack."""
