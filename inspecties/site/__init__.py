"""What the whole site shares: the start page, the legal statements, and the safety net for
input no form checks (with the Dutch 400/405 pages)."""
