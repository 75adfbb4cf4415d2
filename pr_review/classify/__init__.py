"""Classify and redact: decide what of the change may reach a model, before any request is made."""
