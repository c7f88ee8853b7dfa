"""Progress reports (voortgangsrapportages): checking an upload, submitting it, the inspectors'
inbox and the due dates."""
