"""Services: the catalogue, offices, online requests and appointments (issues 4 and 5)."""
