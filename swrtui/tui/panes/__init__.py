"""The detail panes, one module per API area (the names of ``client/endpoints``): the tenant
(``reports``, with ``quotas`` and ``api_versions``), ``organizations`` (with
``org_permissions``), ``repositories`` (with ``shared_accounts``, ``image_permissions``,
``triggers``, ``retention``, ``sync``) and ``tags``; ``base`` the pane they share."""
