"""Everything Textual: the guided session app. The core never imports from here."""
