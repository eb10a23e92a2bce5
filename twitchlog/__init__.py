"""twitchlog: a private diary for facial twitching."""

__version__ = "0.1.0"
