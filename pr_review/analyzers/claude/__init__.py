"""Claude: the PR's changes planned into fenced requests, sent to the Messages API, and its answer
checked against the finding schema (analyzer.py is the entry point)."""
