"""The HTTP layer: session (requests-cache beneath, throttle, retries), ledger, OAuth, client, batches.

The only folder that imports ``requests``.
"""
