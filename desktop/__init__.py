"""The briefing browser: figures and entities from news, each tied to the sentence it came from."""

__version__ = "0.1.0"
APP_NAME = "Briefing Browser"
APP_ID = "briefing-browser"
ORGANISATION = "Briefing Browser"
