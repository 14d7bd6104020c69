"""The simulated backend: a virtual board, virtual clock, virtual devices and a scenario loader."""
