"""ZAP: a baseline scan or a given JSON report, its alerts mapped to the routes the PR changed
(analyzer.py is the entry point)."""
