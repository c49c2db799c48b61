"""The ids of the detail panes and of their tabs: the one place the panes, the app and the
palette name them."""

from __future__ import annotations

from swrtui.tui.nodes import Kind

# One pane per node kind in the app's ContentSwitcher, plus command mode's output.
PANES: dict[Kind, str] = {
    "tenant": "pane-tenant",
    "organization": "pane-organization",
    "repository": "pane-repository",
    "tag": "pane-tag",
}
COMMAND_PANE = "pane-command"

TENANT_TABS = "tenant-tabs"
TENANT_OVERVIEW = "tenant-overview"
TENANT_MONTHLY = "tenant-monthly"
TENANT_VERSIONS = "tenant-versions"
TENANT_GATES = "tenant-gates"

ORG_TABS = "org-tabs"
ORG_DETAILS = "org-details-tab"
ORG_PERMISSIONS = "org-permissions-tab"

REPO_TABS = "repo-tabs"
REPO_TAGS = "repo-tags"
REPO_DETAILS = "repo-details-tab"
REPO_SHARES = "repo-shares"
REPO_PERMISSIONS = "repo-permissions"
REPO_TRIGGERS = "repo-triggers"
REPO_RETENTION = "repo-retention"
REPO_SYNC = "repo-sync"

# The tabs the palette opens ("repository: Show sync tasks"): node kind, title, tab id.
SHOWABLE: tuple[tuple[Kind, str, str], ...] = (
    ("repository", "tags", REPO_TAGS),
    ("repository", "details", REPO_DETAILS),
    ("repository", "shared accounts", REPO_SHARES),
    ("repository", "permissions", REPO_PERMISSIONS),
    ("repository", "triggers", REPO_TRIGGERS),
    ("repository", "retention policy", REPO_RETENTION),
    ("repository", "sync tasks", REPO_SYNC),
    ("organization", "permissions", ORG_PERMISSIONS),
)
