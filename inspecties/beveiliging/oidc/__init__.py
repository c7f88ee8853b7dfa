"""Single sign-on for staff through OpenID Connect (issue 17): see backend.py."""
