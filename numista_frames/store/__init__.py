"""What lives on disk: the Parquet frame cache, the price-history dataset and exports (no network)."""
