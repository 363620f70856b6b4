"""Python modules compiled from the Designer forms in ui/ by scripts/build_ui."""
