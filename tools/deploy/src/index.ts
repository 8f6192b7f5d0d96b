// deploy tooling entry
