"""Training code for the models Marsad ships (rebuild them with `marsad train ...`)."""
