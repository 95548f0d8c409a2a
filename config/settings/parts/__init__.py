"""The settings shared by every environment, one module per subject (`base.py` gathers them)."""
