"""What Bolt raises while it reads a request of a shape Slack never sends (it indexes into the body unchecked as it
builds the request's context): the errors both transports catch, to refuse such a request rather than fail in it."""

BOLT_READ_ERRORS = (ValueError, TypeError, AttributeError, KeyError, IndexError)
