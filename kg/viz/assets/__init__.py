"""viz/assets."""
