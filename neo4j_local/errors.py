"""Errors of the local Neo4j launcher."""


class ProvisioningError(RuntimeError):
    """Something the local Neo4j needs is missing or broken; the message says what to do."""
