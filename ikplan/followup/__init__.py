"""Follow-up: risk scoring and the status of every item per period."""
