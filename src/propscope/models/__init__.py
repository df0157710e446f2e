"""Models shipped with propscope and the code that runs them."""
