"""The site engines, one module each (see ../engine.py for the interface)."""
