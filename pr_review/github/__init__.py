"""GitHub mode: the pull request from the Actions environment, and reporting back to it."""
