"""Typed, frozen results of API calls, one module per API area (parsing helpers in ``_parse``)."""
