"""The years a plan, a period or a command line may name: one range, so that no command takes a year
no plan can have (nor gets as far as a date that cannot exist: `--år -1`)."""

FIRST_YEAR = 1900
LAST_YEAR = 2200
