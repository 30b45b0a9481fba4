"""The seeded generator of the SYNTHETIC sample catalogue (run it with data/make_sample_catalogue.py)."""
