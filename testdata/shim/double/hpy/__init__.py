# Test double of the hpy distribution: only hpy.universal is provided.
