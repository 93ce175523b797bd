"""HCP codes of the members the tests use."""

TETOUAN = "01.571.01.11"
TANGER = "01.511.01.0"
TIMEZGANA = "03.531.03.23"
