"""The text layer: normalization with an offset map, segmentation, numbers and dates."""
