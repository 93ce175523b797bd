from tenants.workspace.menu import workspace_context


def workspace(request) -> dict:
    """The workspace's menu and who is signed in, on the workspace's pages only."""
    match = getattr(request, "resolver_match", None)
    if match is None or not match.namespace.startswith("staff"):
        return {}
    return workspace_context(request)
