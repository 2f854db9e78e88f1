int plain_helper(int x) { return x + 1; }
