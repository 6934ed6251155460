"""Models trained by Marsad's own training code, shipped as package data with their model cards."""
