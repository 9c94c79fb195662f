"""For authors: check (errors and warnings), new lessons from a skeleton, and noticing edits for preview."""
