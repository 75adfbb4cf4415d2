"""Reporters: findings.json, SARIF, Markdown summary, terminal text (GitHub comes later)."""
