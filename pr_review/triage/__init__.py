"""Triage: findings a team has decided about — suppressed in code or config, dismissed by a reviewer.

A decided finding is never dropped silently: it moves from `ReviewOutcome.findings` to
`ReviewOutcome.suppressed`, is listed in the summary and findings.json, and is recorded in the audit
trail. See docs/triage.md.
"""
