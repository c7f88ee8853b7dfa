"""The one base of every domain error.

A rule that refuses what was asked raises a subclass of ToezichtFout whose message (`str()`) is
Dutch and meant for the user: OnderzoekFout, VoortgangFout, BestandFout, TweedeFactorFout,
ToetsingskaderFout, KaderFout, ... Views catch the base class and show the message. It lives here,
beside the project configuration and importing nothing, so that every app can raise it, also
toetsingskader below inspecties (the layers contract in pyproject.toml names that one import).
"""


class ToezichtFout(Exception):
    """Something a user asked for that the rules refuse; the message is Dutch, for the user."""
