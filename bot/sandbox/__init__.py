"""`python -m bot sandbox`: the demo's organisation, played for a few weeks and kept running, in a Slack-like web
client on 127.0.0.1 where a visitor acts as any of its people against the real Cadence app."""
