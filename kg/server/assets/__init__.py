"""server/assets."""
