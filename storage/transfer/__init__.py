"""A team's history in and out as CSV: reading, checking, bulk writing and exporting."""
