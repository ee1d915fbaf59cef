"""Trust Coach core: the Qt-free model, store, rules and command line."""

__version__ = "0.1.0"
APP_ID = "io.github.trustcoach.TrustCoach"
APP_NAME = "Trust Coach"
