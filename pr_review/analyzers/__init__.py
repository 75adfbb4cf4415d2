"""The analyzers: each reads a ReviewInput and returns an AnalyzerResult (base.py is the interface).

The registry that builds them lives in pr_review/registry.py, so importing one analyzer, or the
interface, never imports the others."""
