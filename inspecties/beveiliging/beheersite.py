"""The Django admin's site (/beheer/): only users who passed the second factor get in, and it
speaks as the rest of Toezicht does. inspecties.apps.BeheerConfig makes it the default site."""

from django_otp.admin import OTPAdminSite


class BeheerSite(OTPAdminSite):
    site_header = "Toezicht – beheer"
    site_title = "Toezicht"
    index_title = "Beheer"

    def __init__(self, name: str = "admin"):
        super().__init__(name)  # django-otp names its site "otpadmin"; our URLs say "admin"
