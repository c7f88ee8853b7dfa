"""The municipality's portal: everything scoped to the gemeenten of request.user."""
