"""The care model stages for people with complex needs: one module per stage, named after its step id."""
