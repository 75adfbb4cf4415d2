"""Text neutralising shared by analyzers and reporters: invisible characters made visible,
model and PR text made inert before anything posts it."""
