"""Demo data: the published cases (YAML, loaded by laden.py) and a national-scale generated
dataset for measurements (landelijk/)."""
