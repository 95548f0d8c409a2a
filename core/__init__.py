"""The ground floor shared by every area (docs/architecture.md): it imports no business area."""
