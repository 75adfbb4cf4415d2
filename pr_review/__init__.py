"""pr-review: a security review pipeline for pull requests."""

__version__ = "0.1.0"
