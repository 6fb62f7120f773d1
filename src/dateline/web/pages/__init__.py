"""The pages of the web view, one module per kind of page."""
