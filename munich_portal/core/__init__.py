"""Cross-cutting pieces of the portal: layout, home page, health check, city structure, roles."""
