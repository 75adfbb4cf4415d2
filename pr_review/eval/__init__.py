"""`pr-review eval`: how the configured review does on labelled cases, and how that moves over time."""
