"""What the whole site shares: the start page and the legal statements."""
