"""French as the Imprimerie nationale sets it: thousands apart by a narrow no-break space
("422 757"), the same space the Arabic pages use (platform/formats/ar/formats.py). Everything
else is Django's own French."""

THOUSAND_SEPARATOR = "\u202f"
NUMBER_GROUPING = 3
