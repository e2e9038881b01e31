"""The morning-wave benchmark: `make bench` runs five scenarios and prints one table."""
