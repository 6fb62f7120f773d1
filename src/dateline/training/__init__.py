"""Training the learned event coder: examples from gold sentences (``examples``)."""
