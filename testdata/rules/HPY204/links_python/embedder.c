int embedder(void) { return 0; }
