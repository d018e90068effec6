"""The drone-strike incident archive: corpus → extraction → incidents → pages → MkDocs."""

__version__ = "0.1.0"
