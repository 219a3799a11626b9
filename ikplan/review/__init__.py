"""Review in git: semantic diff, flat view for textconv, reading plans at a revision."""
