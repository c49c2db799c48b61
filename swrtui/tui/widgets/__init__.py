"""Reusable widgets: the navigation tree, the paged tags table and small display helpers."""
