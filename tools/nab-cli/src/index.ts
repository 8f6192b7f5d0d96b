// NAB harness entry.
