"""Gather the change under review: its diff, its files at head, and (for PRs) its metadata."""
