"""solieu: figures, indicators and a static site from Vietnamese local-government reports."""

__version__ = "0.1.0"
