"""Loading and checking: the safe YAML loader, schema and domain rules, findings and their reporters."""
