"""Which browser on which system a session is, from its User-Agent, in words a person
recognises ("Firefox op Windows"). Pure: no database. A few well-known names; the rest is
"onbekende browser"."""

# First match wins: Edge and Opera also say "Chrome", Chrome also says "Safari".
BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chromium/", "Chromium"),
    ("HeadlessChrome/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
SYSTEMEN = (
    ("Windows", "Windows"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Mac OS X", "macOS"),
    ("Linux", "Linux"),
)


def omschrijving(user_agent: str) -> str:
    ua = user_agent or ""
    browser = next((naam for teken, naam in BROWSERS if teken in ua), "")
    systeem = next((naam for teken, naam in SYSTEMEN if teken in ua), "")
    if browser and systeem:
        return f"{browser} op {systeem}"
    return browser or (f"Browser op {systeem}" if systeem else "Onbekende browser")
