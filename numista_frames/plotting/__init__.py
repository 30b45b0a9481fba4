"""Charts of the frames and analysis results (pure: DataFrame in, Axes out; matplotlib imported lazily)."""

from numista_frames.plotting.bars import plot_collection, plot_value
from numista_frames.plotting.prices import plot_price_history, plot_prices

__all__ = ["plot_collection", "plot_price_history", "plot_prices", "plot_value"]
