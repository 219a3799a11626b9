"""The yearly cycle: a new plan, rollover to next year, Excel export and import."""
