"""The emulator's domain: the operations behind the API, shared by handlers and control calls.

Handlers parse a request, call in here and render the answer; the control endpoints call
the same functions. Functions validate their arguments against the state and raise
:class:`swrtui.emulator.errors.ApiError` with the service's stable codes. The backend knows
nothing of HTTP: it never imports the request helpers, the router or a handler.
"""
