"""The plan format: pydantic models, value types, the kommun's ikplan.yaml and the JSON Schema."""
